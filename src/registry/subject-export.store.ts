import "./registry.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { personColumns } from "./registry.store.ts";

// SQL of a data subject's export: everything the registry keeps about a set of people (one human's records),
// in the scope's nation only. Encrypted columns are returned as stored; the service opens them.

const MAX_MERGE_DEPTH = 20;

/**
 * The records merged into this person, directly or through a record that was itself merged in later: the
 * people rows (not erased) whose `merged_into` leads to the person, oldest first.
 */
export async function mergedRecordsOf(tx: Tx, scope: Scope, personId: string) {
  const found: Awaited<ReturnType<typeof peopleMergedInto>> = [];
  const seen = new Set([personId]);
  let frontier = [personId];
  for (let depth = 0; depth < MAX_MERGE_DEPTH && frontier.length > 0; depth++) {
    const rows = (await peopleMergedInto(tx, scope, frontier)).filter((r) => !seen.has(r.id));
    for (const r of rows) seen.add(r.id);
    found.push(...rows);
    frontier = rows.map((r) => r.id);
  }
  return found;
}

function peopleMergedInto(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .selectFrom("registry_people")
    .select(personColumns)
    .where("tenant_id", "=", scope.tenantId)
    .where("status", "=", "merged")
    .where("merged_into", "in", ids)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Earlier versions of these people, newest first. */
export function versionsOfPeople(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .selectFrom("registry_person_versions")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", ids)
    .orderBy("edited_at", "desc")
    .orderBy("id")
    .execute();
}

/** Family links from or to any of these people. */
export function familyLinksOfPeople(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .selectFrom("registry_family_links")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where((eb) => eb.or([eb("person_id", "in", ids), eb("related_id", "in", ids)]))
    .orderBy("created_at")
    .orderBy("person_id")
    .orderBy("related_id")
    .execute();
}

/** Consents recorded for these people, newest first. */
export function consentsOfPeople(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .selectFrom("registry_consents")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", ids)
    .orderBy("recorded_at", "desc")
    .orderBy("id")
    .execute();
}

/** Every case of these people in the nation (whatever the reader's case reach), oldest first. */
export function casesOfPeople(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .selectFrom("registry_cases")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", ids)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The notes of these cases, oldest first. */
export async function notesOfCases(tx: Tx, scope: Scope, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return tx
    .selectFrom("registry_case_notes")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("case_id", "in", caseIds)
    .orderBy("written_at")
    .orderBy("id")
    .execute();
}

/** The assignments and transfers of these cases, oldest first. */
export async function movesOfCases(tx: Tx, scope: Scope, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return tx
    .selectFrom("registry_case_moves")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("case_id", "in", caseIds)
    .orderBy("moved_at")
    .orderBy("id")
    .execute();
}

/** Referrals about these people, sent or received, newest first. */
export function referralsOfPeople(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .selectFrom("registry_referrals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", ids)
    .orderBy("requested_at", "desc")
    .orderBy("id")
    .execute();
}

/** Pairs of possible duplicates naming any of these people, oldest first. */
export function reviewsOfPeople(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .selectFrom("registry_duplicate_reviews")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where((eb) => eb.or([eb("person_a", "in", ids), eb("person_b", "in", ids)]))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Merges naming any of these people, as survivor or as the record merged, oldest first. */
export function mergesOfPeople(tx: Tx, scope: Scope, ids: string[]) {
  return tx
    .selectFrom("registry_merges")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where((eb) => eb.or([eb("survivor_id", "in", ids), eb("merged_id", "in", ids)]))
    .orderBy("merged_at")
    .orderBy("id")
    .execute();
}
