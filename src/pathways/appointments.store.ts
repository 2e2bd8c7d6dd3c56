import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import "./pathways.schema.ts";

// SQL for appointments: each office's capacity per day, and the numbered slots booked in it.

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
 * Takes the first free slot of an office's day, or returns undefined when none is left. The conditional update
 * locks the day's row, so concurrent bookings and cancellations queue on it and each sees what the previous
 * one left; a slot freed by a cancellation is taken again before later ones.
 */
export async function takeSlot(
  tx: Tx,
  scope: Scope,
  officeId: string,
  day: string,
): Promise<number | undefined> {
  const row = await reserveOnDay(tx, scope, officeId, day);
  if (!row) return undefined;
  // Fewer slots are booked than the capacity, so one of 1..capacity is free.
  const free = await sql<{ slot: number }>`
    select s as slot from generate_series(1, ${row.capacity}::int) s
    where not exists (select 1 from pathway_appointments a
      where a.tenant_id = ${scope.tenantId} and a.office_id = ${officeId} and a.day = ${day} and a.slot = s)
    order by s limit 1`.execute(tx);
  return free.rows[0]?.slot;
}

/** Gives a booked slot of an office's day back (under the day's row lock, like `takeSlot`). */
export async function releaseSlot(tx: Tx, scope: Scope, officeId: string, day: string): Promise<void> {
  await tx
    .updateTable("pathway_appointment_days")
    .set((eb) => ({ booked: eb("booked", "-", 1) }))
    .where("tenant_id", "=", scope.tenantId)
    .where("office_id", "=", officeId)
    .where("day", "=", day)
    .where("booked", ">", 0)
    .execute();
}

/** Removes an application's appointment. */
export async function deleteAppointment(tx: Tx, scope: Scope, applicationId: string): Promise<void> {
  await tx
    .deleteFrom("pathway_appointments")
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .execute();
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

/**
 * The free slots of the nation's appointment days from `fromDay` on (one office's when `officeId` is given, one
 * day's when `day` is given): every slot of 1..capacity that no appointment holds, by day, office and slot.
 */
export async function listFreeSlots(
  tx: Tx,
  scope: Scope,
  filter: { fromDay: string; officeId?: string; day?: string },
) {
  const rows = await sql<{ office_id: string; day: string; slot: number }>`
    select d.office_id, to_char(d.day, 'YYYY-MM-DD') as day, s as slot
    from pathway_appointment_days d
    cross join lateral generate_series(1, d.capacity) s
    where d.tenant_id = ${scope.tenantId} and d.day >= ${filter.fromDay}::date
      and (${filter.officeId ?? null}::text is null or d.office_id = ${filter.officeId ?? null})
      and (${filter.day ?? null}::date is null or d.day = ${filter.day ?? null}::date)
      and not exists (select 1 from pathway_appointments a
        where a.tenant_id = d.tenant_id and a.office_id = d.office_id and a.day = d.day and a.slot = s)
    order by d.day, d.office_id, s
    limit 5000`.execute(tx);
  return rows.rows;
}

/**
 * Takes one chosen slot of an office's day, or returns false when it is taken or beyond the capacity. Locks the
 * day's row first, like `takeSlot`, so a chosen slot and the first free slot are never handed out twice.
 */
export async function takeChosenSlot(
  tx: Tx,
  scope: Scope,
  officeId: string,
  day: string,
  slot: number,
): Promise<boolean> {
  const row = await reserveOnDay(tx, scope, officeId, day, slot);
  if (!row) return false;
  const held = await tx
    .selectFrom("pathway_appointments")
    .select("slot")
    .where("tenant_id", "=", scope.tenantId)
    .where("office_id", "=", officeId)
    .where("day", "=", day)
    .where("slot", "=", slot)
    .executeTakeFirst();
  if (!held) return true;
  await releaseSlot(tx, scope, officeId, day);
  return false;
}

/**
 * Counts one more booking on an office's day if a slot is left (and the day has slot `within`, when given):
 * the conditional update locks the day's row, so bookings and cancellations of that day queue on it. Returns
 * the day's capacity, or undefined when the day is full, unknown or too small.
 */
function reserveOnDay(tx: Tx, scope: Scope, officeId: string, day: string, within?: number) {
  let update = tx
    .updateTable("pathway_appointment_days")
    .set((eb) => ({ booked: eb("booked", "+", 1) }))
    .where("tenant_id", "=", scope.tenantId)
    .where("office_id", "=", officeId)
    .where("day", "=", day)
    .whereRef("booked", "<", "capacity");
  if (within !== undefined) update = update.where("capacity", ">=", within);
  return update.returning("capacity").executeTakeFirst();
}
