import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { officesOf, requireOffice } from "../platform/offices/offices.service.ts";
import { refusal } from "../shared/refusal.ts";
import { type ApplicationRow, changeStage } from "./applications.store.ts";
import {
  appointmentDayExists,
  appointmentOf,
  deleteAppointment,
  insertAppointment,
  listFreeSlots,
  releaseSlot,
  takeChosenSlot,
  takeSlot,
  upsertAppointmentDay,
} from "./appointments.store.ts";
import { STAGE_REASON_CONTEXT } from "./engine/field-contexts.ts";
import { sealText } from "./pathway-text.codec.ts";

// Appointments: an office's capacity per day, booking the first free slot and cancelling it. Every booking and
// cancellation locks the application's row and then the day's row, always in that order, so concurrent ones
// are served in turn and the day's count always equals the appointments held.

/** The time of a slot: appointments every 20 minutes from 08:00. */
export function slotTime(slot: number): string {
  const minutes = 8 * 60 + (slot - 1) * 20;
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** What appointments need from the application workflow: the locked application, and notifying its applicant. */
export interface ApplicationAccess {
  requireApplication(tx: Tx, scope: Scope, id: string, forUpdate: boolean): Promise<ApplicationRow>;
  notify(tx: Tx, scope: Scope, app: ApplicationRow, stage: string, decision: string | null): Promise<void>;
}

/** What the appointments actions share, built once per service. */
export function appointmentsDeps(
  db: Db,
  keyring: Keyring,
  applications: ApplicationAccess,
  clock: () => Date,
) {
  return { db, keyring, applications, clock };
}

export type AppointmentsDeps = ReturnType<typeof appointmentsDeps>;

async function moveToStage(
  deps: AppointmentsDeps,
  tx: Tx,
  scope: Scope,
  app: ApplicationRow,
  stage: string,
  reason: string,
) {
  const { keyring, applications } = deps;
  await changeStage(tx, scope, app, { stage, reasonEnc: sealText(keyring, reason, STAGE_REASON_CONTEXT) });
  await applications.notify(tx, scope, app, stage, null);
}

/** Sets an office's capacity for a day; audited. */
export function setAppointmentDay(
  deps: AppointmentsDeps,
  scope: Scope,
  input: { officeId: string; day: string; capacity: number },
) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    await requireOffice(tx, scope, input.officeId, "officeId");
    const row = await upsertAppointmentDay(tx, scope, input).catch((error: unknown) => {
      if (/check|booked/i.test(String(error))) {
        throw new AppError("CONFLICT", "capacity cannot go below the appointments already booked");
      }
      throw error;
    });
    await recordAudit(tx, scope, {
      action: "pathway.appointment_day.set",
      targetType: "office",
      targetId: input.officeId,
      details: input,
    });
    return { officeId: row.office_id, day: String(row.day), capacity: row.capacity, booked: row.booked };
  });
}

/** Whether a slot of a day starts after `now` (slot times are read as UTC wall-clock times). */
function slotIsAhead(day: string, slot: number, now: Date): boolean {
  return new Date(`${day}T${slotTime(slot)}:00Z`).getTime() > now.getTime();
}

/** Takes the chosen slot, or the first free one when none is chosen; 409 when it cannot be had. */
async function claimSlot(
  tx: Tx,
  scope: Scope,
  input: { officeId: string; day: string; slot?: number | undefined },
) {
  if (input.slot === undefined) {
    const slot = await takeSlot(tx, scope, input.officeId, input.day);
    if (slot === undefined)
      throw new AppError("CONFLICT", "no slot left on that day at that office", { reason: "no_slot_left" });
    return slot;
  }
  if (!(await takeChosenSlot(tx, scope, input.officeId, input.day, input.slot)))
    throw new AppError("CONFLICT", "slot: that slot is already taken or does not exist", {
      reason: "slot_taken",
      field: "slot",
    });
  return input.slot;
}

/** The stages at which an application takes an appointment. */
export const APPOINTMENT_STAGES = ["submitted", "screening", "interview_scheduled"];

type FreeDay = { officeId: string; day: string; slots: { slot: number; time: string }[] };

/**
 * The free slots from `now` on, grouped by office and day, with the nation's offices by name; slots that already
 * started are not offered. `until` (a day, included) and `maxSlots` bound what the portal shows.
 */
export async function listFreeSlotsAt(
  tx: Tx,
  scope: Scope,
  now: Date,
  filter: { officeId?: string; day?: string; until?: string; maxSlots?: number },
) {
  const { until, maxSlots = Number.POSITIVE_INFINITY, ...where } = filter;
  const rows = await listFreeSlots(tx, scope, { ...where, fromDay: now.toISOString().slice(0, 10) });
  const days: FreeDay[] = [];
  let offered = 0;
  for (const row of rows) {
    if (!slotIsAhead(row.day, row.slot, now) || (until !== undefined && row.day > until)) continue;
    if (offered++ >= maxSlots) break;
    let group = days.at(-1);
    if (!group || group.officeId !== row.office_id || group.day !== row.day) {
      group = { officeId: row.office_id, day: row.day, slots: [] };
      days.push(group);
    }
    group.slots.push({ slot: row.slot, time: slotTime(row.slot) });
  }
  return { offices: await officesOf(tx, scope), days };
}

