import { createHash, randomBytes, randomUUID } from "node:crypto";
import { requireAgreement } from "../platform/agreements/agreements.service.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { refusal } from "../shared/refusal.ts";
import { applicationFilterTermsOfText } from "./application-terms.codec.ts";
import { changeStage, findApplication, insertApplication, recordStage } from "./applications.store.ts";
import { auditSides } from "./audit-sides.service.ts";
import type { CatalogService } from "./catalog.service.ts";
import {
  ANSWERS_CONTEXT,
  CONTACT_CONTEXT,
  NAME_CONTEXT,
  REFERRAL_CONSENT_CONTEXT,
  REFERRAL_CONTEXT,
  REFERRAL_DECIDED_REASON_CONTEXT,
  REFERRAL_REASON_CONTEXT,
  STAGE_REASON_CONTEXT,
} from "./engine/field-contexts.ts";
import { openOptionalText, openText, sealText } from "./pathway-text.codec.ts";
import type { ReferralPage, ReferralQuery, ReferralView } from "./referrals.contract.ts";
import { refuseErased, type WorkflowService } from "./workflow.service.ts";
import {
  findReferralForUpdate,
  insertReferralSide,
  listReferrals,
  type ReferralRow,
  setReferralStatus,
} from "./workflow.store.ts";

// Referral of an application to another nation's pathway, with the applicant's consent. Each side keeps its
// own record and its own audit chain; both are written in one transaction, binding each tenant in turn.

interface Payload {
  trackingCode: string;
  language: string;
  screeningResult: string;
  answers: string;
  fullName: string | null;
  contact: string | null;
}

