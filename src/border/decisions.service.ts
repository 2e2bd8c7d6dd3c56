import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { referenceOf } from "../shared/reference-code.ts";
import { refusal } from "../shared/refusal.ts";
import { type Assessment, type DispositionAssessment, REMOVAL_DISPOSITIONS } from "./border.contract.ts";
import { findEncounter } from "./border.store.ts";
import type { DecisionInput, DecisionView } from "./border-records.contract.ts";
import {
  type DecisionWithApproval,
  findDecision,
  insertApproval,
  insertDecision,
  listAwaitingApproval,
  listDecisions,
} from "./decisions.store.ts";
import { assessStored } from "./encounter-links.service.ts";
import type { LoadedPack } from "./pack-in-force.store.ts";

// Decisions: an officer chooses, the assessment of the moment says whether the choice is open, a supervisor
// approves where the pack asks it. Nothing is ever changed: a correction is a new decision superseding the last.

const iso = (d: Date | string) => new Date(d).toISOString();

/** The view of a stored decision, with its status derived from approval and supersession. */
export function toDecisionView(d: DecisionWithApproval): DecisionView {
  let status: DecisionView["status"] = "final";
  if (d.superseded) status = "superseded";
  else if (d.needs_approval)
    status = d.approved === null ? "awaiting_approval" : d.approved ? "approved" : "rejected";
  return {
    id: d.id,
    encounterId: d.encounter_id,
    encounterReference: referenceOf("encounter", d.encounter_id),
    disposition: d.disposition as DecisionView["disposition"],
    to: d.to_country,
    authority: d.authority,
    reason: d.reason,
    status,
    needsApproval: d.needs_approval,
    supersedes: d.supersedes,
    decidedBy: d.decided_by,
    decidedAt: iso(d.decided_at),
    approval:
      d.approved === null
        ? null
        : {
            approved: d.approved,
            reason: d.approval_reason ?? "",
            by: d.approved_by ?? "",
            at: iso(d.approved_at ?? d.decided_at),
          },
  };
}

/** The pack's rule behind an assessed option; an own-country return is stated as `to: "citizenship"`. */
function dispositionRuleOf(pack: LoadedPack["pack"], option: DispositionAssessment, citizenship: string) {
  return (
    pack.dispositions.find((d) => d.code === option.code && d.to === option.to) ??
    pack.dispositions.find(
      (d) => d.code === option.code && d.to === "citizenship" && option.to === citizenship,
    )
  );
}

/** The assessed option the officer chose, or a bad-input error naming the choices. */
export function chosenOption(
  assessment: Assessment,
  input: Pick<DecisionInput, "disposition" | "to">,
): DispositionAssessment {
  const options = assessment.dispositions.filter(
    (d) => d.code === input.disposition && (input.to === undefined || d.to === input.to),
  );
  const [option] = options;
  if (!option || options.length > 1) {
    const known = assessment.dispositions.map((d) => (d.to ? `${d.code} to ${d.to}` : d.code)).join(", ");
    throw new AppError("BAD_INPUT", `choose one of the pack's dispositions: ${known}`, {
      field: "disposition",
    });
  }
  return option;
}

/**
 * Refuses a choice the assessment does not allow: an open safeguard (the member's own, or one open for another
 * member of the family group) or a pending check blocks every return.
 */
export function refuseIneligible(assessment: Assessment, option: DispositionAssessment): void {
  if (option.eligible) return;
  const label = option.to ? `${option.code} to ${option.to}` : option.code;
  const why = [
    ...assessment.safeguards.map((s) => `safeguard ${s.code} is open: ${s.effect}`),
    ...(REMOVAL_DISPOSITIONS.has(option.code) ? (assessment.familyHolds ?? []).map((h) => h.reason) : []),
    ...assessment.pendingChecks.map((c) => `${c.code} check with ${c.country} is pending`),
  ];
  throw new AppError(
    "CONFLICT",
    `refused: ${label} is not eligible${why.length ? ` (${why.join("; ")})` : ""}`,
    {
      ...refusal("not_eligible", { disposition: option.code }),
      reasons: option.reasons,
      safeguards: assessment.safeguards,
      familyHolds: assessment.familyHolds ?? [],
      pendingChecks: assessment.pendingChecks,
    },
  );
}

/** Refuses a second decision that does not supersede the current one, and a correction of a decision not current. */
async function checkSupersedes(tx: Tx, scope: Scope, encounterId: string, supersedes: string | undefined) {
  const current = (await listDecisions(tx, scope, encounterId)).filter((d) => !d.superseded);
  if (supersedes === undefined) {
    if (current.length > 0) {
      throw new AppError(
        "CONFLICT",
        "this encounter has a decision already; record a correction that supersedes it",
        {
          current: current.map((d) => d.id),
        },
      );
    }
    return;
  }
  if (!current.some((d) => d.id === supersedes)) {
    throw new AppError("CONFLICT", "a correction supersedes the encounter's current decision", {
      field: "supersedes",
    });
  }
}

/** Refuses to approve a return the record no longer allows (a safeguard reopened, a partner asked again). */
async function refuseIfNoLongerEligible(
  deps: DecisionsDeps,
  tx: Tx,
  scope: Scope,
  decision: DecisionWithApproval,
): Promise<void> {
  const row = await findEncounter(tx, scope, decision.encounter_id);
  if (!row) throw new AppError("NOT_FOUND", "encounter not found");
  const assessment = await assessStored(tx, scope, row, await deps.requirePack(tx, scope));
  const choice = {
    disposition: decision.disposition as DecisionInput["disposition"],
    ...(decision.to_country === null ? {} : { to: decision.to_country }),
  };
  refuseIneligible(assessment, chosenOption(assessment, choice));
}

