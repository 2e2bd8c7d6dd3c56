import { sql } from "kysely";
import "./registry.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { RegistryHouseholdMembersTable } from "./registry.schema.ts";
import { peopleReach, personColumns } from "./registry.store.ts";

// SQL for households. Every function filters on the scope's tenant (row-level security repeats it). A household
// is in a reader's reach when one of its (not erased) members is: an office's registrar sees the households of
// the people their office registered.

export type HouseholdRelationship = RegistryHouseholdMembersTable["relationship"];

/** The household a person belongs to and their relationship in it, or undefined. */
export function membershipOf(tx: Tx, scope: Pick<Scope, "tenantId">, personId: string) {
  return tx
    .selectFrom("registry_household_members")
    .select(["household_id", "relationship", "added_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .executeTakeFirst();
}

/** One household of the scope's nation in the scope's reach, or undefined. */
export function findHousehold(tx: Tx, scope: Scope, id: string) {
  return tx
    .selectFrom("registry_households")
    .select(["id", "office_id", "split_from", "split_reason_enc", "created_by", "created_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("registry_household_members as m")
          .innerJoin("registry_people", (j) =>
            j
              .onRef("registry_people.tenant_id", "=", "m.tenant_id")
              .onRef("registry_people.id", "=", "m.person_id"),
          )
          .select(sql`1`.as("one"))
          .whereRef("m.tenant_id", "=", "registry_households.tenant_id")
          .whereRef("m.household_id", "=", "registry_households.id")
          .where("registry_people.status", "!=", "erased")
          .where(peopleReach(scope)),
      ),
    )
    .executeTakeFirst();
}

/** The members of a household with their stored (encrypted) person columns, principal first, then by date. */
export function membersOf(tx: Tx, scope: Pick<Scope, "tenantId">, householdId: string) {
  return tx
    .selectFrom("registry_household_members as m")
    .innerJoin("registry_people", (j) =>
      j
        .onRef("registry_people.tenant_id", "=", "m.tenant_id")
        .onRef("registry_people.id", "=", "m.person_id"),
    )
    .select(["m.relationship", "m.added_at", ...personColumns.map((c) => `registry_people.${c}` as const)])
    .where("m.tenant_id", "=", scope.tenantId)
    .where("m.household_id", "=", householdId)
    .where("registry_people.status", "!=", "erased")
    .orderBy(sql`m.relationship = 'principal'`, "desc")
    .orderBy("m.added_at")
    .orderBy("m.person_id")
    .execute();
}

export type HouseholdMemberRow = Awaited<ReturnType<typeof membersOf>>[number];

/** Creates a household; returns its id. */
export async function insertHousehold(
  tx: Tx,
  scope: Scope,
  values: { officeId: string | null; splitFrom: string | null; splitReasonEnc: string | null },
): Promise<string> {
  const row = await tx
    .insertInto("registry_households")
    .values({
      tenant_id: scope.tenantId,
      office_id: values.officeId,
      split_from: values.splitFrom,
      split_reason_enc: values.splitReasonEnc,
      created_by: scope.actorLabel,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds a person to a household; false when the person already belongs to one (none is changed). */
export async function insertMember(
  tx: Tx,
  scope: Scope,
  householdId: string,
  personId: string,
  relationship: HouseholdRelationship,
): Promise<boolean> {
  const rows = await tx
    .insertInto("registry_household_members")
    .values({
      tenant_id: scope.tenantId,
      household_id: householdId,
      person_id: personId,
      relationship,
      added_by: scope.actorLabel,
    })
    .onConflict((oc) => oc.columns(["tenant_id", "person_id"]).doNothing())
    .returning("person_id")
    .execute();
  return rows.length === 1;
}

/** Removes a person from whatever household they are in; returns the household they left, if any. */
export async function deleteMembership(
  tx: Tx,
  scope: Pick<Scope, "tenantId">,
  personId: string,
): Promise<{ household_id: string; relationship: HouseholdRelationship } | undefined> {
  return tx
    .deleteFrom("registry_household_members")
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .returning(["household_id", "relationship"])
    .executeTakeFirst();
}

/** Sets a member's relationship. */
export async function setRelationship(
  tx: Tx,
  scope: Pick<Scope, "tenantId">,
  personId: string,
  relationship: HouseholdRelationship,
) {
  await tx
    .updateTable("registry_household_members")
    .set({ relationship })
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .execute();
}

/**
 * After a member left: a household with nobody left is deleted (it holds only ids); one that lost its principal
 * gets the member added earliest as principal. Returns what happened, for the audit.
 */
export async function settleHousehold(
  tx: Tx,
  scope: Pick<Scope, "tenantId">,
  householdId: string,
): Promise<{ dissolved: boolean; newPrincipal: string | null }> {
  const left = await tx
    .selectFrom("registry_household_members")
    .select(["person_id", "relationship"])
    .where("tenant_id", "=", scope.tenantId)
    .where("household_id", "=", householdId)
    .orderBy("added_at")
    .orderBy("person_id")
    .execute();
  if (left.length === 0) {
    await tx
      .deleteFrom("registry_households")
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", householdId)
      .execute();
    return { dissolved: true, newPrincipal: null };
  }
  if (left.some((m) => m.relationship === "principal")) return { dissolved: false, newPrincipal: null };
  const next = left[0]!.person_id;
  await setRelationship(tx, scope, next, "principal");
  return { dissolved: false, newPrincipal: next };
}

/** The memberships of these people (a person and the records merged into them), with the household's split. */
export function membershipsOfPeople(tx: Tx, scope: Pick<Scope, "tenantId">, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom("registry_household_members as m")
    .innerJoin("registry_households as h", (j) =>
      j.onRef("h.tenant_id", "=", "m.tenant_id").onRef("h.id", "=", "m.household_id"),
    )
    .select([
      "m.person_id",
      "m.household_id",
      "m.relationship",
      "m.added_by",
      "m.added_at",
      "h.split_from",
      "h.split_reason_enc",
    ])
    .where("m.tenant_id", "=", scope.tenantId)
    .where("m.person_id", "in", ids)
    .orderBy("m.added_at")
    .execute();
}