/** What leaves the server about a referral (its reasons decrypted for the nation reading it). */
export function presentReferral(keyring: Keyring, row: ReferralRow): ReferralView {
  return {
    id: row.id,
    direction: row.direction,
    fromNation: row.from_tenant,
    toNation: row.to_tenant,
    applicationId: row.application_id,
    toPathway: row.to_pathway,
    status: row.status as ReferralView["status"],
    reason: openText(keyring, row.reason_enc, REFERRAL_REASON_CONTEXT),
    consentAt: new Date(row.consent_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    decidedReason: openOptionalText(keyring, row.decided_reason_enc, REFERRAL_DECIDED_REASON_CONTEXT),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    receivedApplicationId: row.received_application_id,
  };
}

const ALLOWED: Record<string, string[]> = {
  accepted: ["pending"],
  rejected: ["pending"],
  revoked: ["pending", "accepted"],
};

/** What the referral actions share, built once per service. */
function referralDeps(db: Db, keyring: Keyring, catalog: CatalogService, workflow: WorkflowService) {
  return { db, keyring, catalog, workflow };
}

type ReferralDeps = ReturnType<typeof referralDeps>;

async function receiveApplication(
  deps: ReferralDeps,
  tx: Tx,
  scope: Scope,
  row: ReferralRow,
  version: number,
): Promise<string> {
  const { keyring } = deps;
  const payload = JSON.parse(decryptField(keyring, row.payload_enc ?? "", REFERRAL_CONTEXT)) as Payload;
  const app = await insertApplication(tx, scope, {
    tracking_code: `${scope.tenantId}-R${randomBytes(4).toString("hex").toUpperCase()}`,
    // Nobody knows this secret: the receiving nation contacts the applicant with its own credentials.
    secret_hash: createHash("sha256").update(randomBytes(16)).digest("hex"),
    pathway_id: row.to_pathway,
    pathway_version: version,
    stage: "submitted",
    language: payload.language,
    screening_result: payload.screeningResult,
    answers_enc: encryptField(keyring, payload.answers, ANSWERS_CONTEXT),
    filter_terms: applicationFilterTermsOfText(keyring, scope.tenantId, payload.answers),
    full_name_enc: payload.fullName ? encryptField(keyring, payload.fullName, NAME_CONTEXT) : null,
    contact_enc: payload.contact ? encryptField(keyring, payload.contact, CONTACT_CONTEXT) : null,
    person_id: null,
    referred_from: `${row.from_tenant}:${payload.trackingCode}`,
    consent_at: row.consent_at,
    portal_consent_at: null,
  });
  const reason = `referral ${row.id} from ${row.from_tenant} accepted`;
  await recordStage(
    tx,
    scope,
    app.id,
    null,
    "submitted",
    null,
    sealText(keyring, reason, STAGE_REASON_CONTEXT),
  );
  return app.id;
}

/** Refers an application to another nation's published pathway; the application is decided as referred. */
export async function referApplication(
  deps: ReferralDeps,
  scope: Scope,
  applicationId: string,
  input: { toNation: string; toPathway: string; consentText: string; reason: string },
) {
  const { catalog, db, workflow, keyring } = deps;
  if (input.toNation === scope.tenantId)
    throw new AppError("BAD_INPUT", "toNation: refer to another nation's pathway", { field: "toNation" });
  const published = await catalog.published();
  if (!published.keys.has(`${input.toNation}:${input.toPathway}`)) {
    const nationPublishes = [...published.keys.values()].some((k) => k.nation === input.toNation);
    throw nationPublishes
      ? new AppError("NOT_FOUND", "toPathway: the receiving nation publishes no such pathway", {
          field: "toPathway",
        })
      : new AppError("NOT_FOUND", "toNation: no nation with that code publishes pathways", {
          field: "toNation",
        });
  }
  return inScope(db, scope, async (tx) => {
    const app = await workflow.requireApplication(tx, scope, applicationId, true);
    refuseErased(app);
    if (app.stage === "decided" || app.stage === "closed" || !app.answers_enc)
      throw new AppError(
        "CONFLICT",
        `an application in stage ${app.stage} cannot be referred`,
        refusal("stage_no_referral", { stage: app.stage }),
      );
    await requireAgreement(tx, scope.tenantId, input.toNation, "pathway_application");
    const payload: Payload = {
      trackingCode: app.tracking_code,
      language: app.language,
      screeningResult: app.screening_result,
      answers: decryptField(keyring, app.answers_enc, ANSWERS_CONTEXT),
      fullName: app.full_name_enc ? decryptField(keyring, app.full_name_enc, NAME_CONTEXT) : null,
      contact: app.contact_enc ? decryptField(keyring, app.contact_enc, CONTACT_CONTEXT) : null,
    };
    const now = new Date();
    // Each side gets its own ciphertext of the officer's text.
    const texts = () => ({
      consent_text_enc: sealText(keyring, input.consentText, REFERRAL_CONSENT_CONTEXT),
      reason_enc: sealText(keyring, input.reason, REFERRAL_REASON_CONTEXT),
    });
    const side = {
      id: randomUUID(),
      from_tenant: scope.tenantId,
      to_tenant: input.toNation,
      application_id: applicationId,
      to_pathway: input.toPathway,
      status: "pending",
      consent_at: now,
      created_by: scope.actorLabel,
      decided_by: null,
      decided_reason_enc: null,
      decided_at: null,
      received_application_id: null,
    };
    const outgoing = { ...side, ...texts(), direction: "outgoing" as const, payload_enc: null };
    await insertReferralSide(tx, scope.tenantId, outgoing);
    await changeStage(tx, scope, app, {
      stage: "decided",
      decision: "referred",
      reasonEnc: sealText(keyring, input.reason, STAGE_REASON_CONTEXT),
      at: now,
    });
    await workflow.notify(tx, scope, app, "decided", "referred");
    await bindTenant(tx, input.toNation);
    const payloadEnc = encryptField(keyring, JSON.stringify(payload), REFERRAL_CONTEXT);
    await insertReferralSide(tx, input.toNation, {
      ...side,
      ...texts(),
      direction: "incoming",
      payload_enc: payloadEnc,
    });
    const details = { from: scope.tenantId, to: input.toNation, pathway: input.toPathway, consent: true };
    const event = { targetType: "pathway_referral", targetId: side.id, details };
    await auditSides(tx, scope, [
      { ...event, action: "pathway.referral.create", tenantId: scope.tenantId },
      { ...event, action: "pathway.referral.receive", tenantId: input.toNation },
    ]);
    return presentReferral(keyring, { ...outgoing, tenant_id: scope.tenantId, created_at: now });
  });
}

/** One page of the nation's referrals in one direction, filtered and sorted, with how many match in all. */
export function listNationReferrals(
  deps: ReferralDeps,
  scope: Scope,
  query: ReferralQuery,
): Promise<ReferralPage> {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const { rows, total } = await listReferrals(tx, scope, {
      direction: query.direction,
      status: query.status,
      nation: query.nation,
      newestFirst: query.sort === "newest",
      limit: query.limit,
      offset: query.offset,
    });
    return {
      referrals: rows.map((row) => presentReferral(keyring, row)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  });
}

/** The receiving nation accepts, rejects or revokes a referral; both sides are updated and audited. */
export async function decideReferral(
  deps: ReferralDeps,
  scope: Scope,
  id: string,
  input: { status: "accepted" | "rejected" | "revoked"; reason: string },
) {
  const { catalog, db, keyring } = deps;
  // Read before the transaction: loading the published catalogue takes a connection of its own, which on
  // the embedded database (one connection) would wait for this transaction to end.
  const published = await catalog.published();
  return inScope(db, scope, async (tx) => {
    const row = await findReferralForUpdate(tx, scope, id);
    if (row?.direction !== "incoming") throw new AppError("NOT_FOUND", "referral not found");
    if (!ALLOWED[input.status]?.includes(row.status)) {
      throw new AppError("CONFLICT", `a ${row.status} referral cannot become ${input.status}`);
    }
    let received = row.received_application_id;
    if (input.status === "accepted") {
      // The agreement may have been suspended or ended since the referral was sent.
      await requireAgreement(tx, scope.tenantId, row.from_tenant, "pathway_application");
      const target = published.keys.get(`${scope.tenantId}:${row.to_pathway}`);
      received = await receiveApplication(deps, tx, scope, row, target?.version ?? 1);
    } else if (input.status === "revoked" && received) {
      const app = await findApplication(tx, scope, received, true);
      if (app && app.stage !== "closed")
        await changeStage(tx, scope, app, {
          stage: "closed",
          reasonEnc: sealText(keyring, `referral revoked: ${input.reason}`, STAGE_REASON_CONTEXT),
        });
    }
    const update = (reasonEnc: string) => ({
      status: input.status,
      decidedBy: scope.actorLabel,
      reasonEnc,
      receivedApplicationId: received,
    });
    const decidedEnc = sealText(keyring, input.reason, REFERRAL_DECIDED_REASON_CONTEXT);
    await setReferralStatus(tx, scope.tenantId, id, update(decidedEnc));
    await bindTenant(tx, row.from_tenant);
    await setReferralStatus(
      tx,
      row.from_tenant,
      id,
      update(sealText(keyring, input.reason, REFERRAL_DECIDED_REASON_CONTEXT)),
    );
    const event = {
      action: `pathway.referral.${input.status}`,
      targetType: "pathway_referral",
      targetId: id,
      details: { status: input.status, from: row.from_tenant, to: row.to_tenant },
    };
    await auditSides(tx, scope, [
      { ...event, tenantId: scope.tenantId },
      { ...event, tenantId: row.from_tenant },
    ]);
    return presentReferral(keyring, {
      ...row,
      status: input.status,
      decided_reason_enc: decidedEnc,
      decided_at: new Date(),
      received_application_id: received,
    });
  });
}

/** Creating referrals (sending nation) and deciding them (receiving nation). */
export function createReferralService(
  db: Db,
  keyring: Keyring,
  catalog: CatalogService,
  workflow: WorkflowService,
) {
  return bindActions(referralDeps(db, keyring, catalog, workflow), {
    refer: referApplication,
    list: listNationReferrals,
    decide: decideReferral,
  });
}
