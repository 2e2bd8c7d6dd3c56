import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import { inScope } from "../platform/db/scoped.ts";
import { notificationsOf, referralsOf } from "./applicant-data.store.ts";
import { eraseApplication } from "./application-erasure.service.ts";
import { type ApplicationRow, stageHistory } from "./applications.store.ts";
import { appointmentOf } from "./appointments.store.ts";
import {
  ANSWERS_CONTEXT,
  CONTACT_CONTEXT,
  NAME_CONTEXT,
  OUTBOX_CONTEXT,
  REFERRAL_CONSENT_CONTEXT,
  REFERRAL_REASON_CONTEXT,
  STAGE_REASON_CONTEXT,
} from "./engine/field-contexts.ts";
import type { Language } from "./engine/language.ts";
import { nextStepText } from "./engine/status-texts.ts";
import { openText } from "./pathway-text.codec.ts";
import type { PortalDownload, PortalErased } from "./portal.contract.ts";
import {
  appointmentView,
  codeScope,
  openApplication,
  type PortalDeps,
  readOwnApplication,
} from "./portal-applicant.service.ts";

// The applicant's rights over their own application, for whoever holds its tracking code and secret: the
// download of everything the nation holds from it, and its erasure.

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The applicant's name, contact and answers, opened with the keys. */
function applicantData(keyring: Keyring, app: ApplicationRow) {
  return {
    applicant: {
      fullName: app.full_name_enc ? decryptField(keyring, app.full_name_enc, NAME_CONTEXT) : null,
      contact: app.contact_enc ? decryptField(keyring, app.contact_enc, CONTACT_CONTEXT) : null,
    },
    answers: app.answers_enc
      ? (JSON.parse(decryptField(keyring, app.answers_enc, ANSWERS_CONTEXT)) as Record<string, unknown>)
      : {},
  };
}

/** The application's stage changes, each saying whether the applicant or the office made it. */
function historyView(keyring: Keyring, history: Awaited<ReturnType<typeof stageHistory>>) {
  return history.map((h) => ({
    fromStage: h.from_stage,
    toStage: h.to_stage,
    decision: h.decision,
    reason: openText(keyring, h.reason_enc, STAGE_REASON_CONTEXT),
    by: h.actor_label.startsWith("portal:") ? ("applicant" as const) : ("office" as const),
    changedAt: new Date(h.changed_at).toISOString(),
  }));
}

/** The notifications sent or waiting for the application, with their messages opened. */
function notificationsView(keyring: Keyring, notifications: Awaited<ReturnType<typeof notificationsOf>>) {
  return notifications.map((n) => {
    const message = JSON.parse(decryptField(keyring, n.message_enc, OUTBOX_CONTEXT)) as {
      to: string;
      subject: string;
      text: string;
    };
    return {
      kind: n.kind,
      status: n.status,
      createdAt: new Date(n.created_at).toISOString(),
      sentAt: iso(n.sent_at),
      to: message.to,
      subject: message.subject,
      text: message.text,
    };
  });
}

/** The referrals that name the application, with the consent and reasons opened. */
function referralsView(keyring: Keyring, referrals: Awaited<ReturnType<typeof referralsOf>>) {
  return referrals.map((r) => ({
    fromNation: r.from_tenant,
    toNation: r.to_tenant,
    toPathway: r.to_pathway,
    status: r.status,
    consentText: openText(keyring, r.consent_text_enc, REFERRAL_CONSENT_CONTEXT),
    consentAt: new Date(r.consent_at).toISOString(),
    reason: openText(keyring, r.reason_enc, REFERRAL_REASON_CONTEXT),
    createdAt: new Date(r.created_at).toISOString(),
    decidedAt: iso(r.decided_at),
  }));
}

/** Everything the nation holds from one application, for whoever holds its code and secret; audited. */
export async function downloadOwnApplication(
  deps: PortalDeps,
  input: { trackingCode: string; secret: string; lang?: Language | undefined },
  requestId: string | null,
): Promise<PortalDownload> {
  const { clock, keyring } = deps;
  return readOwnApplication(deps, input, requestId, "pathway.application.download", async (own) => {
    const { tx, scope, nation, app, pathway } = own;
    const lang = input.lang ?? (app.language as Language);
    const history = await stageHistory(tx, scope, app.id);
    const appointment = await appointmentOf(tx, scope, app.id);
    const notifications = await notificationsOf(tx, scope, app.id);
    const referrals = await referralsOf(tx, scope, app.id);
    return {
      exportedAt: clock().toISOString(),
      trackingCode: app.tracking_code,
      nation,
      pathway: {
        id: app.pathway_id,
        title: pathway?.title[lang] ?? app.pathway_id,
        version: app.pathway_version,
      },
      language: app.language,
      screeningResult: app.screening_result as PortalDownload["screeningResult"],
      stage: app.stage as PortalDownload["stage"],
      decision: app.decision as PortalDownload["decision"],
      nextStep: nextStepText(app.stage, app.decision, lang),
      consentAt: new Date(app.consent_at).toISOString(),
      submittedAt: new Date(app.submitted_at).toISOString(),
      decidedAt: iso(app.decided_at),
      referredFrom: app.referred_from,
      ...applicantData(keyring, app),
      history: historyView(keyring, history),
      appointment: appointmentView(appointment),
      notifications: notificationsView(keyring, notifications),
      referrals: referralsView(keyring, referrals),
      registryRecord: app.person_id ? "kept" : "none",
    };
  });
}

/**
 * Erases an application's personal data at its applicant's request, in one transaction under the row's lock:
 * answers, name, contact and the secret's hash go, officers' reasons are replaced, the appointment is
 * cancelled, notifications are dropped and this nation's referral records cleared. A tombstone stays (stage
 * `erased`, pathway, dates, any decision). A linked registry record is not erased here. The audit event
 * names the application and the fields, never a value. A second erasure finds nothing: 404.
 */
export async function eraseOwnApplication(
  deps: PortalDeps,
  input: { trackingCode: string; secret: string },
  requestId: string | null,
): Promise<PortalErased> {
  const { db, clock, keyring } = deps;
  const { code, scope } = codeScope(input.trackingCode, requestId);
  return inScope(db, scope, async (tx) => {
    const app = await openApplication(tx, scope, code, input.secret, true);
    const at = clock();
    const { sharedWith, ...cleared } = await eraseApplication(tx, scope, keyring, app, "applicant", at);
    return {
      trackingCode: app.tracking_code,
      stage: "erased" as const,
      erasedAt: at.toISOString(),
      cleared,
      registryRecord: app.person_id ? ("kept" as const) : ("none" as const),
      sharedWith,
    };
  });
}
