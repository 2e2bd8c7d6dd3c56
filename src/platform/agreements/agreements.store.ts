import type { Insertable, Selectable } from "kysely";
import { sql } from "kysely";
import type { Tx } from "../db/connect.ts";
import type { DataSharingAgreementsTable } from "./agreements.schema.ts";
import "./agreements.schema.ts";

// SQL of data-sharing agreements. Every function reads or writes the rows of the tenant the transaction is
// bound to; the service binds the partner's tenant before it writes the partner's row.

export type AgreementRow = Selectable<DataSharingAgreementsTable>;

/** Serialises proposals between one pair of tenants (whichever side proposes), until the transaction ends. */
export async function lockPair(tx: Tx, a: string, b: string): Promise<void> {
  const pair = [a, b].sort().join(":");
  await sql`select pg_advisory_xact_lock(hashtext(${`agreement:${pair}`}))`.execute(tx);
}

/** The tenant's live (proposed, accepted or suspended) agreement with a partner, if any. */
export function liveAgreementWith(tx: Tx, tenantId: string, partner: string) {
  return tx
    .selectFrom("data_sharing_agreements")
    .select(["id", "status"])
    .where("tenant_id", "=", tenantId)
    .where("partner_tenant", "=", partner)
    .where("status", "in", ["proposed", "accepted", "suspended"])
    .executeTakeFirst();
}

/** Writes one side's row of an agreement. */
export async function insertAgreementSide(
  tx: Tx,
  row: Insertable<DataSharingAgreementsTable>,
): Promise<void> {
  await tx.insertInto("data_sharing_agreements").values(row).execute();
}

/** The partner of one of the tenant's agreements, read without a lock (to take the pair's lock first). */
export async function partnerOfAgreement(tx: Tx, tenantId: string, id: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom("data_sharing_agreements")
    .select("partner_tenant")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.partner_tenant;
}

/** One of the tenant's agreements, locked for a decision. */
export function agreementForUpdate(tx: Tx, tenantId: string, id: string): Promise<AgreementRow | undefined> {
  return tx
    .selectFrom("data_sharing_agreements")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** Moves one side's row of an agreement to a status. */
export async function updateAgreementSide(
  tx: Tx,
  tenantId: string,
  id: string,
  set: {
    status: AgreementRow["status"];
    status_reason: string;
    decided_by: string;
    decided_by_tenant: string;
  },
): Promise<void> {
  await tx
    .updateTable("data_sharing_agreements")
    .set({ ...set, updated_at: sql<Date>`clock_timestamp()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

/** The tenant's agreements, live ones first, newest first. */
export function listAgreements(tx: Tx, tenantId: string): Promise<AgreementRow[]> {
  return tx
    .selectFrom("data_sharing_agreements")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy(sql`status = 'ended'`)
    .orderBy("partner_tenant")
    .orderBy("created_at", "desc")
    .execute();
}

/**
 * The partners the tenant has an accepted agreement with, in force on `day`, covering `purpose`, with the
 * categories that purpose may carry.
 */
export async function partnersCovering(
  tx: Tx,
  tenantId: string,
  purpose: string,
  day: string,
): Promise<Map<string, string[]>> {
  const rows = await tx
    .selectFrom("data_sharing_agreements")
    .select(["partner_tenant", "categories"])
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "accepted")
    .where(sql<boolean>`${purpose} = any(purposes)`)
    .where("valid_from", "<=", day)
    .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">=", day)]))
    .execute();
  return new Map(rows.map((r) => [r.partner_tenant, r.categories[purpose] ?? []]));
}
