import { requireAgreement } from "../platform/agreements/agreements.service.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import { type Scope, systemScope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { findResidence, type ResidenceFinding, residenceAnswerer } from "../registry/index.ts";
import type { InboxItem } from "./border-records.contract.ts";
import {
  autoAnswers,
  findAnswer,
  findInboxRequest,
  insertVerificationAnswer,
  listInbox,
  saveVerificationSettings,
} from "./verification.store.ts";

// The answering side of prior-residence verification: the partner nation's inbox, a reviewer's answer, the
// setting that makes it answer at once, and the answer itself, written on both nations' chains of audit.

/** What the verification actions need: the database and the keys (the registry's encodings are sealed). */
export interface VerificationDeps {
  db: Db;
  keyring: Keyring;
}

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

/**
 * Hands a new question to the partner nation: it is recorded as received on the partner's chain and, when the
 * partner answers automatically, answered from its registry at once. Leaves the transaction bound to the
 * partner's tenant; the caller binds it back.
 */
export async function deliverQuestion(
  deps: VerificationDeps,
  tx: Tx,
  scope: Scope,
  question: { id: string; country: string; encoding: string; asOf: string },
): Promise<void> {
  const partner = systemScope(question.country, "border.verification.auto-answer");
  await bindTenant(tx, question.country);
  await recordAudit(tx, scope, {
    action: "border.verification.received",
    targetType: "border_verification",
    targetId: question.id,
    tenantId: question.country,
  });
  if (!(await autoAnswers(tx, partner))) return;
  const finding = await findResidence(tx, partner, deps.keyring, {
    encoding: question.encoding,
    asker: scope.tenantId,
    asOf: question.asOf,
  });
  const permit = permitOf(finding);
  await writeAnswer(
    tx,
    partner,
    { id: question.id, fromNation: scope.tenantId },
    { result: permit ? "verified" : "not_found", permit, mode: "auto" },
  );
}

/** Questions addressed to the scope's nation, with the best candidate in its registry for open ones. */
export async function listVerificationInbox(deps: VerificationDeps, scope: Scope): Promise<InboxItem[]> {
  return inScope(deps.db, scope, async (tx) => {
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
      const made = await residenceAnswerer(tx, scope, deps.keyring, asker);
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
  });
}

/** What a reviewer may answer: the document the named person holds, or a conflict when none was valid that day. */
async function reviewedPermit(
  deps: VerificationDeps,
  tx: Tx,
  scope: Scope,
  question: { encoding: string; asker: string; asOf: string },
  personId: string | undefined,
) {
  if (!personId)
    throw new AppError("BAD_INPUT", "personId: a verified answer names the person the question matches", {
      field: "body.personId",
    });
  const finding = await findResidence(tx, scope, deps.keyring, question, personId);
  if (!finding)
    throw new AppError("NOT_FOUND", "personId: nobody in your registry by this id matches the question", {
      field: "body.personId",
    });
  const permit = permitOf(finding);
  if (!permit)
    throw new AppError(
      "CONFLICT",
      `the person holds no residence document your nation issued valid on ${question.asOf}: answer not_found`,
    );
  return permit;
}

/** A reviewer's answer to a question addressed to the scope's nation. */
export async function answerVerification(
  deps: VerificationDeps,
  scope: Scope,
  requestId: string,
  input: { fromNation: string; result: "verified" | "not_found"; personId?: string | undefined },
) {
  return inScope(deps.db, scope, async (tx) => {
    const request = await findInboxRequest(tx, scope, input.fromNation, requestId);
    if (!request) throw new AppError("NOT_FOUND", "verification request not found");
    await requireAgreement(tx, scope.tenantId, input.fromNation, "prior_residence_verification");
    if (await findAnswer(tx, scope, input.fromNation, requestId))
      throw new AppError("CONFLICT", "this request is answered already");
    const question = { encoding: request.encoding, asker: input.fromNation, asOf: String(request.as_of) };
    const permit =
      input.result === "verified" ? await reviewedPermit(deps, tx, scope, question, input.personId) : null;
    await writeAnswer(
      tx,
      scope,
      { id: requestId, fromNation: input.fromNation },
      { result: input.result, permit, mode: "review" },
    );
    return { id: requestId, result: input.result };
  });
}

/** Sets whether the scope's nation answers questions automatically. */
export async function changeVerificationSettings(deps: VerificationDeps, scope: Scope, autoAnswer: boolean) {
  return inScope(deps.db, scope, async (tx) => {
    await saveVerificationSettings(tx, scope, autoAnswer);
    await recordAudit(tx, scope, { action: "border.verification.settings", details: { autoAnswer } });
    return { autoAnswer };
  });
}
