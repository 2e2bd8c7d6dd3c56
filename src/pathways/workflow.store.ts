import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { PathwayReferralsTable } from "./pathways.schema.ts";
import "./pathways.schema.ts";

// SQL for the notification outbox and referrals.

/** Queues a notification (its message already encrypted). */
export async function enqueueNotification(
  tx: Tx,
  scope: Scope,
  input: { applicationId: string | null; kind: string; messageEnc: string },
): Promise<void> {
  await tx
    .insertInto("pathway_outbox")
    .values({
      tenant_id: scope.tenantId,
      application_id: input.applicationId,
      kind: input.kind,
      message_enc: input.messageEnc,
    })
    .execute();
}

/** Pending notifications of the scope's nation, locked so two deliverers never send the same one. */
export async function pendingNotifications(tx: Tx, scope: Scope, limit: number) {
  return tx
    .selectFrom("pathway_outbox")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("status", "=", "pending")
    .orderBy("created_at")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Marks a notification sent, or failed after too many attempts (the error already encrypted). */
export async function markNotification(
  tx: Tx,
  scope: Scope,
  id: string,
  outcome: { sent: true } | { sent: false; errorEnc: string; attempts: number; maxAttempts: number },
): Promise<void> {
  const set = outcome.sent
    ? { status: "sent", sent_at: new Date() }
    : {
        status: outcome.attempts >= outcome.maxAttempts ? "failed" : "pending",
        attempts: outcome.attempts,
        last_error_enc: outcome.errorEnc,
      };
  await tx
    .updateTable("pathway_outbox")
    .set(set)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

export type ReferralRow = Omit<PathwayReferralsTable, "created_at" | "consent_at" | "decided_at"> & {
  created_at: Date;
  consent_at: Date;
  decided_at: Date | null;
};

/** Writes one side of a referral in the tenant currently bound (the caller binds each side in turn). */
export async function insertReferralSide(
  tx: Tx,
  tenantId: string,
  row: Omit<ReferralRow, "tenant_id" | "created_at">,
) {
  await tx
    .insertInto("pathway_referrals")
    .values({ ...row, tenant_id: tenantId })
    .execute();
}

/**
 * One referral as the scope's nation sees it, its row locked until the transaction ends: two officers deciding
 * it at once are served in turn, and the second finds it already decided.
 */
export async function findReferralForUpdate(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<ReferralRow | undefined> {
  return (await tx
    .selectFrom("pathway_referrals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst()) as ReferralRow | undefined;
}

/** What a page of the nation's referrals is asked with. */
export interface ReferralFilter {
  direction: "incoming" | "outgoing";
  status?: string | undefined;
  /** The other nation: the sender of an incoming referral, the receiver of an outgoing one. */
  nation?: string | undefined;
  newestFirst: boolean;
  limit: number;
  offset: number;
}

/** The nation's referrals in one direction that match, one page of them, and how many in all. */
export async function listReferrals(tx: Tx, scope: Scope, f: ReferralFilter) {
  let q = tx
    .selectFrom("pathway_referrals")
    .where("tenant_id", "=", scope.tenantId)
    .where("direction", "=", f.direction);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.nation) q = q.where(f.direction === "incoming" ? "from_tenant" : "to_tenant", "=", f.nation);
  const total = await q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const order = f.newestFirst ? "desc" : "asc";
  const rows = (await q
    .selectAll()
    .orderBy("created_at", order)
    .orderBy("id", order)
    .limit(f.limit)
    .offset(f.offset)
    .execute()) as ReferralRow[];
  return { rows, total: total.n };
}

/** Updates one side's status (in the tenant currently bound). */
export async function setReferralStatus(
  tx: Tx,
  tenantId: string,
  id: string,
  update: { status: string; decidedBy: string; reasonEnc: string; receivedApplicationId?: string | null },
): Promise<void> {
  await tx
    .updateTable("pathway_referrals")
    .set({
      status: update.status,
      decided_by: update.decidedBy,
      decided_reason_enc: update.reasonEnc,
      decided_at: new Date(),
      ...(update.receivedApplicationId !== undefined && {
        received_application_id: update.receivedApplicationId,
      }),
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}
