import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import { AppError } from "../platform/errors.ts";
import { householdOrSelf } from "../registry/index.ts";
import { PLACE_SERVICE_NEEDS, type SpecificNeed } from "../shared/specific-needs.ts";
import {
  approvedApplications,
  caseApplications,
  lockApplications,
  pathwayTargets,
  setPlacement,
} from "./placement-cases.store.ts";

// The pathways' side of placement runs from approved applications (wired into placement by app.ts): one case
// per registry household, its size and the needs that call for a service at the place read from the registry,
// the places allowed by the pathway; and the run's result recorded on each application, audited.

type Place = { id: string; nation: string; locality: string };
type Result = { caseId: string; place: Place | null; reason: string };

const RESETTLEMENT = "resettlement";

/** Why an approved application cannot go into a run. */
export const SKIP_REASONS = {
  placed: "already placed by an earlier run (override it there)",
  unlinked: "not linked to a registry person (link it on the application first)",
  unreachable: "its registry person is not in your reach (erased, or registered in an office you cannot see)",
} as const;

/** The resettlement pathways a run takes (those requested, or all the nation's), each checked; 404/400 naming it. */
async function chosenPathways(tx: Tx, scope: Scope, requested: string[] | undefined) {
  const targets = await pathwayTargets(tx, scope);
  const byId = new Map(targets.map((t) => [t.id, t]));
  for (const id of requested ?? []) {
    const target = byId.get(id);
    if (!target) {
      throw new AppError("NOT_FOUND", `pathways: no pathway ${id} in your nation`, { field: "pathways" });
    }
    if (target.type !== RESETTLEMENT) {
      throw new AppError("BAD_INPUT", `pathways: ${id} is not a resettlement pathway`, {
        field: "pathways",
      });
    }
  }
  const chosen = requested
    ? [...new Set(requested)]
    : targets.filter((t) => t.type === RESETTLEMENT).map((t) => t.id);
  return { chosen, byId };
}

/** The nation's approved resettlement applications as placement cases: one per registry household, with why others are left out. */
export async function placementHouseholds(
  keyring: Keyring,
  tx: Tx,
  scope: Scope,
  requested: string[] | undefined,
) {
  const { chosen, byId } = await chosenPathways(tx, scope, requested);
  if (chosen.length === 0) return { households: [], pathways: [], skipped: [] };
  const skipped: { applicationId: string; trackingCode: string; reason: string }[] = [];
  const cases = new Map<
    string,
    {
      caseId: string;
      size: number;
      needs: Set<SpecificNeed>;
      languages: Set<string>;
      nations: string[];
      applicationIds: string[];
    }
  >();
  for (const app of await approvedApplications(tx, scope, chosen)) {
    const skip = (reason: string) =>
      skipped.push({ applicationId: app.id, trackingCode: app.tracking_code, reason });
    if (app.placement_place_id !== null) {
      skip(SKIP_REASONS.placed);
      continue;
    }
    if (app.person_id === null) {
      skip(SKIP_REASONS.unlinked);
      continue;
    }
    const household = await householdOrSelf(tx, scope, keyring, app.person_id);
    if (!household) {
      skip(SKIP_REASONS.unreachable);
      continue;
    }
    const nations = byId.get(app.pathway_id)?.nations ?? [scope.tenantId];
    const existing = cases.get(household.id);
    if (existing) {
      // Two applications of one household: one case, allowed where both pathways allow.
      existing.applicationIds.push(app.id);
      existing.nations = existing.nations.filter((n) => nations.includes(n));
      existing.languages.add(app.language);
      continue;
    }
    cases.set(household.id, {
      caseId: app.tracking_code,
      size: household.members.length,
      needs: new Set(
        household.members.flatMap((m) => m.specificNeeds).filter((n) => PLACE_SERVICE_NEEDS.has(n)),
      ),
      languages: new Set([app.language, ...household.members.flatMap((m) => m.languages)]),
      nations,
      applicationIds: [app.id],
    });
  }
  return {
    households: [...cases.values()].map((c) => ({
      ...c,
      needs: [...c.needs],
      languages: [...c.languages],
    })),
    pathways: chosen,
    skipped,
  };
}

/** Writes a run's results on every application of each case; refuses when one changed while the run was solved. */
export async function recordRunPlacements(
  tx: Tx,
  scope: Scope,
  runId: string,
  results: (Result & { applicationIds: string[] })[],
) {
  const rows = await lockApplications(
    tx,
    scope,
    results.flatMap((r) => r.applicationIds),
  );
  const changed = rows.find(
    (r) => r.decision !== "approved" || r.erased_at !== null || r.arrived_on !== null || r.placement_place_id,
  );
  if (changed) {
    throw new AppError(
      "CONFLICT",
      `application ${changed.tracking_code} changed while the run was solved (decided again, erased or placed by another run); run again`,
    );
  }
  const at = new Date();
  for (const result of results) {
    await setPlacement(tx, scope, result.applicationIds, { runId, ...result, at });
    for (const id of result.applicationIds) await auditPlacement(tx, scope, id, runId, result);
  }
}

/** Moves a case to another place (an override): its applications follow unless the household has arrived. */
export async function recordPlacementMove(tx: Tx, scope: Scope, runId: string, result: Result) {
  const rows = await caseApplications(tx, scope, runId, result.caseId);
  if (rows.some((r) => r.arrived_on !== null)) {
    throw new AppError("CONFLICT", `case ${result.caseId} has arrived: its place can no longer change`);
  }
  const ids = rows.map((r) => r.id);
  await setPlacement(tx, scope, ids, { runId, ...result, at: new Date() });
  for (const id of ids) await auditPlacement(tx, scope, id, runId, result);
}

/** Placement's view of the nation's approved resettlement applications. */
export function pathwaysPlacementSource(keyring: Keyring) {
  return {
    households: (tx: Tx, scope: Scope, requested: string[] | undefined) =>
      placementHouseholds(keyring, tx, scope, requested),
    recordRun: recordRunPlacements,
    recordMove: recordPlacementMove,
  };
}

const auditPlacement = (tx: Tx, scope: Scope, applicationId: string, runId: string, result: Result) =>
  recordAudit(tx, scope, {
    action: "pathway.application.placement",
    targetType: "pathway_application",
    targetId: applicationId,
    details: {
      runId,
      caseId: result.caseId,
      placeId: result.place?.id ?? null,
      nation: result.place?.nation ?? null,
      reason: result.reason,
    },
  });
