import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import { hashSecret } from "../platform/auth/credentials.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { type ApplicationRow, findByTrackingCode } from "./applications.store.ts";
import { CONTACT_CONTEXT } from "./engine/field-contexts.ts";
import type { Language } from "./engine/language.ts";
import { recoveryCodeText, secretReplacedText, subjectText } from "./engine/status-texts.ts";
import { queueNotification } from "./outbox.service.ts";
import { type PortalRecovered, RECOVERY_CODE_MINUTES } from "./portal.contract.ts";
import { codeScope, type PortalDeps } from "./portal-applicant.service.ts";
import { newSecret, randomCodeChars } from "./portal-apply.service.ts";
import {
  countWrongGuess,
  insertRecovery,
  liveRecoveries,
  recoveriesSince,
  replaceSecretHash,
  spendRecoveries,
} from "./portal-recovery.store.ts";

// Recovering a lost secret on the portal: whoever gives an application's tracking code and the contact given
// when applying has a one-time code sent to that contact (never shown on the page), and trades it for a new
// secret; the old one stops working. The request answers the same whatever matched, so nobody learns which
// codes exist or which contact goes with one. Each code lives 30 minutes and dies after 5 wrong guesses.

/** How long a one-time code lives, how many an application gets an hour, and the wrong guesses that kill one. */
export const RECOVERY_TTL_MS = RECOVERY_CODE_MINUTES * 60_000;
export const RECOVERIES_PER_HOUR = 3;
export const RECOVERY_MAX_ATTEMPTS = 5;
const ONE_TIME_CODE_LENGTH = 8;

/** What the request answers, matched or not. */
export const RECOVERY_SENT = "if the code and contact match an application, a message is on its way";

/** What became of a recovery request, for the audit (never the contact or the code). */
type RequestOutcome = "sent" | "no_contact" | "no_match" | "limited";

const notFound = () =>
  new AppError("NOT_FOUND", "no application matches this tracking code and one-time code");

/** A contact as compared: an e-mail address trimmed and lower-cased, anything else its digits only. */
export function normaliseContact(value: string): string {
  const trimmed = value.trim();
  return trimmed.includes("@") ? trimmed.toLowerCase() : trimmed.replace(/\D/g, "");
}

/** Whether two contacts are the same once normalised, compared in constant time; an empty one matches none. */
export function sameContact(given: string, stored: string): boolean {
  const a = normaliseContact(given);
  const b = normaliseContact(stored);
  const same = timingSafeEqual(
    createHash("sha256").update(a).digest(),
    createHash("sha256").update(b).digest(),
  );
  return same && a !== "";
}

/** A one-time code as typed: upper-cased, spaces and dashes dropped. */
const normaliseCode = (value: string) => value.toUpperCase().replace(/[\s-]/g, "");

/** A one-time code's keyed hash, bound to its application: a copy of the table alone cannot guess codes. */
function codeHash(keyring: Keyring, applicationId: string, oneTimeCode: string): string {
  return createHmac("sha256", keyring.indexKey)
    .update(`hemisphere.portal.recovery\u0000${applicationId}\u0000${oneTimeCode}`)
    .digest("hex");
}

/** The application's contact in clear, or null when it has none (none given, or erased). */
function storedContact(keyring: Keyring, app: ApplicationRow): string | null {
  if (app.stage === "erased" || !app.contact_enc) return null;
  return decryptField(keyring, app.contact_enc, CONTACT_CONTEXT);
}

/** Issues a one-time code for the application when its contact matches and it has codes left this hour. */
async function issueCode(
  deps: PortalDeps,
  tx: Tx,
  scope: Scope,
  app: ApplicationRow,
  input: { contact: string; lang: Language },
): Promise<RequestOutcome> {
  const { clock, keyring } = deps;
  const contact = storedContact(keyring, app);
  if (contact === null) return "no_contact";
  if (!sameContact(input.contact, contact)) return "no_match";
  const now = clock();
  const lastHour = new Date(now.getTime() - 3_600_000);
  if ((await recoveriesSince(tx, scope, app.id, lastHour)) >= RECOVERIES_PER_HOUR) return "limited";
  const oneTimeCode = randomCodeChars(ONE_TIME_CODE_LENGTH);
  await insertRecovery(tx, scope, {
    applicationId: app.id,
    codeHash: codeHash(keyring, app.id, oneTimeCode),
    createdAt: now,
    expiresAt: new Date(now.getTime() + RECOVERY_TTL_MS),
  });
  await queueNotification(tx, scope, keyring, {
    applicationId: app.id,
    kind: "recovery.code",
    message: {
      to: contact,
      lang: input.lang,
      subject: subjectText(input.lang),
      text: recoveryCodeText(app.tracking_code, oneTimeCode, RECOVERY_CODE_MINUTES, input.lang),
    },
  });
  return "sent";
}

