import { createHash, randomBytes, randomUUID } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { changeStage, findApplication, insertApplication, recordStage } from "./applications.store.ts";
import type { CatalogService } from "./catalog.service.ts";
import { ANSWERS_CONTEXT, CONTACT_CONTEXT, NAME_CONTEXT, REFERRAL_CONTEXT } from "./field-contexts.ts";
import type { ReferralView } from "./pathways.contract.ts";
import type { WorkflowService } from "./workflow.service.ts";
import {
  findReferral,
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

/** What leaves the server about a referral. */
export function presentReferral(row: ReferralRow): ReferralView {
  return {
    id: row.id,
    direction: row.direction,
    fromNation: row.from_tenant,
    toNation: row.to_tenant,
    applicationId: row.application_id,
    toPathway: row.to_pathway,
    status: row.status as ReferralView["status"],
    reason: row.reason,
    consentAt: new Date(row.consent_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    decidedReason: row.decided_reason,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    receivedApplicationId: row.received_application_id,
  };
}

const ALLOWED: Record<string, string[]> = {
  accepted: ["pending"],
  rejected: ["pending"],
  revoked: ["pending", "accepted"],
};

/** Creating referrals (sending nation) and deciding them (receiving nation). */
export function createReferralService(
  db: Db,
  keyring: Keyring,
  catalog: CatalogService,
  workflow: WorkflowService,
) {
  const receiveApplication = async (
    tx: Tx,
    scope: Scope,
    row: ReferralRow,
    version: number,
  ): Promise<string> => {
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
      full_name_enc: payload.fullName ? encryptField(keyring, payload.fullName, NAME_CONTEXT) : null,
      contact_enc: payload.contact ? encryptField(keyring, payload.contact, CONTACT_CONTEXT) : null,
      person_id: null,
      referred_from: `${row.from_tenant}:${payload.trackingCode}`,
      consent_at: row.consent_at,
    });
    await recordStage(
      tx,
      scope,
      app.id,
      null,
      "submitted",
      null,
      `referral ${row.id} from ${row.from_tenant} accepted`,
    );
    return app.id;
  };
  return {
    /** Refers an application to another nation's published pathway; the application is decided as referred. */
    async refer(
      scope: Scope,
      applicationId: string,
      input: { toNation: string; toPathway: string; consentText: string; reason: string },
    ) {
      if (input.toNation === scope.tenantId)
        throw new AppError("BAD_INPUT", "refer to another nation's pathway");
      const target = (await catalog.published()).keys.get(`${input.toNation}:${input.toPathway}`);
      if (!target) throw new AppError("NOT_FOUND", "the receiving pathway is not published");
      return inScope(db, scope, async (tx) => {
        const app = await workflow.requireApplication(tx, scope, applicationId);
        if (app.stage === "decided" || app.stage === "closed")
          throw new AppError("CONFLICT", `an application in stage ${app.stage} cannot be referred`);
        const payload: Payload = {
          trackingCode: app.tracking_code,
          language: app.language,
          screeningResult: app.screening_result,
          answers: decryptField(keyring, app.answers_enc, ANSWERS_CONTEXT),
          fullName: app.full_name_enc ? decryptField(keyring, app.full_name_enc, NAME_CONTEXT) : null,
          contact: app.contact_enc ? decryptField(keyring, app.contact_enc, CONTACT_CONTEXT) : null,
        };
        const now = new Date();
        const side = {
          id: randomUUID(),
          from_tenant: scope.tenantId,
          to_tenant: input.toNation,
          application_id: applicationId,
          to_pathway: input.toPathway,
          status: "pending",
          consent_text: input.consentText,
          consent_at: now,
          reason: input.reason,
          created_by: scope.actorLabel,
          decided_by: null,
          decided_reason: null,
          decided_at: null,
          received_application_id: null,
        };
        await insertReferralSide(tx, scope.tenantId, { ...side, direction: "outgoing", payload_enc: null });
        await changeStage(tx, scope, app, {
          stage: "decided",
          decision: "referred",
          reason: input.reason,
          at: now,
        });
        await workflow.notify(tx, scope, app, "decided", "referred");
        const details = { from: scope.tenantId, to: input.toNation, pathway: input.toPathway, consent: true };
        await recordAudit(tx, scope, {
          action: "pathway.referral.create",
          targetType: "pathway_referral",
          targetId: side.id,
          details,
        });
        await bindTenant(tx, input.toNation);
        const payloadEnc = encryptField(keyring, JSON.stringify(payload), REFERRAL_CONTEXT);
        await insertReferralSide(tx, input.toNation, {
          ...side,
          direction: "incoming",
          payload_enc: payloadEnc,
        });
        await recordAudit(tx, scope, {
          action: "pathway.referral.receive",
          targetType: "pathway_referral",
          targetId: side.id,
          details,
          tenantId: input.toNation,
        });
        await bindTenant(tx, scope.tenantId);
        return presentReferral({
          ...side,
          tenant_id: scope.tenantId,
          direction: "outgoing",
          payload_enc: null,
          created_at: now,
        });
      });
    },
    /** The nation's referrals in one direction. */
    list(scope: Scope, direction: "incoming" | "outgoing") {
      return inScope(db, scope, async (tx) =>
        (await listReferrals(tx, scope, direction)).map(presentReferral),
      );
    },
    /** The receiving nation accepts, rejects or revokes a referral; both sides are updated and audited. */
    decide(scope: Scope, id: string, input: { status: "accepted" | "rejected" | "revoked"; reason: string }) {
      return inScope(db, scope, async (tx) => {
        const row = await findReferral(tx, scope, id);
        if (row?.direction !== "incoming") throw new AppError("NOT_FOUND", "referral not found");
        if (!ALLOWED[input.status]?.includes(row.status)) {
          throw new AppError("CONFLICT", `a ${row.status} referral cannot become ${input.status}`);
        }
        let received = row.received_application_id;
        if (input.status === "accepted") {
          const target = (await catalog.published()).keys.get(`${scope.tenantId}:${row.to_pathway}`);
          received = await receiveApplication(tx, scope, row, target?.version ?? 1);
        } else if (input.status === "revoked" && received) {
          const app = await findApplication(tx, scope, received);
          if (app && app.stage !== "closed")
            await changeStage(tx, scope, app, {
              stage: "closed",
              reason: `referral revoked: ${input.reason}`,
            });
        }
        const update = {
          status: input.status,
          decidedBy: scope.actorLabel,
          reason: input.reason,
          receivedApplicationId: received,
        };
        await setReferralStatus(tx, scope.tenantId, id, update);
        const details = { status: input.status, from: row.from_tenant, to: row.to_tenant };
        await recordAudit(tx, scope, {
          action: `pathway.referral.${input.status}`,
          targetType: "pathway_referral",
          targetId: id,
          details,
        });
        await bindTenant(tx, row.from_tenant);
        await setReferralStatus(tx, row.from_tenant, id, update);
        await recordAudit(tx, scope, {
          action: `pathway.referral.${input.status}`,
          targetType: "pathway_referral",
          targetId: id,
          details,
          tenantId: row.from_tenant,
        });
        await bindTenant(tx, scope.tenantId);
        return presentReferral({
          ...row,
          status: input.status,
          decided_reason: input.reason,
          decided_at: new Date(),
          received_application_id: received,
        });
      });
    },
  };
}
