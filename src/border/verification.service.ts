import { requireAgreement } from "../platform/agreements/agreements.service.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import { type Scope, systemScope } from "../platform/auth/scope.ts";
import { tenantKind } from "../platform/auth/tenants.store.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import {
  encodeResidenceQuestion,
  findResidence,
  personIdentityForEncoding,
  type ResidenceFinding,
  residenceAnswerer,
} from "../registry/index.ts";
import type { AssessmentChecks, CheckStatus } from "./border.contract.ts";
import { findEncounter } from "./border.store.ts";
import type { InboxItem, VerificationView } from "./border-records.contract.ts";
import { ENCOUNTER_CONTEXTS } from "./encounter-rows.store.ts";
import {
  autoAnswers,
  findAnswer,
  findInboxRequest,
  insertVerificationAnswer,
  insertVerificationRequest,
  listInbox,
  listRequestsForEncounter,
  type RequestWithAnswer,
  saveVerificationSettings,
} from "./verification.store.ts";

// Prior-residence verification between nations. The question carries only the regional encoding of name and
// date of birth and the day it asks about; the partner answers from its registry (a residence document it issued,
// valid on that day), and the answer says only yes/no, permit type and dates. The partner's own setting decides
// whether it answers at once (auto) or after a person with `verification.answer` reviews it. Both chains of
// audit record each step.

type Finding = ResidenceFinding | null;

/** What an answer may carry of a finding: the document's type and dates, nothing about the person. */
const permitOf = (finding: Finding) =>
  finding?.document
    ? {
        permit_type: finding.document.type,
        valid_from: finding.document.validFrom,
        valid_to: finding.document.validTo,
      }
    : null;

