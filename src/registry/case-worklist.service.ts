import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { needsOf } from "../platform/contract/worklist.contract.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import { termFilter } from "../platform/crypto/nation-terms.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { idRangesFor } from "../shared/reference-code.ts";
import { birthYearsOf, filtersUsed } from "../shared/worklist-filters.ts";
import type { MyCasesPage, MyCasesQuery } from "./case-worklist.contract.ts";
import { listMyCases, setFilterTerms } from "./case-worklist.store.ts";
import { caseSummary } from "./cases.service.ts";
import { displayName, emptyPerson } from "./engine/person-record.ts";
import { CONTEXT, openPersonNames, personFilterTerms } from "./person-seal.codec.ts";
import type { PersonInput } from "./registry.contract.ts";
import { storedPeoplePage } from "./registry.store.ts";

/** What the worklist actions share, built once per service. */
function worklistDeps(platform: Platform, clock: () => Date = () => new Date()) {
  const { db } = platform.database;
  const { keyring } = platform;
  return { platform, clock, db, keyring };
}

type WorklistDeps = ReturnType<typeof worklistDeps>;

/** One page of the caller's cases and how many match; the read is audited with the filters used (no value). */
export function myCases(deps: WorklistDeps, scope: Scope, query: MyCasesQuery): Promise<MyCasesPage> {
  const { db, keyring, clock } = deps;
  return inScope(db, scope, async (tx) => {
    const reading = query.code === undefined ? undefined : idRangesFor("case", query.code);
    if (reading && !reading.ok)
      throw new AppError(
        "BAD_INPUT",
        `code: a case is searched by its reference (C-7KQ2-M9XD) or its first characters: ${reading.problem}`,
        { field: "code" },
      );
    // Needs are shown only to protection readers (presentPerson): filtering by them would show them too.
    if (query.needs !== undefined && !scope.permissions.has("protection.read"))
      throw new AppError(
        "FORBIDDEN",
        "needs: filtering by specific needs needs protection.read, as reading them does",
        {
          field: "needs",
        },
      );
    // Names are shown to person readers, as the person's own page does: one name opened per row of the page.
    const seesNames = scope.permissions.has("person.read");
    const terms = termFilter(keyring, scope.tenantId, {
      nationality: query.nationality,
      needs: needsOf(query.needs),
      birthYears: query.age ? birthYearsOf(query.age, clock().getUTCFullYear()) : null,
    });
    const { rows, total } = await listMyCases(tx, scope, {
      status: query.status,
      type: query.type,
      ...terms,
      idRanges: reading?.ranges,
      newestFirst: query.sort === "newest",
      limit: query.limit,
      offset: query.offset,
    });
    await recordAudit(tx, scope, {
      action: "case.worklist.read",
      details: {
        filters: filtersUsed(query),
        total,
        listed: rows.length,
      },
    });
    return {
      cases: rows.map((row) => ({
        ...caseSummary(row),
        personName: seesNames ? displayName(openPersonNames(keyring, row)) || null : null,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  });
}

/** A caseworker's worklist: the cases assigned to them, filtered on the person's keyed terms, paged. */
export function createWorklistService(platform: Platform, clock: () => Date = () => new Date()) {
  return bindActions(worklistDeps(platform, clock), { myCases });
}

export type WorklistService = ReturnType<typeof createWorklistService>;

/**
 * Fills the filter terms of every person already stored, in every nation (the data step of migration 0008,
 * run as the owner): each record's nationalities, needs and birth date are read once, here, to key them.
 */
export async function fillPersonFilterTerms(tx: Tx, keyring: Keyring): Promise<number> {
  let after: { tenant: string; id: string } | null = null;
  let filled = 0;
  for (;;) {
    const batch = await storedPeoplePage(tx, after, 500);
    for (const row of batch) {
      const details = JSON.parse(
        decryptField(keyring, row.details_enc, CONTEXT.details),
      ) as Partial<PersonInput>;
      const person: PersonInput = {
        ...emptyPerson(),
        nationalities: details.nationalities ?? [],
        vulnerabilities: details.vulnerabilities ?? [],
        birthDate:
          row.birth_date_enc === null ? null : decryptField(keyring, row.birth_date_enc, CONTEXT.birthDate),
      };
      await setFilterTerms(tx, row.tenant_id, row.id, personFilterTerms(keyring, row.tenant_id, person));
      filled++;
    }
    const last = batch.at(-1);
    if (!last || batch.length < 500) return filled;
    after = { tenant: last.tenant_id, id: last.id };
  }
}