/** What the decision actions need: the database and the pack in force (required, or read if there is one). */
export interface DecisionsDeps {
  db: Db;
  requirePack: (tx: Tx, scope: Scope) => Promise<LoadedPack>;
  packInForce: (tx: Tx, scope: Scope) => Promise<LoadedPack | null>;
}

/**
 * Records an officer's decision if the assessment allows it; returns it awaiting approval where the pack asks
 * for a supervisor. The officer chooses: the assessment only says whether the choice is open.
 */
export async function recordDecision(
  deps: DecisionsDeps,
  scope: Scope,
  encounterId: string,
  input: DecisionInput,
): Promise<DecisionView> {
  return inScope(deps.db, scope, async (tx) => {
    const row = await findEncounter(tx, scope, encounterId);
    if (!row) throw new AppError("NOT_FOUND", "encounter not found");
    await checkSupersedes(tx, scope, encounterId, input.supersedes);
    const loaded = await deps.requirePack(tx, scope);
    const assessment = await assessStored(tx, scope, row, loaded);
    const option = chosenOption(assessment, input);
    refuseIneligible(assessment, option);
    const rule = dispositionRuleOf(loaded.pack, option, row.citizenship);
    const created = await insertDecision(tx, scope, {
      encounter_id: encounterId,
      disposition: option.code,
      to_country: option.to ?? null,
      authority: assessment.authority,
      reason: input.reason,
      needs_approval: rule?.supervisorApproval ?? false,
      supersedes: input.supersedes ?? null,
      pack_id: loaded.packId,
      pack_version: loaded.version,
      assessment: JSON.stringify(assessment),
    });
    await recordAudit(tx, scope, {
      action: "border.decision.record",
      targetType: "border_decision",
      targetId: created.id,
      details: {
        encounterId,
        disposition: option.code,
        to: option.to ?? null,
        supersedes: input.supersedes ?? null,
      },
    });
    return toDecisionView((await findDecision(tx, scope, created.id))!);
  });
}

/** The encounter's decisions, oldest first. */
export async function listEncounterDecisions(
  deps: DecisionsDeps,
  scope: Scope,
  encounterId: string,
): Promise<DecisionView[]> {
  return inScope(deps.db, scope, async (tx) => {
    if (!(await findEncounter(tx, scope, encounterId)))
      throw new AppError("NOT_FOUND", "encounter not found");
    return (await listDecisions(tx, scope, encounterId)).map(toDecisionView);
  });
}

/** Decisions waiting for a supervisor, with the assessment each was made on: an audited read. */
export async function listDecisionsAwaitingApproval(deps: DecisionsDeps, scope: Scope) {
  return inScope(deps.db, scope, async (tx) => {
    const rows = await listAwaitingApproval(tx, scope);
    await recordAudit(tx, scope, {
      action: "border.decision.queue.read",
      details: { count: rows.length },
    });
    const decisions = rows.map(({ decision, extra }) => ({
      ...toDecisionView(decision),
      assessment: (typeof extra.assessment === "string"
        ? JSON.parse(extra.assessment)
        : extra.assessment) as Assessment,
      encounterDate: extra.occurred,
      citizenship: extra.citizenship,
    }));
    // The reasons quote the pack's words: the web marks them with its language (English when none is loaded).
    const packLanguage = (await deps.packInForce(tx, scope))?.pack.language ?? "en";
    return { decisions, packLanguage };
  });
}

/**
 * A supervisor's approval or rejection of a decision that needs one; never of their own decision. The
 * approval is a new row (the table refuses updates), and its primary key lets one review in per decision.
 */
export async function reviewDecision(
  deps: DecisionsDeps,
  scope: Scope,
  decisionId: string,
  input: { approve: boolean; reason: string },
): Promise<DecisionView> {
  return inScope(deps.db, scope, async (tx) => {
    const decision = await findDecision(tx, scope, decisionId);
    if (!decision) throw new AppError("NOT_FOUND", "decision not found");
    if (!decision.needs_approval) throw new AppError("CONFLICT", "this decision needs no approval");
    if (decision.superseded) throw new AppError("CONFLICT", "this decision was superseded");
    if (decision.approved !== null) throw new AppError("CONFLICT", "this decision was reviewed already");
    if (decision.decided_by_user !== null && decision.decided_by_user === scope.userId) {
      throw new AppError(
        "FORBIDDEN",
        "a supervisor other than the deciding officer must approve",
        refusal("four_eyes"),
      );
    }
    // The record may have changed since the officer decided (a safeguard reopened, a partner asked
    // again): a return is approved only if it is still eligible now.
    if (input.approve) await refuseIfNoLongerEligible(deps, tx, scope, decision);
    await insertApproval(tx, scope, { decisionId, approved: input.approve, reason: input.reason });
    await recordAudit(tx, scope, {
      action: input.approve ? "border.decision.approve" : "border.decision.reject",
      targetType: "border_decision",
      targetId: decisionId,
    });
    return toDecisionView((await findDecision(tx, scope, decisionId))!);
  });
}

/** Binds the decision actions to the database and the pack in force, for the border service. */
export function createDecisionsService(deps: DecisionsDeps) {
  return {
    decide: (scope: Scope, encounterId: string, input: DecisionInput) =>
      recordDecision(deps, scope, encounterId, input),
    listDecisions: (scope: Scope, encounterId: string) => listEncounterDecisions(deps, scope, encounterId),
    awaitingApproval: (scope: Scope) => listDecisionsAwaitingApproval(deps, scope),
    approveDecision: (scope: Scope, decisionId: string, input: { approve: boolean; reason: string }) =>
      reviewDecision(deps, scope, decisionId, input),
  };
}
