import { createHash, timingSafeEqual } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { notificationsOf, referralsOf } from "./applicant-data.store.ts";
import { eraseApplication } from "./application-erasure.service.ts";
import {
  type ApplicationRow,
  decidedSince,
  findByTrackingCode,
  queuePosition,
  stageHistory,
  WAITING_STAGES,
} from "./applications.store.ts";
import { slotTime } from "./appointments.service.ts";
import { appointmentOf } from "./appointments.store.ts";
import type { CatalogService } from "./catalog.service.ts";
import type { Period } from "./engine/catalog-schema.ts";
import { estimateWait } from "./engine/estimated-wait.ts";
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
import { describeWait } from "./engine/pathway-texts.ts";
import { nextStepText } from "./engine/status-texts.ts";
import { openText } from "./pathway-text.codec.ts";
import type { PortalDownload, PortalErased, PortalStatus } from "./pathways.contract.ts";
import type { BudgetRate } from "./portal-budget.store.ts";

// The applicant's own application, opened with its tracking code and secret: the status page, the download of
// everything the nation holds from it, and its erasure. The portal's catalogue, screening and applying are in
// portal.service.ts, which binds these actions too.

/** What the portal actions share. */
export interface PortalDeps {
  db: Db;
  keyring: Keyring;
  catalog: CatalogService;
  clock: () => Date;
  budget: BudgetRate | null;
}

/** The scope the public portal acts in: the pathway's nation, no user, labelled as the portal. */
export function portalScope(nation: string, requestId: string | null): Scope {
  return {
    tenantId: nation,
    userId: null,
    actorLabel: "portal:applicant",
    officeId: null,
    roles: [],
    permissions: new Set(),
    reach: "own",
    regional: false,
    requestId,
  };
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The nation a tracking code names (its first three letters), or undefined for a code that names none. */
const nationOf = (code: string) => /^([A-Z]{3})-/.exec(code)?.[1];

const notFound = () => new AppError("NOT_FOUND", "no application matches this tracking code and secret");

/**
 * The application a code and secret open, or the same 404 for an unknown code, a wrong secret and an erased
 * application. `forUpdate` locks its row for a change.
 */
async function openApplication(
  tx: Tx,
  scope: Scope,
  code: string,
  secret: string,
  forUpdate = false,
): Promise<ApplicationRow> {
  const app = await findByTrackingCode(tx, scope, code, forUpdate).catch(() => undefined);
  const given = Buffer.from(hashSecret(secret));
  if (!app || !timingSafeEqual(given, Buffer.from(app.secret_hash)) || app.stage === "erased")
    throw notFound();
  return app;
}

/** The first day of the capacity period `now` falls in, and the days left in it. */
export function currentPeriod(now: Date, period: Period): { start: Date; daysLeft: number } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const starts: Record<Period, [Date, Date]> = {
    day: [new Date(Date.UTC(y, m, d)), new Date(Date.UTC(y, m, d + 1))],
    week: [
      new Date(Date.UTC(y, m, d - ((now.getUTCDay() + 6) % 7))),
      new Date(Date.UTC(y, m, d + 7 - ((now.getUTCDay() + 6) % 7))),
    ],
    month: [new Date(Date.UTC(y, m, 1)), new Date(Date.UTC(y, m + 1, 1))],
    quarter: [new Date(Date.UTC(y, m - (m % 3), 1)), new Date(Date.UTC(y, m - (m % 3) + 3, 1))],
    year: [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))],
  };
  const [start, end] = starts[period];
  return { start, daysLeft: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 86_400_000)) };
}

/** The nation a tracking code names and the portal's scope in it; the same 404 as a wrong secret otherwise. */
function codeScope(trackingCode: string, requestId: string | null) {
  const code = trackingCode.toUpperCase();
  const nation = nationOf(code);
  if (!nation) throw notFound();
  return { code, nation, scope: portalScope(nation, requestId) };
}