/** The day a question asks about by default: the end of the stated residence in the country, or the encounter. */
function defaultDay(
  row: { encountered_on: string | Date; prior_residences: unknown },
  country: string,
): string {
  const stated = (row.prior_residences as { country: string; to?: string }[]).flatMap((r) =>
    r.country === country && r.to ? [r.to] : [],
  );
  return stated.sort().at(-1) ?? String(row.encountered_on).slice(0, 10);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The view of a request with its answer. */
export function toVerificationView(r: RequestWithAnswer): VerificationView {
  return {
    id: r.id,
    encounterId: r.encounter_id,
    country: r.partner_tenant,
    requestedAt: new Date(r.requested_at).toISOString(),
    asOf: String(r.as_of).slice(0, 10),
    status: r.result ?? "pending",
    permitType: r.permit_type,
    validFrom: r.valid_from === null ? null : String(r.valid_from).slice(0, 10),
    validTo: r.valid_to === null ? null : String(r.valid_to).slice(0, 10),
    mode: r.mode,
    answeredAt: iso(r.answered_at),
  };
}

/** The partner answers recorded so far for an encounter, per country: the latest question decides. */
export async function checksOf(tx: Tx, scope: Scope, encounterId: string): Promise<AssessmentChecks> {
  const priorResidence: Partial<Record<string, CheckStatus>> = {};
  for (const r of await listRequestsForEncounter(tx, scope, encounterId)) {
    priorResidence[r.partner_tenant] = r.result ?? "pending";
  }
  return { priorResidence };
}

/**
 * Writes the partner's answer and audits it on both chains. Runs bound to the partner's tenant and leaves the
 * transaction bound to it.
 */
async function writeAnswer(
  tx: Tx,
  partner: Scope,
  request: { id: string; fromNation: string },
  answer: {
    result: "verified" | "not_found";
    permit: { permit_type: string; valid_from: string; valid_to: string | null } | null;
    mode: "auto" | "review";
  },
): Promise<void> {
  await insertVerificationAnswer(tx, partner, {
    fromNation: request.fromNation,
    requestId: request.id,
    ...answer,
  });
  const details = { result: answer.result, mode: answer.mode, fromNation: request.fromNation };
  await recordAudit(tx, partner, {
    action: "border.verification.answer",
    targetType: "border_verification",
    targetId: request.id,
    details,
  });
  await bindTenant(tx, request.fromNation);
  // On the asking nation's chain the partner appears as a nation (`recordAudit` names no officer there).
  await recordAudit(tx, partner, {
    action: "border.verification.answered",
    targetType: "border_verification",
    targetId: request.id,
    tenantId: request.fromNation,
    details,
  });
  await bindTenant(tx, partner.tenantId);
}

/** Creates the verification half of the border service. */
export function createVerificationService(db: Db, keyring: Keyring) {
  // An encounter linked to a registered person keeps no names of its own: the registry's record is encoded.
  const subjectOf = async (
    tx: Tx,
    scope: Scope,
    row: NonNullable<Awaited<ReturnType<typeof findEncounter>>>,
  ) => {
    const open = (value: string | null, context: string) =>
      value === null ? null : decryptField(keyring, value, context);
    const linked = row.person_id
      ? await personIdentityForEncoding(tx, scope, keyring, row.person_id)
      : undefined;
    const givenNames = linked?.givenNames ?? open(row.given_names_enc, ENCOUNTER_CONTEXTS.given_names_enc);
    const familyNames =
      linked?.familyNames ?? open(row.family_names_enc, ENCOUNTER_CONTEXTS.family_names_enc);
    const birthDate = linked?.birthDate ?? open(row.birth_date_enc, ENCOUNTER_CONTEXTS.birth_date_enc);
    if (!givenNames || !familyNames || !birthDate) {
      throw new AppError(
        "BAD_INPUT",
        row.person_id
          ? "a verification needs the linked person's names and full date of birth in the registry to encode"
          : "a verification needs the encounter's names and date of birth to encode",
      );
    }
    return { givenNames, familyNames, birthDate };
  };

  return {
    /** Asks a partner nation whether it holds a residence record for the encounter's person. */
    requestVerification: (scope: Scope, encounterId: string, country: string, day?: string) =>
      inScope(db, scope, async (tx): Promise<VerificationView> => {
        const row = await findEncounter(tx, scope, encounterId);
        if (!row) throw new AppError("NOT_FOUND", "encounter not found");
        if (country === scope.tenantId) throw new AppError("BAD_INPUT", "ask a partner nation, not your own");
        if ((await tenantKind(tx, country)) !== "nation")
          throw new AppError("BAD_INPUT", `${country} is not a partner nation`);
        const asOf = day ?? defaultDay(row, country);
        if (asOf > String(row.encountered_on).slice(0, 10))
          throw new AppError("BAD_INPUT", "asOf: the day asked about cannot be after the encounter", {
            field: "body.asOf",
          });
        await requireAgreement(tx, scope.tenantId, country, "prior_residence_verification");
        const encoding = encodeResidenceQuestion(keyring, await subjectOf(tx, scope, row));
        const created = await insertVerificationRequest(tx, scope, {
          encounterId,
          partner: country,
          encoding,
          asOf,
        });
        const target = { targetType: "border_verification", targetId: created.id };
        await recordAudit(tx, scope, {
          action: "border.verification.request",
          ...target,
          details: { country },
        });
        const partner = systemScope(country, "border.verification.auto-answer");
        await bindTenant(tx, country);
        await recordAudit(tx, scope, {
          action: "border.verification.received",
          ...target,
          tenantId: country,
        });
        if (await autoAnswers(tx, partner)) {
          const finding = await findResidence(tx, partner, keyring, {
            encoding,
            asker: scope.tenantId,
            asOf,
          });
          const permit = permitOf(finding);
          await writeAnswer(
            tx,
            partner,
            { id: created.id, fromNation: scope.tenantId },
            { result: permit ? "verified" : "not_found", permit, mode: "auto" },
          );
        }
        await bindTenant(tx, scope.tenantId);
        const views = await listRequestsForEncounter(tx, scope, encounterId);
        return toVerificationView(views.find((v) => v.id === created.id)!);
      }),

    /** The questions asked about one encounter and their answers. */
    listVerifications: (scope: Scope, encounterId: string) =>
      inScope(db, scope, async (tx) => {
        if (!(await findEncounter(tx, scope, encounterId)))
          throw new AppError("NOT_FOUND", "encounter not found");
        return (await listRequestsForEncounter(tx, scope, encounterId)).map(toVerificationView);
      }),

    /** Questions addressed to the scope's nation, with the best candidate in its registry for open ones. */
    verificationInbox: (scope: Scope) =>
      inScope(db, scope, async (tx): Promise<InboxItem[]> => {
        const requests = await listInbox(tx, scope, false);
        await recordAudit(tx, scope, {
          action: "border.verification.inbox.read",
          details: { count: requests.length },
        });
        // The registry's encodings are read once per asking nation, not once per question.
        const answerers = new Map<string, Awaited<ReturnType<typeof residenceAnswerer>>>();
        const answererFor = async (asker: string) => {
          const known = answerers.get(asker);
          if (known) return known;
          const made = await residenceAnswerer(tx, scope, keyring, asker);
          answerers.set(asker, made);
          return made;
        };
        const items: InboxItem[] = [];
        for (const r of requests) {
          const asOf = String(r.as_of).slice(0, 10);
          const finding =
            r.result === null ? await (await answererFor(r.tenant_id))({ encoding: r.encoding, asOf }) : null;
          items.push({
            id: r.id,
            fromNation: r.tenant_id,
            requestedAt: new Date(r.requested_at).toISOString(),
            asOf,
            status: r.result ?? "pending",
            candidate: finding && {
              personId: finding.personId,
              permitType: finding.document?.type ?? null,
              validFrom: finding.document?.validFrom ?? null,
              validTo: finding.document?.validTo ?? null,
              similarity: finding.similarity,
            },
          });
        }
        return items;
      }),

    /** A reviewer's answer to a question addressed to the scope's nation. */
    answerVerification: (
      scope: Scope,
      requestId: string,
      input: { fromNation: string; result: "verified" | "not_found"; personId?: string | undefined },
    ) =>
      inScope(db, scope, async (tx) => {
        const request = await findInboxRequest(tx, scope, input.fromNation, requestId);
        if (!request) throw new AppError("NOT_FOUND", "verification request not found");
        await requireAgreement(tx, scope.tenantId, input.fromNation, "prior_residence_verification");
        if (await findAnswer(tx, scope, input.fromNation, requestId))
          throw new AppError("CONFLICT", "this request is answered already");
        let permit = null;
        if (input.result === "verified") {
          if (!input.personId)
            throw new AppError(
              "BAD_INPUT",
              "personId: a verified answer names the person the question matches",
              {
                field: "body.personId",
              },
            );
          const question = {
            encoding: request.encoding,
            asker: input.fromNation,
            asOf: String(request.as_of),
          };
          const finding = await findResidence(tx, scope, keyring, question, input.personId);
          if (!finding)
            throw new AppError(
              "NOT_FOUND",
              "personId: nobody in your registry by this id matches the question",
              {
                field: "body.personId",
              },
            );
          permit = permitOf(finding);
          if (!permit)
            throw new AppError(
              "CONFLICT",
              `the person holds no residence document your nation issued valid on ${question.asOf}: answer not_found`,
            );
        }
        await writeAnswer(
          tx,
          scope,
          { id: requestId, fromNation: input.fromNation },
          { result: input.result, permit, mode: "review" },
        );
        return { id: requestId, result: input.result };
      }),

    /** Sets whether the scope's nation answers questions automatically. */
    saveVerificationSettings: (scope: Scope, autoAnswer: boolean) =>
      inScope(db, scope, async (tx) => {
        await saveVerificationSettings(tx, scope, autoAnswer);
        await recordAudit(tx, scope, { action: "border.verification.settings", details: { autoAnswer } });
        return { autoAnswer };
      }),
  };
}
