import type { Insertable, Updateable } from "kysely";
import { linkEncodings } from "../identity/index.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { bindTenant } from "../platform/db/scoped.ts";
import type { RegistryConsentsTable, RegistryReferralsTable } from "./registry.schema.ts";
import { encodingsOf } from "./registry.store.ts";

/** Dice similarity from which a partner's encoding counts as a likely match of the asked person. */
export const CROSS_LIKELY = 0.8;

/** The partner nations: every nation tenant but the asking one (the secretariat holds no people). */
export async function partnersOf(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("tenants")
    .select("id")
    .where("kind", "=", "nation")
    .where("id", "!=", tenantId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** The holder's best likely match for an encoding, looked up with the transaction bound to the holder. */
export async function likelyMatchIn(
  tx: Tx,
  holder: string,
  asker: string,
  clk: Uint8Array,
): Promise<string | null> {
  await bindTenant(tx, holder);
  const records = (await encodingsOf(tx, holder, asker)).flatMap((r) =>
    r.clk ? [{ id: r.id, clk: new Uint8Array(r.clk) }] : [],
  );
  if (records.length === 0) return null;
  const rows = linkEncodings([{ id: "asked", clk }], records, {
    likely: CROSS_LIKELY,
    possible: CROSS_LIKELY,
  });
  return rows.find((r) => r.band === "likely")?.rightId ?? null;
}

/** The person's regional encoding (CLK), if the nation holds one for them. */
export async function clkOf(tx: Tx, scope: Scope, personId: string): Promise<Uint8Array | null> {
  const row = await tx
    .selectFrom("registry_people")
    .select("clk")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", personId)
    .executeTakeFirst();
  return row?.clk ? new Uint8Array(row.clk) : null;
}

/** Records one side of a referral under `values.tenant_id` (the transaction is bound to that nation). */
export async function insertReferral(tx: Tx, values: Insertable<RegistryReferralsTable>): Promise<void> {
  await tx.insertInto("registry_referrals").values(values).execute();
}

/** Writes a status change on one nation's side of a referral. */
export async function updateReferralSide(
  tx: Tx,
  tenantId: string,
  id: string,
  change: Updateable<RegistryReferralsTable>,
): Promise<void> {
  await tx
    .updateTable("registry_referrals")
    .set(change)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

/**
 * A referral the nation received, locked until the decision commits: a second officer deciding at once waits,
 * then reads the decided status.
 */
export function findIncomingReferralForUpdate(tx: Tx, scope: Scope, id: string) {
  return tx
    .selectFrom("registry_referrals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .where("direction", "=", "incoming")
    .forUpdate()
    .executeTakeFirst();
}

/** The nation's referrals of one direction, newest first, at most `limit`. */
export function listReferrals(tx: Tx, scope: Scope, direction: "outgoing" | "incoming", limit: number) {
  return tx
    .selectFrom("registry_referrals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("direction", "=", direction)
    .orderBy("requested_at", "desc")
    .limit(limit)
    .execute();
}

/** Referrals of a person for a purpose still pending or accepted, locked: a withdrawal of consent ends them. */
export function openReferralsForUpdate(tx: Tx, scope: Scope, personId: string, purpose: string) {
  return tx
    .selectFrom("registry_referrals")
    .select(["id", "partner_tenant", "status"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .where("purpose", "=", purpose as never)
    .where("status", "in", ["pending", "accepted"])
    .forUpdate()
    .execute();
}

/** Records consent given or withdrawn (the sealed name of who gave it). */
export async function insertConsent(tx: Tx, values: Insertable<RegistryConsentsTable>): Promise<void> {
  await tx.insertInto("registry_consents").values(values).execute();
}