/** The status page of one application, for whoever holds its code and secret. */
export async function applicationStatus(
  deps: PortalDeps,
  input: { trackingCode: string; secret: string; lang: Language },
  requestId: string | null,
): Promise<PortalStatus> {
  const { catalog, db, clock } = deps;
  const { code, nation, scope } = codeScope(input.trackingCode, requestId);
  const pub = await catalog.published();
  return inScope(db, scope, async (tx) => {
    const app = await openApplication(tx, scope, code, input.secret);
    const pathway = pub.catalog.pathways.find((p) => p.id === `${nation}:${app.pathway_id}`);
    const waiting = WAITING_STAGES.includes(app.stage);
    const position = waiting ? await queuePosition(tx, scope, app) : null;
    let estimatedWait: PortalStatus["estimatedWait"] = null;
    if (position !== null && pathway?.capacity) {
      const period = currentPeriod(clock(), pathway.capacity.period);
      const used = await decidedSince(tx, scope, app.pathway_id, period.start);
      const wait = estimateWait({
        position,
        placesPerPeriod: pathway.capacity.places,
        period: pathway.capacity.period,
        usedThisPeriod: used,
        daysLeftInPeriod: period.daysLeft,
        processingDays: pathway.processingDays ?? 0,
      });
      if (wait) estimatedWait = { days: wait.days, text: describeWait(wait.days, input.lang) };
    }
    const appointment = await appointmentOf(tx, scope, app.id);
    await recordAudit(tx, scope, {
      action: "pathway.application.status",
      targetType: "pathway_application",
      targetId: app.id,
    });
    return {
      trackingCode: app.tracking_code,
      pathwayTitle: pathway?.title[input.lang] ?? app.pathway_id,
      stage: app.stage as PortalStatus["stage"],
      decision: app.decision as PortalStatus["decision"],
      nextStep: nextStepText(app.stage, app.decision, input.lang),
      queuePosition: position,
      estimatedWait,
      appointment: appointment
        ? {
            day: String(appointment.day),
            time: slotTime(appointment.slot),
            officeId: appointment.office_id,
          }
        : null,
      submittedAt: new Date(app.submitted_at).toISOString(),
    };
  });
}

/** Everything the nation holds from one application, for whoever holds its code and secret; audited. */
export async function downloadOwnApplication(
  deps: PortalDeps,
  input: { trackingCode: string; secret: string; lang?: Language | undefined },
  requestId: string | null,
): Promise<PortalDownload> {
  const { catalog, db, clock, keyring } = deps;
  const { code, nation, scope } = codeScope(input.trackingCode, requestId);
  const pub = await catalog.published();
  return inScope(db, scope, async (tx) => {
    const app = await openApplication(tx, scope, code, input.secret);
    const lang = input.lang ?? (app.language as Language);
    const pathway = pub.catalog.pathways.find((p) => p.id === `${nation}:${app.pathway_id}`);
    const history = await stageHistory(tx, scope, app.id);
    const appointment = await appointmentOf(tx, scope, app.id);
    const notifications = await notificationsOf(tx, scope, app.id);
    const referrals = await referralsOf(tx, scope, app.id);
    await recordAudit(tx, scope, {
      action: "pathway.application.download",
      targetType: "pathway_application",
      targetId: app.id,
    });
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
      applicant: {
        fullName: app.full_name_enc ? decryptField(keyring, app.full_name_enc, NAME_CONTEXT) : null,
        contact: app.contact_enc ? decryptField(keyring, app.contact_enc, CONTACT_CONTEXT) : null,
      },
      answers: app.answers_enc
        ? (JSON.parse(decryptField(keyring, app.answers_enc, ANSWERS_CONTEXT)) as Record<string, unknown>)
        : {},
      history: history.map((h) => ({
        fromStage: h.from_stage,
        toStage: h.to_stage,
        decision: h.decision,
        reason: openText(keyring, h.reason_enc, STAGE_REASON_CONTEXT),
        by: h.actor_label.startsWith("portal:") ? ("applicant" as const) : ("office" as const),
        changedAt: new Date(h.changed_at).toISOString(),
      })),
      appointment: appointment
        ? {
            day: String(appointment.day),
            time: slotTime(appointment.slot),
            officeId: appointment.office_id,
          }
        : null,
      notifications: notifications.map((n) => {
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
      }),
      referrals: referrals.map((r) => ({
        fromNation: r.from_tenant,
        toNation: r.to_tenant,
        toPathway: r.to_pathway,
        status: r.status,
        consentText: openText(keyring, r.consent_text_enc, REFERRAL_CONSENT_CONTEXT),
        consentAt: new Date(r.consent_at).toISOString(),
        reason: openText(keyring, r.reason_enc, REFERRAL_REASON_CONTEXT),
        createdAt: new Date(r.created_at).toISOString(),
        decidedAt: iso(r.decided_at),
      })),
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
