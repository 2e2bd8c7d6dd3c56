import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { PlacementApplicationSource } from "./application-runs.service.ts";
import type { PlacementPlace } from "./engine/placement-types.ts";
import { alternativesFor, type CaseScores, type FamilyRecord, type Usage } from "./engine/run-view.ts";
import {
  type CaseExplanation,
  type OverrideCreate,
  RunOptions,
  type RunSummary,
} from "./placement.contract.ts";
import {
  type AssignmentRecord,
  findAssignment,
  findRun,
  insertOverride,
  moveAssignment,
  overridesOf,
  placeUsage,
  type RunRow,
  type RunWithPlaces,
} from "./placement.store.ts";

// Explanations and overrides. An override is a staff decision with a reason: it may move a family only to a
// place the run's hard rules allow and that still has room, or take it out; the run row is locked meanwhile
// so two overrides cannot both take the last room at a place.

const iso = (at: Date | string) => new Date(at).toISOString();

/** A run's figures as they leave the server. */
export function presentRun(run: RunRow): RunSummary {
  return {
    id: run.id,
    label: run.label,
    source: run.source,
    pledgeYear: run.pledge_year,
    method: run.method,
    optimal: run.optimal,
    objective: run.objective,
    bound: run.bound,
    gap: run.gap,
    seconds: run.seconds,
    cases: run.case_count,
    places: run.place_count,
    assigned: run.assigned,
    unassigned: run.unassigned,
    overrides: run.override_count,
    createdBy: run.created_by,
    createdAt: iso(run.created_at),
  };
}

/** Stored options with today's defaults filled in. */
export function runOptions(stored: unknown): RunOptions {
  return RunOptions.parse(stored ?? {});
}

interface Loaded {
  run: RunWithPlaces;
  places: PlacementPlace[];
  assignment: AssignmentRecord;
  usage: Usage[];
}

async function load(tx: Tx, scope: Scope, runId: string, caseId: string, lock = false): Promise<Loaded> {
  const run = await findRun(tx, scope, runId, lock);
  if (!run) throw new AppError("NOT_FOUND", "placement run not found");
  const assignment = await findAssignment(tx, scope, runId, caseId);
  if (!assignment) throw new AppError("NOT_FOUND", `case ${caseId} is not in this run`);
  return {
    run,
    places: run.places as PlacementPlace[],
    assignment,
    usage: await placeUsage(tx, scope, runId),
  };
}

function alternatives(loaded: Loaded) {
  const { assignment: a, places, usage, run } = loaded;
  const family = { id: a.case_id, size: a.size, ...(a.family as FamilyRecord) };
  const { floors: _floors, ...options } = runOptions(run.options);
  return alternativesFor(family, a.scores as CaseScores, places, usage, options, a.place_id);
}

async function explain(tx: Tx, scope: Scope, loaded: Loaded): Promise<CaseExplanation> {
  const { assignment: a, places } = loaded;
  const byId = new Map(places.map((p) => [p.id, p]));
  const ref = (id: string | null) => {
    const p = id === null ? undefined : byId.get(id);
    return p ? { placeId: p.id, nation: p.nation, locality: p.locality } : null;
  };
  const recommended = ref(a.recommended_place_id);
  const nextBest = ref(a.next_best_place_id);
  const current = ref(a.place_id);
  const family = a.family as FamilyRecord;
  const history = await overridesOf(tx, scope, loaded.run.id, a.case_id);
  return {
    caseId: a.case_id,
    size: a.size,
    needs: family.needs,
    languages: family.languages,
    reason: a.reason,
    wish: { kind: a.wish_kind, status: a.wish_status },
    recommended: recommended && {
      ...recommended,
      score: a.recommended_score ?? 0,
      weight: a.recommended_weight ?? 0,
    },
    rank: a.rank,
    allowed: a.allowed,
    nextBest: nextBest && { ...nextBest, weight: a.next_best_weight ?? 0 },
    difference: a.difference,
    betterButFull: a.better_but_full as string[],
    current: current && { ...current, score: a.score ?? 0 },
    overridden: a.overridden,
    overrides: history.map((o) => ({
      id: o.id,
      previousPlaceId: o.previous_place_id,
      placeId: o.place_id,
      reason: o.reason,
      actor: o.actor_label,
      at: iso(o.created_at),
    })),
    alternatives: alternatives(loaded).map((alt) => ({
      placeId: alt.place.id,
      nation: alt.place.nation,
      locality: alt.place.locality,
      score: alt.score,
      personsLeft: alt.personsLeft,
      casesLeft: alt.casesLeft,
      fits: alt.fits,
    })),
  };
}

