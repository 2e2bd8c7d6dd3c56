import { sql, type Updateable } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { RegistryDuplicateReviewsTable, RegistryMergesTable } from "./registry.schema.ts";

const reviewColumns = [
  "id",
  "person_a",
  "person_b",
  "probability",
  "band",
  "reasons",
  "why_created_enc",
  "status",
  "created_at",
] as const;

/** What a page of the review queue is asked with. */
export interface ReviewFilter {
  band?: string | undefined;
  sort: "probability" | "oldest" | "newest";
  limit: number;
  offset: number;
}

/** Open pairs of possible duplicates that match, one page of them in the order asked, and how many in all. */
export async function openReviews(tx: Tx, scope: Scope, f: ReviewFilter) {
  let q = tx
    .selectFrom("registry_duplicate_reviews")
    .where("tenant_id", "=", scope.tenantId)
    .where("status", "=", "open");
  if (f.band) q = q.where("band", "=", f.band);
  const total = await q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  let page = q.select(reviewColumns);
  if (f.sort === "probability") page = page.orderBy("probability", "desc").orderBy("created_at", "asc");
  else page = page.orderBy("created_at", f.sort === "newest" ? "desc" : "asc");
  const rows = await page.orderBy("id").limit(f.limit).offset(f.offset).execute();
  return { rows, total: total.n };
}

/** One pair of the nation; `lock` holds it until the transaction ends (a decision). */
export function findReview(tx: Tx, scope: Scope, id: string, options: { lock: boolean }) {
  const query = tx
    .selectFrom("registry_duplicate_reviews")
    .select(reviewColumns)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Writes the decision on a pair. */
export async function updateReview(
  tx: Tx,
  scope: Scope,
  id: string,
  change: Updateable<RegistryDuplicateReviewsTable>,
): Promise<void> {
  await tx
    .updateTable("registry_duplicate_reviews")
    .set(change)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

/** What a merge did to the merged record's household membership (see migration 0009). */
export interface MovedMembership {
  householdId: string;
  relationship: "principal" | "spouse" | "child" | "parent" | "sibling" | "other";
  survivorJoined: boolean;
}

/** Records a merge of `mergedId` into `survivorId`; returns its id. */
export async function insertMerge(
  tx: Tx,
  scope: Scope,
  merge: {
    survivorId: string;
    mergedId: string;
    reasonEnc: string;
    mergedBy: string;
    household: MovedMembership | null;
  },
): Promise<string> {
  const row = await tx
    .insertInto("registry_merges")
    .values({
      tenant_id: scope.tenantId,
      survivor_id: merge.survivorId,
      merged_id: merge.mergedId,
      reason_enc: merge.reasonEnc,
      merged_by: merge.mergedBy,
      household_id: merge.household?.householdId ?? null,
      merged_relationship: merge.household?.relationship ?? null,
      survivor_joined: merge.household?.survivorJoined ?? false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Merges of the nation, newest first, at most `limit`. */
export function listMerges(tx: Tx, scope: Scope, limit: number) {
  return tx
    .selectFrom("registry_merges")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .orderBy("merged_at", "desc")
    .limit(limit)
    .execute();
}

/** One merge of the nation, held under a row lock until the transaction ends (undoing it). */
export function findMergeForUpdate(tx: Tx, scope: Scope, id: string) {
  return tx
    .selectFrom("registry_merges")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** Writes that a merge was undone. */
export async function updateMerge(
  tx: Tx,
  scope: Scope,
  id: string,
  change: Updateable<RegistryMergesTable>,
): Promise<void> {
  await tx
    .updateTable("registry_merges")
    .set(change)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

/** The review queue in counts: pairs by status (open ones by band), splits, the oldest open pair. */
export async function reviewFigures(tx: Tx, scope: Scope, since: Date) {
  const reviews = await tx
    .selectFrom("registry_duplicate_reviews")
    .select([
      sql<number>`count(*) filter (where status = 'open')`.as("open"),
      sql<number>`count(*) filter (where status = 'open' and band = 'likely')`.as("open_likely"),
      sql<number>`count(*) filter (where status = 'open' and band = 'possible')`.as("open_possible"),
      sql<number>`count(*) filter (where status = 'merged')`.as("merged"),
      sql<number>`count(*) filter (where status = 'distinct')`.as("distinct"),
      sql<number>`count(*) filter (where decided_at >= ${since})`.as("decided_recently"),
      sql<Date | null>`min(created_at) filter (where status = 'open')`.as("oldest_open"),
    ])
    .where("tenant_id", "=", scope.tenantId)
    .executeTakeFirstOrThrow();
  const merges = await tx
    .selectFrom("registry_merges")
    .select(sql<number>`count(*) filter (where split_at is not null)`.as("split"))
    .where("tenant_id", "=", scope.tenantId)
    .executeTakeFirstOrThrow();
  return { ...reviews, split: merges.split };
}

/** Records a pair of people for review; a pair already recorded stays as it is. */
export async function insertReviewPair(
  tx: Tx,
  scope: Pick<Scope, "tenantId">,
  pair: {
    personA: string;
    personB: string;
    probability: number;
    band: string;
    reasons: string;
    whyCreatedEnc: string | null;
  },
): Promise<void> {
  await tx
    .insertInto("registry_duplicate_reviews")
    .values({
      tenant_id: scope.tenantId,
      person_a: pair.personA,
      person_b: pair.personB,
      probability: pair.probability,
      band: pair.band,
      reasons: pair.reasons,
      why_created_enc: pair.whyCreatedEnc,
    })
    .onConflict((oc) => oc.columns(["tenant_id", "person_a", "person_b"]).doNothing())
    .execute();
}