/**
 * The free slots an application can be booked into, from now on, grouped by office and day (one office's or one
 * day's when asked); slots that already started are not offered. The nation's offices come with their names.
 */
export function freeSlotsFor(
  deps: AppointmentsDeps,
  scope: Scope,
  id: string,
  filter: { officeId?: string; day?: string },
) {
  const { db, applications, clock } = deps;
  return inScope(db, scope, async (tx) => {
    await applications.requireApplication(tx, scope, id, false);
    return listFreeSlotsAt(tx, scope, clock(), filter);
  });
}

/** Refuses (409) an application whose stage takes no appointment, or that already has one. */
export async function refuseUnbookable(tx: Tx, scope: Scope, app: ApplicationRow): Promise<void> {
  if (!APPOINTMENT_STAGES.includes(app.stage)) {
    throw new AppError(
      "CONFLICT",
      `an application in stage ${app.stage} takes no appointment`,
      refusal("stage_no_appointment", { stage: app.stage }),
    );
  }
  if (await appointmentOf(tx, scope, app.id))
    throw new AppError("CONFLICT", "this application already has an appointment", refusal("already_booked"));
}

/**
 * Books a slot of an office's day for an application locked by the caller, in its transaction: the chosen slot,
 * or the first free one; "no slot left" when the day is full, "already taken" when the chosen slot is held, and
 * a slot that already started is refused. Audited as the scope's actor (an officer, or the applicant).
 */
export async function bookLocked(
  deps: AppointmentsDeps,
  tx: Tx,
  scope: Scope,
  app: ApplicationRow,
  input: { officeId: string; day: string; slot?: number | undefined },
) {
  await refuseUnbookable(tx, scope, app);
  await requireOffice(tx, scope, input.officeId, "officeId");
  if (!(await appointmentDayExists(tx, scope, input.officeId, input.day))) {
    throw new AppError("NOT_FOUND", "that office takes no appointments that day", refusal("no_slot_left"));
  }
  if (input.slot !== undefined && !slotIsAhead(input.day, input.slot, deps.clock()))
    throw new AppError("CONFLICT", "slot: that slot has already started", {
      field: "slot",
      ...refusal("slot_started"),
    });
  const slot = await claimSlot(tx, scope, input);
  const row = await insertAppointment(tx, scope, {
    applicationId: app.id,
    officeId: input.officeId,
    day: input.day,
    slot,
  });
  if (app.stage !== "interview_scheduled") {
    await moveToStage(
      deps,
      tx,
      scope,
      app,
      "interview_scheduled",
      `appointment ${input.day} ${slotTime(slot)} at ${input.officeId}`,
    );
  }
  await recordAudit(tx, scope, {
    action: "pathway.appointment.book",
    targetType: "pathway_application",
    targetId: app.id,
    details: { officeId: input.officeId, day: input.day, slot },
  });
  return { id: row.id, officeId: row.office_id, day: String(row.day), slot, time: slotTime(slot) };
}

/** Books a slot of an office's day for an application (see `bookLocked`). */
export function bookAppointment(
  deps: AppointmentsDeps,
  scope: Scope,
  id: string,
  input: { officeId: string; day: string; slot?: number },
) {
  const { db, applications } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await applications.requireApplication(tx, scope, id, true);
    return bookLocked(deps, tx, scope, app, input);
  });
}

/** Cancels an application's appointment and frees its slot; an interview still to come goes back to screening. */
export function cancelAppointment(deps: AppointmentsDeps, scope: Scope, id: string) {
  const { db, applications } = deps;
  return inScope(db, scope, async (tx) => {
    const app = await applications.requireApplication(tx, scope, id, true);
    const appointment = await appointmentOf(tx, scope, id);
    if (!appointment) throw new AppError("NOT_FOUND", "this application has no appointment");
    const day = String(appointment.day);
    await releaseSlot(tx, scope, appointment.office_id, day);
    await deleteAppointment(tx, scope, id);
    if (app.stage === "interview_scheduled")
      await moveToStage(deps, tx, scope, app, "screening", "appointment cancelled");
    await recordAudit(tx, scope, {
      action: "pathway.appointment.cancel",
      targetType: "pathway_application",
      targetId: id,
      details: { officeId: appointment.office_id, day, slot: appointment.slot },
    });
    return {
      id: appointment.id,
      officeId: appointment.office_id,
      day,
      slot: appointment.slot,
      time: slotTime(appointment.slot),
    };
  });
}

/** Capacity per office and day, booking and cancelling; each change audited in its transaction. */
export function createAppointmentsService(
  db: Db,
  keyring: Keyring,
  applications: ApplicationAccess,
  clock: () => Date = () => new Date(),
) {
  return bindActions(appointmentsDeps(db, keyring, applications, clock), {
    setAppointmentDay,
    freeSlots: freeSlotsFor,
    book: bookAppointment,
    cancel: cancelAppointment,
  });
}
