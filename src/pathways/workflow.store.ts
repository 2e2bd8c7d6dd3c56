import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { PathwayReferralsTable } from "./pathways.schema.ts";
import "./pathways.schema.ts";

// SQL for appointments, the notification outbox and referrals.

/** Sets an office's appointment capacity for a day; never below what is already booked. */
export async function upsertAppointmentDay(
  tx: Tx,
  scope: Scope,
  input: { officeId: string; day: string; capacity: number },
) {
  return tx
    .insertInto("pathway_appointment_days")
    .values({
      tenant_id: scope.tenantId,
      office_id: input.officeId,
      day: input.day,
      capacity: input.capacity,
    })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "office_id", "day"]).doUpdateSet({ capacity: input.capacity }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The nation's appointment days from `from` on. */
export async function listAppointmentDays(tx: Tx, scope: Scope, from: string) {
  return tx
    .selectFrom("pathway_appointment_days")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("day", ">=", from)
    .orderBy("day")
    .orderBy("office_id")
    .execute();
}

/**
 * Takes the next slot of an office's day, or returns undefined when none is left. The conditional update
 * locks the day's row, so concurrent bookings queue on it and each sees the count the previous one left.
 */
export async function takeSlot(
  tx: Tx,
  scope: Scope,
  officeId: string,
  day: string,
): Promise<number | undefined> {
  const row = await tx
    .updateTable("pathway_appointment_days")
    .set((eb) => ({ booked: eb("booked", "+", 1) }))
    .where("tenant_id", "=", scope.tenantId)
    .where("office_id", "=", officeId)
    .where("day", "=", day)
    .whereRef("booked", "<", "capacity")
    .returning("booked")
    .executeTakeFirst();
  return row?.booked;
}

/** Whether an office has capacity set for a day at all. */
export async function appointmentDayExists(tx: Tx, scope: Scope, officeId: string, day: string) {
  const row = await tx
    .selectFrom("pathway_appointment_days")
    .select("capacity")
    .where("tenant_id", "=", scope.tenantId)
    .where("office_id", "=", officeId)
    .where("day", "=", day)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a booked slot. */
export async function insertAppointment(
  tx: Tx,
  scope: Scope,
  input: { applicationId: string; officeId: string; day: string; slot: number },
) {
  return tx
    .insertInto("pathway_appointments")
    .values({
      tenant_id: scope.tenantId,
      application_id: input.applicationId,
      office_id: input.officeId,
      day: input.day,
      slot: input.slot,
      booked_by: scope.actorLabel,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The appointment of an application, if it has one. */
export async function appointmentOf(tx: Tx, scope: Scope, applicationId: string) {
  return tx
    .selectFrom("pathway_appointments")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
}

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

/** Marks a notification sent, or failed after too many attempts. */
export async function markNotification(
  tx: Tx,
  scope: Scope,
  id: string,
  outcome: { sent: true } | { sent: false; error: string; attempts: number; maxAttempts: number },
): Promise<void> {
  const set = outcome.sent
    ? { status: "sent", sent_at: new Date() }
    : {
        status: outcome.attempts >= outcome.maxAttempts ? "failed" : "pending",
        attempts: outcome.attempts,
        last_error: outcome.error.slice(0, 500),
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

/** One referral as the scope's nation sees it. */
export async function findReferral(tx: Tx, scope: Scope, id: string): Promise<ReferralRow | undefined> {
  return (await tx
    .selectFrom("pathway_referrals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .executeTakeFirst()) as ReferralRow | undefined;
}

/** The nation's referrals in one direction, newest first. */
export async function listReferrals(tx: Tx, scope: Scope, direction: "incoming" | "outgoing") {
  return (await tx
    .selectFrom("pathway_referrals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("direction", "=", direction)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute()) as ReferralRow[];
}

/** Updates one side's status (in the tenant currently bound). */
export async function setReferralStatus(
  tx: Tx,
  tenantId: string,
  id: string,
  update: { status: string; decidedBy: string; reason: string; receivedApplicationId?: string | null },
): Promise<void> {
  await tx
    .updateTable("pathway_referrals")
    .set({
      status: update.status,
      decided_by: update.decidedBy,
      decided_reason: update.reason,
      decided_at: new Date(),
      ...(update.receivedApplicationId !== undefined && {
        received_application_id: update.receivedApplicationId,
      }),
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}
