import { randomBytes } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { encryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { applicationFilterTerms } from "./application-terms.codec.ts";
import { insertApplication, recordStage } from "./applications.store.ts";
import type { CatalogService, PublishedCatalog } from "./catalog.service.ts";
import { countryName } from "./engine/country-names.ts";
import {
  ANSWERS_CONTEXT,
  CONTACT_CONTEXT,
  NAME_CONTEXT,
  STAGE_REASON_CONTEXT,
} from "./engine/field-contexts.ts";
import type { Language } from "./engine/language.ts";
import { customQuestionTexts, questionText } from "./engine/question-texts.ts";
import { prepareCatalogAnswers, questionsOn, screenCatalog } from "./engine/screening.ts";
import { receivedText, subjectText } from "./engine/status-texts.ts";
import { labelOf } from "./engine/vocabulary.ts";
import { queueNotification } from "./outbox.service.ts";
import { sealText } from "./pathway-text.codec.ts";
import type { PortalPathway, PortalQuestion, PortalScreenEntry } from "./pathways.contract.ts";
import {
  applicationStatus,
  downloadOwnApplication,
  eraseOwnApplication,
  hashSecret,
  type PortalDeps,
  portalScope,
} from "./portal-applicant.service.ts";
import { type BudgetRate, takeFromBudget } from "./portal-budget.store.ts";

// Countries offered in the portal's country questions (the region and the most frequent origins).
const COUNTRY_OPTIONS =
  "ARG BHS BLZ BOL BRA CAN CHL COL CRI CUB DOM ECU SLV GTM GUY HTI HND JAM MEX NIC PAN PRY PER SUR TTO USA URY VEN AFG UKR SYR CHN IND SEN CMR COD ERI SOM".split(
    " ",
  );
const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

function newTrackingCode(nation: string): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]).join("");
  return `${nation}-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

function portalPathway(pub: PublishedCatalog, key: string, lang: Language): PortalPathway | undefined {
  const where = pub.keys.get(key);
  const pathway = pub.catalog.pathways.find((p) => p.id === key);
  if (!where || !pathway) return undefined;
  return {
    nation: where.nation,
    id: where.id,
    type: pathway.type ?? null,
    title: pathway.title[lang],
    summary: pathway.summary[lang],
    documents: pathway.documents.map((d) => d[lang]),
    example: pathway.example,
    access: pathway.access,
    howToAccess: pathway.accessHow?.[lang] ?? null,
    lastVerified: pathway.lastVerified ?? null,
  };
}

function optionsOf(type: string, options: string[] | undefined, lang: Language) {
  if (type === "country") return COUNTRY_OPTIONS.map((c) => ({ value: c, label: countryName(c, lang) }));
  return options?.map((o) => ({ value: o, label: labelOf(o, lang) }));
}

/** What the portal actions share, built once per service. */
function portalDeps(
  db: Db,
  keyring: Keyring,
  catalog: CatalogService,
  clock: () => Date,
  budget: BudgetRate | null = null,
): PortalDeps {
  return { db, keyring, catalog, clock, budget };
}

async function screenAnswers(deps: PortalDeps, lang: Language, raw: Record<string, unknown>) {
  const { catalog } = deps;
  const pub = await catalog.published();
  const { answers, problems } = prepareCatalogAnswers(pub.compiled, raw);
  if (problems.length > 0) {
    throw new AppError("BAD_INPUT", `answers not understood: ${problems.map((p) => p.path).join(", ")}`, {
      questions: problems.map((p) => p.path),
    });
  }
  return { pub, results: screenCatalog(pub.compiled, answers, { on: catalog.today(), lang }) };
}

/** Published pathways and the questions they need, in `lang`. */
export async function portalCatalog(
  deps: PortalDeps,
  lang: Language,
): Promise<{ pathways: PortalPathway[]; questions: PortalQuestion[] }> {
  const { catalog } = deps;
  const pub = await catalog.published();
  const custom = customQuestionTexts(pub.catalog);
  const pathways = [...pub.keys.keys()].flatMap((k) => portalPathway(pub, k, lang) ?? []);
  const questions = questionsOn(pub.catalog, catalog.today()).map((q) => {
    const options = optionsOf(q.type, q.options, lang);
    return {
      id: q.id,
      type: q.type,
      text: questionText(q.id, lang, custom),
      ...(options && { options }),
    };
  });
  return { pathways, questions };
}

/** Screens answers against every published pathway, with reasons and documents in `lang`. */
export async function screenApplicant(
  deps: PortalDeps,
  lang: Language,
  raw: Record<string, unknown>,
): Promise<PortalScreenEntry[]> {
  const { pub, results } = await screenAnswers(deps, lang, raw);
  return results.flatMap((r) => {
    const view = portalPathway(pub, r.pathway, lang);
    if (!view) return [];
    const notOpen = r.status && r.reasonCode && { status: r.status, reasonCode: r.reasonCode };
    return [{ ...view, result: r.result, reasons: r.reasons, missing: r.missing, ...notOpen }];
  });
}

/** Files an application; returns the tracking code and the secret (only its hash is kept). */
export async function submitApplication(
  deps: PortalDeps,
  input: {
    lang: Language;
    nation: string;
    pathwayId: string;
    answers: Record<string, unknown>;
    fullName?: string | undefined;
    contact?: string | undefined;
  },
  requestId: string | null,
) {
  const { db, budget, clock, keyring } = deps;
  const key = `${input.nation}:${input.pathwayId}`;
  const { pub, results } = await screenAnswers(deps, input.lang, input.answers);
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
  // Minimal data: only the answers some rule asks are kept.
  const asked = new Set(pub.compiled.questions.map((q) => q.id));
  const kept = Object.fromEntries(Object.entries(input.answers).filter(([k]) => asked.has(k)));
  const secret = randomBytes(16).toString("base64url");
  const trackingCode = newTrackingCode(input.nation);
  const scope = portalScope(input.nation, requestId);
  const id = await inScope(db, scope, async (tx) => {
    const wait = budget ? await takeFromBudget(tx, scope, budget) : 0;
    if (wait > 0) {
      throw new AppError(
        "RATE_LIMITED",
        `this nation's portal is taking more applications than it can right now; try again in ${wait} s`,
        { retryAfterSeconds: wait },
      );
    }
    const now = clock();
    const row = await insertApplication(tx, scope, {
      tracking_code: trackingCode,
      secret_hash: hashSecret(secret),
      pathway_id: where.id,
      pathway_version: where.version,
      stage: "submitted",
      language: input.lang,
      screening_result: result.result,
      answers_enc: encryptField(keyring, JSON.stringify(kept), ANSWERS_CONTEXT),
      filter_terms: applicationFilterTerms(keyring, scope.tenantId, kept),
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
      details: { pathway: where.id, version: where.version, screening: result.result },
    });
    return row.id;
  });
  return { id, trackingCode, secret, stage: "submitted" as const };
}

/** The public portal: catalogue, screening, applying (within each nation's budget), and the status page. */
export function createPortalService(
  db: Db,
  keyring: Keyring,
  catalog: CatalogService,
  clock: () => Date,
  budget: BudgetRate | null = null,
) {
  return bindActions(portalDeps(db, keyring, catalog, clock, budget), {
    catalog: portalCatalog,
    screen: screenApplicant,
    apply: submitApplication,
    status: applicationStatus,
    download: downloadOwnApplication,
    erase: eraseOwnApplication,
  });
}
