import { type SqlBool, sql } from "kysely";
import "./registry.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { IdRange } from "../shared/reference-code.ts";
import { casesReach } from "./cases.store.ts";

// SQL for a caseworker's worklist (the cases assigned to the caller, in reach) and for filling the people's
// keyed filter terms. Filters on personal values compare keyed terms only: the terms come in already keyed.

const NO_USER = "00000000-0000-0000-0000-000000000000";

/** What a page of the caller's cases is asked with; `all`/`any` are keyed terms of the person. */
export interface MyCasesFilter {
  status?: string | undefined;
  type?: string | undefined;
  /** Keyed terms the person must hold every one of (nationality, needs). */
  all: string[];
  /** Keyed terms the person must hold one of (the birth years of an age band); null for no such filter. */
  any: string[] | null;
  /** Ranges of case ids a search by code names (src/shared/reference-code.ts); a case in any of them matches. */
  idRanges?: readonly IdRange[] | undefined;
  newestFirst: boolean;
  limit: number;
  offset: number;
}

const caseColumns = [
  "registry_cases.id",
  "registry_cases.person_id",
  "registry_cases.case_type",
  "registry_cases.status",
  "registry_cases.office_id",
  "registry_cases.assigned_to",
  "registry_cases.created_at",
  "registry_people.given_names_enc",
  "registry_people.surnames_enc",
] as const;

/** The caller's cases matching the filter, one page of them, and how many match in all. */
export async function listMyCases(tx: Tx, scope: Scope, f: MyCasesFilter) {
  let q = tx
    .selectFrom("registry_cases")
    .innerJoin("registry_people", (j) =>
      j
        .onRef("registry_people.tenant_id", "=", "registry_cases.tenant_id")
        .onRef("registry_people.id", "=", "registry_cases.person_id"),
    )
    .where("registry_cases.tenant_id", "=", scope.tenantId)
    .where("registry_cases.assigned_to", "=", scope.userId ?? NO_USER)
    .where((eb) => casesReach(scope)(eb as unknown as Parameters<ReturnType<typeof casesReach>>[0]));
  if (f.status) q = q.where("registry_cases.status", "=", f.status);
  if (f.type) q = q.where("registry_cases.case_type", "=", f.type);
  if (f.all.length > 0) q = q.where(sql<SqlBool>`registry_people.filter_terms @> ${f.all}::text[]`);
  if (f.any !== null) q = q.where(sql<SqlBool>`registry_people.filter_terms && ${f.any}::text[]`);
  const ranges = f.idRanges ?? [];
  if (ranges.length > 0)
    q = q.where(
      sql<SqlBool>`(${sql.join(
        ranges.map((r) => sql`registry_cases.id between ${r.lo}::uuid and ${r.hi}::uuid`),
        sql` or `,
      )})`,
    );
  const total = await q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const direction = f.newestFirst ? "desc" : "asc";
  const rows = await q
    .select(caseColumns)
    .orderBy("registry_cases.created_at", direction)
    .orderBy("registry_cases.id", direction)
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: total.n };
}

/** Sets one person's filter terms (already keyed). */
export async function setFilterTerms(tx: Tx, tenantId: string, id: string, terms: string[]) {
  await tx
    .updateTable("registry_people")
    .set({ filter_terms: terms })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}
