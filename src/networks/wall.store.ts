import type { Insertable, Selectable, Updateable } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { NetworkLegalBasesTable } from "./networks.schema.ts";

/** A legal basis as stored. */
export type LegalBasisRow = Selectable<NetworkLegalBasesTable>;

/** The case references the nation holds as protection records. */
export async function protectionCaseRefs(tx: Tx, scope: Scope): Promise<string[]> {
  const rows = await tx
    .selectFrom("network_protection_records")
    .select("case_ref")
    .where("tenant_id", "=", scope.tenantId)
    .execute();
  return rows.map((r) => r.case_ref);
}

/** Flags a case as a protection record, or replaces the sealed reason of one already flagged. */
export function upsertProtectionRecord(
  tx: Tx,
  scope: Scope,
  record: { caseRef: string; reasonEnc: string; flaggedBy: string },
) {
  return tx
    .insertInto("network_protection_records")
    .values({
      tenant_id: scope.tenantId,
      case_ref: record.caseRef,
      reason_enc: record.reasonEnc,
      flagged_by: record.flaggedBy,
    })
    .onConflict((oc) => oc.columns(["tenant_id", "case_ref"]).doUpdateSet({ reason_enc: record.reasonEnc }))
    .returning(["case_ref", "flagged_at"])
    .executeTakeFirstOrThrow();
}

/** Flags a case as a protection record unless it is one already (its reason then stays as it was). */
export async function insertProtectionRecordOnce(
  tx: Tx,
  scope: Scope,
  record: { caseRef: string; reasonEnc: string; flaggedBy: string },
): Promise<void> {
  await tx
    .insertInto("network_protection_records")
    .values({
      tenant_id: scope.tenantId,
      case_ref: record.caseRef,
      reason_enc: record.reasonEnc,
      flagged_by: record.flaggedBy,
    })
    .onConflict((oc) => oc.columns(["tenant_id", "case_ref"]).doNothing())
    .execute();
}

/** Whether the nation holds this case as a protection record. */
export async function isProtectionRecord(tx: Tx, scope: Scope, caseRef: string): Promise<boolean> {
  const row = await tx
    .selectFrom("network_protection_records")
    .select("case_ref")
    .where("tenant_id", "=", scope.tenantId)
    .where("case_ref", "=", caseRef)
    .executeTakeFirst();
  return row !== undefined;
}

/** The sealed reason a case was protected for, if it is a protection record. */
export async function protectionReasonOf(tx: Tx, scope: Scope, caseRef: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom("network_protection_records")
    .select("reason_enc")
    .where("tenant_id", "=", scope.tenantId)
    .where("case_ref", "=", caseRef)
    .executeTakeFirst();
  return row?.reason_enc;
}

/** Records a new legal basis (it starts pending). */
export function insertLegalBasis(
  tx: Tx,
  scope: Scope,
  values: Omit<Insertable<NetworkLegalBasesTable>, "tenant_id">,
): Promise<LegalBasisRow> {
  return tx
    .insertInto("network_legal_bases")
    .values({ ...values, tenant_id: scope.tenantId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Legal bases of the nation, newest first, at most `limit`. */
export function listLegalBases(
  tx: Tx,
  scope: Scope,
  options: { pendingOnly: boolean; limit: number },
): Promise<LegalBasisRow[]> {
  let query = tx.selectFrom("network_legal_bases").selectAll().where("tenant_id", "=", scope.tenantId);
  if (options.pendingOnly) query = query.where("status", "=", "pending");
  return query.orderBy("requested_at", "desc").limit(options.limit).execute();
}

/** One legal basis of the nation; `lock` holds it until the transaction ends (a decision). */
export function findLegalBasis(
  tx: Tx,
  scope: Scope,
  id: string,
  options: { lock: boolean },
): Promise<LegalBasisRow | undefined> {
  const query = tx
    .selectFrom("network_legal_bases")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Writes a decision on a legal basis. */
export function updateLegalBasis(
  tx: Tx,
  scope: Scope,
  id: string,
  change: Updateable<NetworkLegalBasesTable>,
): Promise<LegalBasisRow> {
  return tx
    .updateTable("network_legal_bases")
    .set(change)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
