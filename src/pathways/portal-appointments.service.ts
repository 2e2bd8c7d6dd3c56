import { recordAudit } from "../platform/audit/audit.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { officeNameOf } from "../platform/offices/offices.service.ts";
import {
  type ApplicationAccess,
  type AppointmentsDeps,
  appointmentsDeps,
  bookLocked,
  listFreeSlotsAt,
  refuseUnbookable,
} from "./appointments.service.ts";
import type { PortalAppointment } from "./portal.contract.ts";
import { codeScope, openApplication } from "./portal-applicant.service.ts";

// The applicant chooses their own appointment on the portal, with the application's tracking code and secret:
// the free slots of the coming days, and booking one of them through the same locked path as an officer's
// booking, so one slot still goes to one application. The audit names the portal's applicant as the actor.

/** How far ahead, in days, the portal offers slots, and how many it offers at most. */
export const PORTAL_SLOT_DAYS = 30;
export const PORTAL_MAX_SLOTS = 60;

/** The last day (YYYY-MM-DD) the portal offers, counted from `now`. */
function lastOfferedDay(now: Date): string {
  return new Date(now.getTime() + PORTAL_SLOT_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The free slots the applicant may choose from: the next 30 days, at most 60 slots, with the offices' names.
 * The same 404 as the status page for a wrong code or secret; 409 when the application's stage takes no
 * appointment or it already has one. Audited as a read of the application.
 */
export function applicantFreeSlots(
  deps: AppointmentsDeps,
  input: { trackingCode: string; secret: string },
  requestId: string | null,
) {
  const { db, clock } = deps;
  const { code, scope } = codeScope(input.trackingCode, requestId);
  return inScope(db, scope, async (tx) => {
    const app = await openApplication(tx, scope, code, input.secret);
    await refuseUnbookable(tx, scope, app);
    const now = clock();
    const free = await listFreeSlotsAt(tx, scope, now, {
      until: lastOfferedDay(now),
      maxSlots: PORTAL_MAX_SLOTS,
    });
    await recordAudit(tx, scope, {
      action: "pathway.application.free_slots",
      targetType: "pathway_application",
      targetId: app.id,
    });
    return free;
  });
}

/** Books the slot the applicant chose, under the application's lock; the same refusals as an officer's booking. */
export function applicantBook(
  deps: AppointmentsDeps,
  input: { trackingCode: string; secret: string; officeId: string; day: string; slot: number },
  requestId: string | null,
): Promise<PortalAppointment> {
  const { db, clock } = deps;
  const { code, scope } = codeScope(input.trackingCode, requestId);
  return inScope(db, scope, async (tx) => {
    const app = await openApplication(tx, scope, code, input.secret, true);
    if (input.day > lastOfferedDay(clock())) throw beyondOffered();
    const booked = await bookLocked(deps, tx, scope, app, input);
    return { ...booked, officeName: await officeNameOf(tx, scope, booked.officeId) };
  });
}

/** A day the portal does not offer is refused as a slot that cannot be had. */
function beyondOffered() {
  return new AppError("CONFLICT", `day: the portal offers slots of the next ${PORTAL_SLOT_DAYS} days only`, {
    field: "day",
  });
}

/** The applicant's own appointment choice on the portal. */
export function createPortalAppointmentsService(
  db: Db,
  keyring: Keyring,
  applications: ApplicationAccess,
  clock: () => Date,
) {
  return bindActions(appointmentsDeps(db, keyring, applications, clock), {
    freeSlots: applicantFreeSlots,
    book: applicantBook,
  });
}
