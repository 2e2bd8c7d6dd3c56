import { type SqlBool, sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { ApplicationRow } from "./applications.store.ts";
import "./pathways.schema.ts";

// SQL for the nation's application worklists (an officer's queue, the whole queue) and for filling the applications' keyed filter terms. Filters on answers
// compare keyed terms only: the terms come in already keyed.

/** What a page of the queue is asked with; `all`/`any` are keyed terms of the application. */
export interface QueueFilter {
  /** The stages listed; null lists every stage. */
  stages: readonly string[] | null;
  pathway?: string | undefined;
  decision?: string | undefined;
  all: string[];
  any: string[] | null;
  /** A tracking code, whole or its first characters (capitals, digits and hyphens only). */
  codePrefix?: string | undefined;
  newestFirst: boolean;
  limit: number;
  offset: number;
}

/** The nation's applications in the given stages that match, one page of them, and how many in all. */
export async function listQueue(tx: Tx, scope: Scope, f: QueueFilter) {
  let q = tx.selectFrom("pathway_applications").where("tenant_id", "=", scope.tenantId);
  if (f.stages !== null) q = q.where("stage", "in", [...f.stages]);
  if (f.pathway) q = q.where("pathway_id", "=", f.pathway);
  if (f.decision) q = q.where("decision", "=", f.decision);
  if (f.all.length > 0) q = q.where(sql<SqlBool>`filter_terms @> ${f.all}::text[]`);
  if (f.any !== null) q = q.where(sql<SqlBool>`filter_terms && ${f.any}::text[]`);
  if (f.codePrefix) q = q.where("tracking_code", "like", `${f.codePrefix}%`);
  const total = await q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const direction = f.newestFirst ? "desc" : "asc";
  const rows = (await q
    .selectAll()
    .orderBy("submitted_at", direction)
    .orderBy("id", direction)
    .limit(f.limit)
    .offset(f.offset)
    .execute()) as ApplicationRow[];
  return { rows, total: total.n };
}

/** A batch of applications (every nation) with answers, whose terms a migration fills, after `after`. */
export async function applicationsToIndex(
  tx: Tx,
  after: { tenant: string; id: string } | null,
  limit: number,
) {
  let q = tx
    .selectFrom("pathway_applications")
    .select(["tenant_id", "id", "answers_enc"])
    .where("answers_enc", "is not", null);
  if (after) q = q.where(sql<SqlBool>`(tenant_id, id) > (${after.tenant}, ${after.id}::uuid)`);
  return q.orderBy("tenant_id").orderBy("id").limit(limit).execute();
}

/** Sets one application's filter terms (already keyed). */
export async function setApplicationTerms(tx: Tx, tenantId: string, id: string, terms: string[]) {
  await tx
    .updateTable("pathway_applications")
    .set({ filter_terms: terms })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}