/** Why an override cannot go to `placeId`, or undefined when it can. */
function refusal(loaded: Loaded, placeId: string): string | undefined {
  const { assignment: a } = loaded;
  if (!loaded.places.some((p) => p.id === placeId)) return `${placeId} is not a place of this run`;
  const option = alternatives(loaded).find((alt) => alt.place.id === placeId);
  if (!option) {
    return `${placeId} is not allowed for case ${a.case_id}: it has no score for the pair, or it does not serve the family's needs or language`;
  }
  if (option.fits) return undefined;
  const cases =
    option.casesLeft === null ? "" : ` and room for ${Math.max(0, option.casesLeft)} more case(s)`;
  return `${placeId} is full for this family: ${Math.max(0, option.personsLeft)} person(s) left${cases}, the family has ${a.size}; move another family out first`;
}

/** What the override actions share, built once per service. */
function overrideDeps(db: Db, applications?: PlacementApplicationSource) {
  return { db, applications };
}

type OverrideDeps = ReturnType<typeof overrideDeps>;

/** Why a case was recommended where it was, its next-best place, the places it may move to, its overrides. */
export function explainCase(
  deps: OverrideDeps,
  scope: Scope,
  runId: string,
  caseId: string,
): Promise<CaseExplanation> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const loaded = await load(tx, scope, runId, caseId);
    // A family's needs are health facts: reading them is recorded like any sensitive read.
    await recordAudit(tx, scope, {
      action: "placement.case.view",
      targetType: "placement_run",
      targetId: runId,
      details: { caseId },
    });
    return explain(tx, scope, loaded);
  });
}

/**
 * Moves a case to another allowed place with room (or takes it out), with a reason; recorded with the
 * previous place and audited in the same transaction. A full or disallowed place answers CONFLICT.
 */
export function overrideCase(
  deps: OverrideDeps,
  scope: Scope,
  runId: string,
  caseId: string,
  input: OverrideCreate,
) {
  const { db, applications } = deps;
  return inScope(db, scope, async (tx) => {
    const loaded = await load(tx, scope, runId, caseId, true);
    const from = loaded.assignment.place_id;
    if (input.placeId === from) {
      throw new AppError("CONFLICT", `case ${caseId} is already ${from ? `at ${from}` : "unplaced"}`);
    }
    const why = input.placeId === null ? undefined : refusal(loaded, input.placeId);
    if (why) throw new AppError("CONFLICT", why);
    const score =
      input.placeId === null
        ? null
        : (alternatives(loaded).find((alt) => alt.place.id === input.placeId)?.score ?? null);
    await moveAssignment(tx, scope, runId, caseId, { placeId: input.placeId, score });
    if (loaded.run.source === "applications" && applications) {
      const place = loaded.places.find((p) => p.id === input.placeId);
      await applications.recordMove(tx, scope, runId, {
        caseId,
        place: place ? { id: place.id, nation: place.nation, locality: place.locality } : null,
        reason: place ? "override" : "taken-out",
      });
    }
    const overrideId = await insertOverride(tx, scope, {
      runId,
      caseId,
      previousPlaceId: from,
      placeId: input.placeId,
      reason: input.reason,
    });
    // The reason stays in the override record: free text may name people, the audit chain never does.
    await recordAudit(tx, scope, {
      action: "placement.override",
      targetType: "placement_run",
      targetId: runId,
      details: { caseId, from, to: input.placeId, overrideId },
    });
    return explain(tx, scope, await load(tx, scope, runId, caseId));
  });
}

/**
 * Explanations and staff overrides of a run's cases; an override of a run built from applications is recorded
 * on the case's applications too, in the same transaction.
 */
export function createOverrideService(db: Db, applications?: PlacementApplicationSource) {
  return bindActions(overrideDeps(db, applications), { explainCase, overrideCase });
}
