import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { AppError } from "../platform/errors.ts";
import { deleteMembership, insertMember, membershipOf } from "./households.store.ts";
import type { MovedMembership } from "./review.store.ts";

// A merge moves the merged record's household membership to the survivor, so the household keeps one record
// of the person; a split moves it back. Both run in the merge's (or split's) transaction.

/**
 * Carries the merged record's membership to the survivor: the survivor joins the household in its place (same
 * relationship) when it belongs to none, or the merged record simply leaves when the survivor is already a
 * member of the same household. Two people in two different households are not merged (409): the registrar
 * settles the households first. Returns what moved, for the merge row.
 */
export async function moveMembershipOnMerge(
  tx: Tx,
  scope: Scope,
  survivorId: string,
  mergedId: string,
): Promise<MovedMembership | null> {
  const merged = await membershipOf(tx, scope, mergedId);
  if (!merged) return null;
  const survivor = await membershipOf(tx, scope, survivorId);
  if (survivor && survivor.household_id !== merged.household_id) {
    throw new AppError(
      "CONFLICT",
      "the two records belong to different households: move one of them out of its household before merging",
      { households: [survivor.household_id, merged.household_id] },
    );
  }
  await deleteMembership(tx, scope, mergedId);
  if (!survivor) await insertMember(tx, scope, merged.household_id, survivorId, merged.relationship);
  return { householdId: merged.household_id, relationship: merged.relationship, survivorJoined: !survivor };
}

/**
 * Undoes what a merge moved: the survivor leaves the household again if it joined it in the merged record's
 * place (and is still there), and the restored record rejoins with its relationship when it is free to.
 * Returns whether the restored record is back in the household.
 */
export async function restoreMembershipOnSplit(
  tx: Tx,
  scope: Scope,
  merge: {
    survivor_id: string;
    merged_id: string;
    household_id: string | null;
    merged_relationship: MovedMembership["relationship"] | null;
    survivor_joined: boolean;
  },
): Promise<boolean> {
  if (merge.household_id === null || merge.merged_relationship === null) return false;
  if (merge.survivor_joined) {
    const survivor = await membershipOf(tx, scope, merge.survivor_id);
    if (survivor?.household_id === merge.household_id) await deleteMembership(tx, scope, merge.survivor_id);
  }
  if (await membershipOf(tx, scope, merge.merged_id)) return false;
  return insertMember(tx, scope, merge.household_id, merge.merged_id, merge.merged_relationship);
}
