import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";

// SQL for the links an officer confirms on an encounter: to a registry person, and to the family group.

/** Makes a new, empty family group and returns its id. */
export async function insertFamilyGroup(tx: Tx, scope: Scope): Promise<string> {
  const row = await tx
    .insertInto("border_family_groups")
    .values({ tenant_id: scope.tenantId, created_by: scope.actorLabel })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Puts these encounters in the group. */
export async function setFamilyGroup(
  tx: Tx,
  scope: Scope,
  encounterIds: readonly string[],
  groupId: string,
): Promise<void> {
  await tx
    .updateTable("border_encounters")
    .set({ family_group_id: groupId })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", [...encounterIds])
    .execute();
}

/** Moves every member of one group into another (two families found to be one). */
export async function mergeFamilyGroups(tx: Tx, scope: Scope, from: string, into: string): Promise<void> {
  await tx
    .updateTable("border_encounters")
    .set({ family_group_id: into })
    .where("tenant_id", "=", scope.tenantId)
    .where("family_group_id", "=", from)
    .execute();
}

/** The encounters of a family group, in the order they were recorded. */
export function familyMembers(tx: Tx, scope: Scope, groupId: string) {
  return tx
    .selectFrom("border_encounters")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("family_group_id", "=", groupId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * Links an encounter to a registry person; its own names, birth date and documents go (they are read from the
 * registry from now on, never copied there).
 */
export async function linkEncounterToPerson(
  tx: Tx,
  scope: Scope,
  encounterId: string,
  personId: string,
): Promise<void> {
  await tx
    .updateTable("border_encounters")
    .set({
      person_id: personId,
      given_names_enc: null,
      family_names_enc: null,
      birth_date_enc: null,
      documents_enc: null,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", encounterId)
    .execute();
}