/**
 * Sends a one-time code to the application's stored contact when the given contact matches it, in one
 * transaction with its audit. Answers nothing either way: the route says the same whatever happened.
 */
export async function requestRecovery(
  deps: PortalDeps,
  input: { trackingCode: string; contact: string; lang: Language },
  requestId: string | null,
): Promise<void> {
  let where: ReturnType<typeof codeScope>;
  try {
    where = codeScope(input.trackingCode, requestId);
  } catch {
    return;
  }
  const { code, scope } = where;
  await inScope(deps.db, scope, async (tx) => {
    const app = await findByTrackingCode(tx, scope, code, true);
    if (!app) return;
    const outcome = await issueCode(deps, tx, scope, app, input);
    await recordAudit(tx, scope, {
      action: "pathway.application.recovery_request",
      targetType: "pathway_application",
      targetId: app.id,
      details: { outcome },
    });
  });
}

/**
 * Gives the application a new secret (the old one stops working), uses up its one-time codes and tells its
 * contact, if it has one, that the secret was replaced. The caller holds the application's lock and audits.
 * The one place a secret is replaced: recovery on the portal and a new secret issued at an office both end here.
 */
export async function replaceSecret(
  keyring: Keyring,
  tx: Tx,
  scope: Scope,
  app: ApplicationRow,
  lang: Language,
  now: Date,
): Promise<{ secret: string; contactTold: boolean }> {
  const secret = newSecret();
  await replaceSecretHash(tx, scope, app.id, hashSecret(secret));
  await spendRecoveries(tx, scope, app.id, now);
  const contact = storedContact(keyring, app);
  await queueNotification(tx, scope, keyring, {
    applicationId: app.id,
    kind: "recovery.done",
    message: contact
      ? { to: contact, lang, subject: subjectText(lang), text: secretReplacedText(app.tracking_code, lang) }
      : null,
  });
  return { secret, contactTold: contact !== null };
}

/** The live one-time code of the application that matches `given`, comparing against every one. */
function matchingCode(keyring: Keyring, app: ApplicationRow, live: { code_hash: string }[], given: string) {
  const hash = Buffer.from(codeHash(keyring, app.id, normaliseCode(given)));
  let matched = false;
  for (const row of live) {
    const stored = Buffer.from(row.code_hash);
    matched = (stored.length === hash.length && timingSafeEqual(stored, hash)) || matched;
  }
  return matched;
}

/**
 * Trades a live one-time code for a new secret, in one transaction under the application's lock: the secret's
 * hash is replaced, every code of the application is used up, the contact is told, the change is audited. A
 * wrong code counts against every live one and answers the same 404 as an unknown tracking code, as do an
 * expired, used or dead code and an erased application.
 */
export async function confirmRecovery(
  deps: PortalDeps,
  input: { trackingCode: string; oneTimeCode: string; lang: Language },
  requestId: string | null,
): Promise<PortalRecovered> {
  const { catalog, clock, db, keyring } = deps;
  let where: ReturnType<typeof codeScope>;
  try {
    where = codeScope(input.trackingCode, requestId);
  } catch {
    throw notFound();
  }
  const { code, nation, scope } = where;
  const pub = await catalog.published();
  const recovered = await inScope(db, scope, async (tx) => {
    const app = await findByTrackingCode(tx, scope, code, true);
    if (!app || app.stage === "erased") return null;
    const now = clock();
    const live = await liveRecoveries(tx, scope, app.id, now, RECOVERY_MAX_ATTEMPTS);
    if (!matchingCode(keyring, app, live, input.oneTimeCode)) {
      // Counted and audited in this transaction, which commits; the 404 is answered after it.
      await countWrongGuess(
        tx,
        scope,
        live.map((r) => r.id),
      );
      await recordAudit(tx, scope, {
        action: "pathway.application.recovery_refused",
        targetType: "pathway_application",
        targetId: app.id,
        details: { liveCodes: live.length },
      });
      return null;
    }
    const { secret } = await replaceSecret(keyring, tx, scope, app, input.lang, now);
    await recordAudit(tx, scope, {
      action: "pathway.application.recovery_confirm",
      targetType: "pathway_application",
      targetId: app.id,
    });
    const pathway = pub.catalog.pathways.find((p) => p.id === `${nation}:${app.pathway_id}`);
    return {
      trackingCode: app.tracking_code,
      secret,
      pathwayTitle: pathway?.title[input.lang] ?? app.pathway_id,
    };
  });
  if (!recovered) throw notFound();
  return recovered;
}
