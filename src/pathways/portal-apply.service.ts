import { randomBytes } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import { hashSecret } from "../platform/auth/credentials.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { encryptField } from "../platform/crypto/field-crypto.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { applicationFilterTerms } from "./application-terms.codec.ts";
import { insertApplication, recordStage } from "./applications.store.ts";
import type { PublishedCatalog } from "./catalog.service.ts";
import {
  ANSWERS_CONTEXT,
  CONTACT_CONTEXT,
  NAME_CONTEXT,
  STAGE_REASON_CONTEXT,
} from "./engine/field-contexts.ts";
import type { Language } from "./engine/language.ts";
import type { ScreenResult } from "./engine/screening.ts";
import { receivedText, subjectText } from "./engine/status-texts.ts";
import { queueNotification } from "./outbox.service.ts";
import { sealText } from "./pathway-text.codec.ts";
import { type PortalDeps, portalScope } from "./portal-applicant.service.ts";
import { takeFromBudget } from "./portal-budget.store.ts";
import { screenAnswers } from "./portal-screening.service.ts";

// Applying on the public portal: the answers screened again, the application filed within the nation's budget
// with only the answers some rule asks, the receipt queued for the applicant, the filing audited.

/** What an applicant files. */
export interface PortalApplication {
  lang: Language;
  nation: string;
  pathwayId: string;
  answers: Record<string, unknown>;
  fullName?: string | undefined;
  contact?: string | undefined;
}

/** Where a pathway lives and the version in force. */
type PathwayAt = NonNullable<ReturnType<PublishedCatalog["keys"]["get"]>>;

/** What one filing stores, once the pathway is found and the answers pass. */
interface Filing {
  application: PortalApplication;
  where: PathwayAt;
  screening: ScreenResult["result"];
  kept: Record<string, unknown>;
  trackingCode: string;
  secret: string;
}

/** The characters of tracking codes and one-time codes: no 0/O, 1/I to mistake for each other. */
const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** `length` random characters of the code alphabet (32 of them, so every byte maps evenly). */
export function randomCodeChars(length: number): string {
  return [...randomBytes(length)].map((b) => CODE_ALPHABET[b % 32]).join("");
}

function newTrackingCode(nation: string): string {
  const chars = randomCodeChars(8);
  return `${nation}-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

/** A new application secret; only its hash is kept. */
export function newSecret(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * The pathway applied to and its screening result: 404 naming `nation` or `pathwayId` when it is not on the
 * portal, 409 for a pathway that works only by referral, 400 with the reasons when the answers do not meet it.
 */
function pathwayApplied(pub: PublishedCatalog, results: ScreenResult[], input: PortalApplication) {
  const key = `${input.nation}:${input.pathwayId}`;
  const where = pub.keys.get(key);
  const result = results.find((r) => r.pathway === key);
  if (!where || !result) {
    const nationPublishes = [...pub.keys.values()].some((k) => k.nation === input.nation);
    throw nationPublishes
      ? new AppError("NOT_FOUND", "pathwayId: this pathway is not open on the portal", {
          field: "pathwayId",
        })
      : new AppError("NOT_FOUND", "nation: no nation with that code publishes pathways", {
          field: "nation",
        });
  }
  const pathway = pub.catalog.pathways.find((p) => p.id === key);
  if (pathway?.access === "referral") {
    throw new AppError(
      "CONFLICT",
      "pathwayId: this pathway takes no applications; it works only by referral",
      {
        field: "pathwayId",
      },
    );
  }
  if (result.result === "not_eligible") {
    throw new AppError("BAD_INPUT", "the answers do not meet this pathway's criteria", {
      reasons: result.reasons,
    });
  }
  return { where, result };
}

/** Takes one application from the nation's budget; 429 with the seconds to wait when it is spent. */
async function spendBudget(deps: PortalDeps, tx: Tx, scope: Scope): Promise<void> {
  const { budget } = deps;
  const wait = budget ? await takeFromBudget(tx, scope, budget) : 0;
  if (wait > 0) {
    throw new AppError(
      "RATE_LIMITED",
      `this nation's portal is taking more applications than it can right now; try again in ${wait} s`,
      { retryAfterSeconds: wait },
    );
  }
}

/** Stores the application, its first stage and its receipt, and audits the filing; returns its id. */
async function fileApplication(deps: PortalDeps, tx: Tx, scope: Scope, filing: Filing): Promise<string> {
  const { clock, keyring } = deps;
  const { application: input, where, trackingCode } = filing;
  await spendBudget(deps, tx, scope);
  const now = clock();
  const row = await insertApplication(tx, scope, {
    tracking_code: trackingCode,
    secret_hash: hashSecret(filing.secret),
    pathway_id: where.id,
    pathway_version: where.version,
    stage: "submitted",
    language: input.lang,
    screening_result: filing.screening,
    answers_enc: encryptField(keyring, JSON.stringify(filing.kept), ANSWERS_CONTEXT),
    filter_terms: applicationFilterTerms(keyring, scope.tenantId, filing.kept),
    full_name_enc: input.fullName ? encryptField(keyring, input.fullName, NAME_CONTEXT) : null,
    contact_enc: input.contact ? encryptField(keyring, input.contact, CONTACT_CONTEXT) : null,
    person_id: null,
    referred_from: null,
    consent_at: now,
    portal_consent_at: now,
  });
  const reason = sealText(keyring, "submitted on the public portal", STAGE_REASON_CONTEXT);
  await recordStage(tx, scope, row.id, null, "submitted", null, reason, now);
  await queueNotification(tx, scope, keyring, {
    applicationId: row.id,
    kind: "submitted",
    message: input.contact
      ? {
          to: input.contact,
          lang: input.lang,
          subject: subjectText(input.lang),
          text: receivedText(trackingCode, input.lang),
        }
      : null,
  });
  await recordAudit(tx, scope, {
    action: "pathway.application.submit",
    targetType: "pathway_application",
    targetId: row.id,
    details: { pathway: where.id, version: where.version, screening: filing.screening },
  });
  return row.id;
}

/** Files an application; returns the tracking code and the secret (only its hash is kept). */
export async function submitApplication(
  deps: PortalDeps,
  input: PortalApplication,
  requestId: string | null,
) {
  const { db } = deps;
  const { pub, results, kept } = await screenAnswers(deps, input.lang, input.answers);
  const { where, result } = pathwayApplied(pub, results, input);
  // Minimal data: only the answers to questions shown for them (those that could change an outcome) are kept.
  const secret = newSecret();
  const trackingCode = newTrackingCode(input.nation);
  const scope = portalScope(input.nation, requestId);
  const filing = { application: input, where, screening: result.result, kept, trackingCode, secret };
  const id = await inScope(db, scope, (tx) => fileApplication(deps, tx, scope, filing));
  return { id, trackingCode, secret, stage: "submitted" as const };
}
