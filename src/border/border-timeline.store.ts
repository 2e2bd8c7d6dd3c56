import "./border.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";

// SQL of the border's steps in a person's timeline: only ids, times and codes, nothing personal.

/** Encounters linked to any of these people, with when they happened and whether a fear claim was made. */
export function encounterStepsOf(tx: Tx, scope: Scope, personIds: readonly string[]) {
  return tx
    .selectFrom("border_encounters")
    .select(["id", "occurred", "fear_claim", "family_group_id"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", [...personIds])
    .execute();
}

/** Decisions on these encounters, with their supervisor's approval or refusal when one was given. */
export function decisionStepsOf(tx: Tx, scope: Scope, encounterIds: readonly string[]) {
  return tx
    .selectFrom("border_decisions as d")
    .leftJoin("border_decision_approvals as a", (j) =>
      j.onRef("a.tenant_id", "=", "d.tenant_id").onRef("a.decision_id", "=", "d.id"),
    )
    .select(["d.id", "d.decided_at", "a.approved", "a.approved_at"])
    .where("d.tenant_id", "=", scope.tenantId)
    .where("d.encounter_id", "in", [...encounterIds])
    .execute();
}

/** Safeguards closed or reopened on these encounters. */
export function safeguardStepsOf(tx: Tx, scope: Scope, encounterIds: readonly string[]) {
  return tx
    .selectFrom("border_safeguard_events")
    .select(["id", "action", "recorded_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("encounter_id", "in", [...encounterIds])
    .execute();
}

/** Prior-residence questions asked of partner nations about these encounters. */
export function verificationStepsOf(tx: Tx, scope: Scope, encounterIds: readonly string[]) {
  return tx
    .selectFrom("border_verification_requests")
    .select(["id", "requested_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("encounter_id", "in", [...encounterIds])
    .execute();
}
