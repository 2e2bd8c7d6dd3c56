import "./networks.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";

// SQL of the reference from a victim's protection record to the registry person it protects: set, read by
// person, cleared at erasure. Only ids, times and who linked; the record's content stays in wall.store.ts.

/**
 * When a protection record was flagged and the registry person it names now (null when none), or undefined when
 * there is no such record; `lock` holds it until the transaction ends (a change of person).
 */
export async function personOfProtectionRecord(
  tx: Tx,
  scope: Scope,
  caseRef: string,
  options: { lock: boolean },
): Promise<{ personId: string | null; flaggedAt: Date } | undefined> {
  const query = tx
    .selectFrom("network_protection_records")
    .select(["person_id", "flagged_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("case_ref", "=", caseRef);
  const row = await (options.lock ? query.forUpdate() : query).executeTakeFirst();
  return row && { personId: row.person_id, flaggedAt: new Date(row.flagged_at) };
}

/** Names (or, with null, stops naming) the registry person a protection record protects. */
export async function setProtectionPerson(
  tx: Tx,
  scope: Scope,
  caseRef: string,
  personId: string | null,
): Promise<void> {
  await tx
    .updateTable("network_protection_records")
    .set({
      person_id: personId,
      person_linked_by: personId === null ? null : scope.actorLabel,
      person_linked_at: personId === null ? null : new Date(),
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("case_ref", "=", caseRef)
    .execute();
}

/** The protection records of the nation that name any of these registry people. */
export function protectionRecordsOfPeople(tx: Tx, scope: Scope, personIds: readonly string[]) {
  return tx
    .selectFrom("network_protection_records")
    .select(["case_ref", "person_id", "flagged_at", "person_linked_by", "person_linked_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", [...personIds])
    .orderBy("flagged_at")
    .execute();
}

/** Erasure: the protection records naming these people stop naming them (the records themselves stay). */
export function clearProtectionPeople(tx: Tx, scope: Scope, personIds: readonly string[]) {
  return tx
    .updateTable("network_protection_records")
    .set({ person_id: null, person_linked_by: null, person_linked_at: null })
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", [...personIds])
    .returning("case_ref")
    .execute();
}
