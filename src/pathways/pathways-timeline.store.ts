import "./pathways.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";

// SQL of the pathways' steps in a person's timeline: only ids, times and stage codes, nothing personal.

/** Applications linked to any of these people, with when they were submitted. */
export function applicationStepsOf(tx: Tx, scope: Scope, personIds: readonly string[]) {
  return tx
    .selectFrom("pathway_applications")
    .select(["id", "submitted_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", [...personIds])
    .execute();
}

/** The stage changes of these applications. */
export function stageStepsOf(tx: Tx, scope: Scope, applicationIds: readonly string[]) {
  return tx
    .selectFrom("pathway_stage_changes")
    .select(["application_id", "from_stage", "to_stage", "changed_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "in", [...applicationIds])
    .execute();
}

/** Placement results and arrivals of applications linked to any of these people. */
export function placementStepsOf(tx: Tx, scope: Scope, personIds: readonly string[]) {
  return tx
    .selectFrom("pathway_applications")
    .select(["id", "placement_run_id", "placement_place_id", "placed_at", "arrived_on"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", [...personIds])
    .where("placed_at", "is not", null)
    .execute();
}
