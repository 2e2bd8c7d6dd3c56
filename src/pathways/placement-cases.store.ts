import "./pathways.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { currentDefinitions } from "./pathways.store.ts";

// SQL of placement runs from approved applications: which applications wait for a place, and the run's result
// written back on them. Only ids, codes and places; nothing personal.

/** The nation's pathways with their current definition's type, nation and destinations. */
export async function pathwayTargets(tx: Tx, scope: Scope) {
  const rows = await currentDefinitions(tx, scope).execute();
  return rows.map((row) => {
    const definition = (row.definition ?? {}) as { type?: unknown; destinations?: unknown };
    const destinations = Array.isArray(definition.destinations)
      ? definition.destinations.filter((d): d is string => typeof d === "string").map((d) => d.toUpperCase())
      : [];
    return {
      id: row.id,
      type: typeof definition.type === "string" ? definition.type : null,
      nations: [...new Set([scope.tenantId, ...destinations])],
    };
  });
}

/** Approved applications of these pathways not erased, not arrived, oldest decision first. */
export function approvedApplications(tx: Tx, scope: Scope, pathwayIds: readonly string[]) {
  return tx
    .selectFrom("pathway_applications")
    .select([
      "id",
      "tracking_code",
      "pathway_id",
      "person_id",
      "language",
      "placement_run_id",
      "placement_place_id",
    ])
    .where("tenant_id", "=", scope.tenantId)
    .where("pathway_id", "in", [...pathwayIds])
    .where("decision", "=", "approved")
    .where("stage", "=", "decided")
    .where("erased_at", "is", null)
    .where("arrived_on", "is", null)
    .orderBy("decided_at")
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
}

/** These applications locked for the run's transaction, with what decides whether they may still be placed. */
export function lockApplications(tx: Tx, scope: Scope, ids: readonly string[]) {
  return tx
    .selectFrom("pathway_applications")
    .select(["id", "tracking_code", "decision", "erased_at", "placement_place_id", "arrived_on"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", [...ids])
    .forUpdate()
    .execute();
}

export interface PlacementValues {
  runId: string;
  caseId: string;
  place: { id: string; nation: string; locality: string } | null;
  reason: string;
  at: Date;
}

const placementColumns = (v: PlacementValues) => ({
  placement_run_id: v.runId,
  placement_case_id: v.caseId,
  placement_place_id: v.place?.id ?? null,
  placement_nation: v.place?.nation ?? null,
  placement_locality: v.place?.locality ?? null,
  placement_reason: v.reason,
  placed_at: v.at,
});

/** Writes a run's result on these applications. */
export async function setPlacement(tx: Tx, scope: Scope, ids: readonly string[], values: PlacementValues) {
  await tx
    .updateTable("pathway_applications")
    .set(placementColumns(values))
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", [...ids])
    .execute();
}

/** The applications of one case of a run, locked (an override moves them together). */
export function caseApplications(tx: Tx, scope: Scope, runId: string, caseId: string) {
  return tx
    .selectFrom("pathway_applications")
    .select(["id", "arrived_on"])
    .where("tenant_id", "=", scope.tenantId)
    .where("placement_run_id", "=", runId)
    .where("placement_case_id", "=", caseId)
    .forUpdate()
    .execute();
}
