import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import {
  clearReferrals,
  dropNotifications,
  referralsOf,
  replaceStageReasons,
  tombstoneApplication,
} from "./applicant-data.store.ts";
import { type ApplicationRow, recordStage } from "./applications.store.ts";
import { appointmentOf, deleteAppointment, releaseSlot } from "./appointments.store.ts";
import { arrivalOfApplication } from "./arrival.store.ts";
import {
  REFERRAL_DECIDED_REASON_CONTEXT,
  REFERRAL_REASON_CONTEXT,
  STAGE_REASON_CONTEXT,
} from "./engine/field-contexts.ts";
import { sealText } from "./pathway-text.codec.ts";
import { forgetRecoveries } from "./portal-recovery.store.ts";

/** Why an application was erased; the text that replaces officers' free text about the applicant. */
export const ERASED_TEXT = {
  applicant: "erased at the applicant's request",
  person: "erased with the registered person",
  retention: "erased at the end of its retention period",
} as const;
export type ErasedBy = keyof typeof ERASED_TEXT;

/** What an application's erasure cleared (counts and field names, never a value). */
export interface ApplicationErasure {
  fields: string[];
  stageReasons: number;
  appointmentCancelled: boolean;
  notificationsDropped: number;
  referralRecords: number;
  /** The nations this application was referred to, or its household moved to (their copies are theirs to erase). */
  sharedWith: string[];
}

/**
 * Erases one application's personal data in the caller's transaction; the caller has locked its row. Answers,
 * name, contact and the secret's hash go; officers' reasons are replaced by `ERASED_TEXT[by]`; the appointment
 * is cancelled and its slot released; notifications and one-time recovery codes are dropped; this nation's
 * referral records are cleared.
 * A tombstone stays (stage `erased`, pathway, dates, any decision) so counts stay true. Audited as
 * `pathway.application.erase`, naming fields and counts, never a value.
 */
export async function eraseApplication(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  app: ApplicationRow,
  by: ErasedBy,
  at: Date,
): Promise<ApplicationErasure> {
  const erasedText = ERASED_TEXT[by];
  const appointment = await appointmentOf(tx, scope, app.id);
  if (appointment) {
    await releaseSlot(tx, scope, appointment.office_id, String(appointment.day));
    await deleteAppointment(tx, scope, app.id);
  }
  const dropped = await dropNotifications(tx, scope, app.id);
  await forgetRecoveries(tx, scope, app.id);
  const referrals = await referralsOf(tx, scope, app.id);
  const referralRecords = await clearReferrals(tx, scope, app.id, {
    reasonEnc: sealText(keyring, erasedText, REFERRAL_REASON_CONTEXT),
    decidedReasonEnc: sealText(keyring, erasedText, REFERRAL_DECIDED_REASON_CONTEXT),
  });
  const stageReasons = await replaceStageReasons(
    tx,
    scope,
    app.id,
    sealText(keyring, erasedText, STAGE_REASON_CONTEXT),
  );
  // A secret nobody holds: the code opens nothing any more.
  const unmatchable = createHash("sha256").update(randomBytes(32)).digest("hex");
  await tombstoneApplication(tx, scope, app.id, { secretHash: unmatchable, at });
  await recordStage(
    tx,
    scope,
    app.id,
    app.stage,
    "erased",
    null,
    sealText(keyring, erasedText, STAGE_REASON_CONTEXT),
    at,
  );
  const fields = [
    "answers",
    ...(app.full_name_enc ? ["fullName"] : []),
    ...(app.contact_enc ? ["contact"] : []),
    "secret",
  ];
  // A household moved to the nation that received it: that nation's copy of its record is that nation's.
  const moved = await arrivalOfApplication(tx, scope, app.id);
  const sharedWith = [
    ...new Set([
      ...referrals
        .filter((r) => r.direction === "outgoing" && r.status !== "rejected")
        .map((r) => r.to_tenant),
      ...(moved && moved.direction === "outgoing" ? [moved.to_tenant] : []),
    ]),
  ].sort();
  await recordAudit(tx, scope, {
    action: "pathway.application.erase",
    targetType: "pathway_application",
    targetId: app.id,
    details: {
      by,
      from: app.stage,
      fields,
      stageReasons,
      appointment: appointment ? appointment.id : null,
      unsentNotifications: dropped.unsent,
      sentNotifications: dropped.sent,
      referralRecords,
      personId: app.person_id,
    },
  });
  return {
    fields,
    stageReasons,
    appointmentCancelled: appointment !== undefined,
    notificationsDropped: dropped.unsent + dropped.sent,
    referralRecords,
    sharedWith,
  };
}
