import { createHash } from "node:crypto";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { refusal } from "../shared/refusal.ts";
import {
  type ApplicationBatch,
  caseResults,
  type PlacementApplicationSource,
  readApplicationBatch,
} from "./application-runs.service.ts";
import { type BatchRunSettings, runBatch } from "./batch.pool.ts";
import type { BatchOptions, BatchOutcome } from "./batch-outcome.pool.ts";
import { buildDemoBatch } from "./engine/demo-batch.ts";
import { assessFairness } from "./engine/outcome-fairness.ts";
import { readFeatureCases, readHistory, readScoredPlaces } from "./engine/outcome-input.ts";
import { predictOutcome } from "./engine/outcome-model.ts";
import { readPlacementInput } from "./engine/placement-input.ts";
import type { PlacementInput, PlacementPlace } from "./engine/placement-types.ts";
import { assignmentValues, nationTotals, placeUsages } from "./engine/run-view.ts";
import { formatScoresCsv, trainOutcomeModel } from "./engine/train-scores.ts";
import { createOverrideService, presentRun, runOptions } from "./override.service.ts";
import {
  type ApplicationSourceView,
  type AssignmentQuery,
  type FairnessView,
  RunCreate,
  type RunCreateInput,
  type RunDetail,
  type RunOptions,
  type RunSummary,
} from "./placement.contract.ts";
import {
  assignmentPage,
  findRun,
  insertAssignments,
  insertRun,
  listRuns,
  type NewRun,
  placeUsage,
} from "./placement.store.ts";
import { PlacementInfeasibleError } from "./solve-placement.pool.ts";

/**
 * What placement needs from elsewhere: the persons each nation pledged for a year (pathways' pledges), and the
 * households of approved resettlement applications with a place to record each run's result on them.
 */
export interface PlacementWiring {
  pledges(scope: Scope, year: number): Promise<Map<string, number>>;
  applications?: PlacementApplicationSource;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  batch?: Partial<BatchRunSettings>;
}

/** The largest batch the HTTP path takes; larger instances go through `hemisphere placement solve`. */
export const PLATFORM_LIMITS = { cases: 10_000, places: 1_000, pairs: 1_000_000 } as const;

const LABELS: Record<RunCreate["source"], string> = {
  csv: "Batch",
  demo: "Demo batch",
  applications: "Approved applications",
};

const DEFAULT_BATCH: BatchRunSettings = { inlineBelowPairs: 20_000, timeoutMs: 120_000 };

/** What the placement actions share, built once per service. */
function placementDeps(platform: Platform, wiring: PlacementWiring) {
  const { db } = platform.database;
  const now = wiring.now ?? (() => new Date());
  const settings = { ...DEFAULT_BATCH, ...wiring.batch };
  return { platform, wiring, db, now, settings };
}

type PlacementDeps = ReturnType<typeof placementDeps>;

/** The households of the scope's approved resettlement applications, on the places of the request. */
function approvedApplicationsBatch(
  deps: PlacementDeps,
  scope: Scope,
  request: Extract<RunCreate, { source: "applications" }>,
): Promise<ApplicationBatch> {
  const { wiring, db } = deps;
  const source = wiring.applications;
  if (!source) throw new AppError("BAD_INPUT", "runs from applications are not available here");
  return inScope(db, scope, (tx) =>
    readApplicationBatch(tx, scope, source, request, {
      cases: PLATFORM_LIMITS.cases,
      places: PLATFORM_LIMITS.places,
    }),
  );
}

async function getRun(deps: PlacementDeps, scope: Scope, id: string): Promise<RunDetail> {
  const { db, wiring } = deps;
  const found = await inScope(db, scope, async (tx) => {
    const run = await findRun(tx, scope, id);
    return run && { run, usage: await placeUsage(tx, scope, id) };
  });
  if (!found) throw new AppError("NOT_FOUND", "placement run not found");
  const places = found.run.places as PlacementPlace[];
  const pledges = await wiring.pledges(scope, found.run.pledge_year);
  return {
    run: presentRun(found.run),
    options: runOptions(found.run.options),
    fromApplications: (found.run.application_source ?? null) as ApplicationSourceView | null,
    fairness: (found.run.fairness ?? null) as FairnessView | null,
    nations: nationTotals(places, found.usage, pledges),
    places: placeUsages(places, found.usage),
  };
}

/** Solves a batch (CSV texts or the demo built on pledges) and stores it with its audit event. */
export async function createPlacementRun(
  deps: PlacementDeps,
  scope: Scope,
  raw: RunCreateInput,
): Promise<RunDetail> {
  const { now, wiring, settings, db } = deps;
  const request = RunCreate.parse(raw);
  const year = request.pledgeYear ?? now().getUTCFullYear();
  const fromApplications =
    request.source === "applications" ? await approvedApplicationsBatch(deps, scope, request) : undefined;
  const { input, fairness } =
    request.source === "applications"
      ? { input: fromApplications!.input, fairness: null }
      : await batchInput(request, () => wiring.pledges(scope, year), scope);
  const { options } = request;
  const outcome = await solveOrExplain(input, options, settings);
  const label = request.label ?? `${LABELS[request.source]} ${now().toISOString().slice(0, 16)}`;
  const id = await inScope(db, scope, async (tx) => {
    const runId = await insertRun(
      tx,
      scope,
      runValues(scope, { ...request, label, year }, input, outcome, fairness, fromApplications),
    );
    const rows = assignmentValues(input, outcome);
    await insertAssignments(tx, scope, runId, rows);
    if (fromApplications && wiring.applications) {
      await wiring.applications.recordRun(tx, scope, runId, caseResults(fromApplications, rows));
    }
    await recordAudit(tx, scope, {
      action: "placement.run",
      targetType: "placement_run",
      targetId: runId,
      details: {
        source: request.source,
        cases: input.cases.length,
        places: input.places.length,
        method: outcome.result.method,
        objective: outcome.result.objective,
        gap: outcome.result.gap,
        wishesHonoured: outcome.result.wishesHonoured,
        ...(fairness ? { modelFlagged: fairness.flagged } : {}),
        ...(fromApplications
          ? {
              applications: fromApplications.view.applications,
              skippedApplications: fromApplications.view.skipped.length,
            }
          : {}),
      },
    });
    if (fairness?.acknowledgement) {
      // The officer's reason stays on the run (free text); the event names the groups and places flagged.
      await recordAudit(tx, scope, {
        action: "placement.model.flag_acknowledged",
        targetType: "placement_run",
        targetId: runId,
        details: {
          groups: [...new Set(fairness.flags.map((f) => f.group))],
          flags: fairness.flags.map((f) => `${f.group}@${f.locality}`),
        },
      });
    }
    return runId;
  });
  return getRun(deps, scope, id);
}

/** The scope's runs, newest first (figures only). */
export function listPlacementRuns(deps: PlacementDeps, scope: Scope, limit = 50): Promise<RunSummary[]> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => (await listRuns(tx, scope, limit)).map(presentRun));
}

/** A page of a run's cases in input order, optionally those placed in one nation. */
export async function listAssignments(deps: PlacementDeps, scope: Scope, id: string, query: AssignmentQuery) {
  const { db } = deps;
  const page = await inScope(db, scope, async (tx) => {
    const run = await findRun(tx, scope, id);
    if (!run) return undefined;
    const places = run.places as PlacementPlace[];
    const placeIds = query.nation
      ? places.filter((p) => p.nation === query.nation).map((p) => p.id)
      : undefined;
    const nationOf = new Map(places.map((p) => [p.id, p.nation]));
    const found = await assignmentPage(tx, scope, id, { ...query, ...(placeIds ? { placeIds } : {}) });
    return { found, nationOf };
  });
  if (!page) throw new AppError("NOT_FOUND", "placement run not found");
  return {
    total: page.found.total,
    offset: query.offset,
    rows: page.found.rows.map((r) => ({
      caseId: r.case_id,
      size: r.size,
      placeId: r.place_id,
      nation: r.place_id === null ? null : (page.nationOf.get(r.place_id) ?? null),
      score: r.score,
      recommendedPlaceId: r.recommended_place_id,
      nextBestPlaceId: r.next_best_place_id,
      difference: r.difference,
      reason: r.reason,
      wish: { kind: r.wish_kind, status: r.wish_status },
      overridden: r.overridden,
    })),
  };
}

/** Placement on the platform: batches with their inputs and explanations, per-nation totals, overrides. */
export function createPlacementService(platform: Platform, wiring: PlacementWiring) {
  const deps = placementDeps(platform, wiring);
  return {
    ...bindActions(deps, {
      createRun: createPlacementRun,
      listRuns: listPlacementRuns,
      getRun,
      assignments: listAssignments,
    }),
    ...createOverrideService(deps.db, wiring.applications),
  };
}

export type PlacementService = ReturnType<typeof createPlacementService>;

/** The run's stored header: what was asked, what was solved, the figures, who ran it. */
function runValues(
  scope: Scope,
  request: { label: string; source: RunCreate["source"]; year: number; options: RunOptions },
  input: PlacementInput,
  outcome: BatchOutcome,
  fairness: FairnessView | null,
  fromApplications: ApplicationBatch | undefined,
): NewRun {
  const { result } = outcome;
  return {
    label: request.label,
    source: request.source,
    pledge_year: request.year,
    options: JSON.stringify(request.options),
    places: JSON.stringify(input.places),
    fairness: fairness ? JSON.stringify(fairness) : null,
    application_source: fromApplications ? JSON.stringify(fromApplications.view) : null,
    input_digest: inputDigest(input),
    method: result.method,
    optimal: result.optimal,
    objective: result.objective,
    bound: result.bound,
    gap: result.gap,
    seconds: outcome.seconds,
    case_count: input.cases.length,
    place_count: input.places.length,
    assigned: result.assigned,
    unassigned: result.unassigned,
    created_by: scope.actorLabel,
    created_by_user: scope.userId,
  };
}

/**
 * The batch's input: the three CSV texts validated as the CLI does (the scores trained from a history when
 * one is sent instead, with the model's fairness report), or the demo built on the pledges.
 */
async function batchInput(
  request: Exclude<RunCreate, { source: "applications" }>,
  pledges: () => Promise<Map<string, number>>,
  scope: Scope,
): Promise<{ input: PlacementInput; fairness: FairnessView | null }> {
  if (request.source === "demo") {
    const input = buildDemoBatch({ cases: request.cases, seed: request.seed, pledges: await pledges() });
    return { input, fairness: null };
  }
  const trained =
    request.history === undefined
      ? undefined
      : trainScores(request.history, request.cases, request.places, request.options.seed);
  if (trained) {
    const reason = request.acknowledgeFlaggedModel;
    if (trained.report.flagged && reason === undefined) {
      const groups = [...new Set(trained.report.flags.map((f) => f.group))].join(", ");
      throw new AppError(
        "CONFLICT",
        `the outcome model trained on this history steers ${groups} away from places where the group does as ` +
          "well; send acknowledgeFlaggedModel with your reason to use it anyway",
        {
          ...refusal("flagged_model", { groups }),
          issues: [
            {
              field: "body.acknowledgeFlaggedModel",
              path: ["acknowledgeFlaggedModel"],
              message: "required for a flagged model",
            },
          ],
          flags: trained.report.flags,
        },
      );
    }
    const acknowledgement = trained.report.flagged && reason ? { reason, by: scope.actorLabel } : null;
    const input = readBatchFiles(request.cases, request.places, trained.scores);
    return { input, fairness: { ...trained.report, acknowledgement } };
  }
  return { input: readBatchFiles(request.cases, request.places, request.scores ?? ""), fairness: null };
}

/** History rows the platform trains on in one request; larger histories go through `placement train`. */
export const HISTORY_LIMIT = 20_000;

/** Trains the outcome model on a HISTORY.csv, scores cases × places, and assesses the model's fairness. */
function trainScores(history: string, cases: string, places: string, seed: number) {
  const past = readHistory(history, "history.csv");
  const features = readFeatureCases(cases, "cases.csv");
  const scored = readScoredPlaces(places, "places.csv");
  failOnProblems(
    [...past.problems, ...features.problems, ...scored.problems],
    "the placement files have problems",
  );
  if (past.records.length > HISTORY_LIMIT) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `a platform batch trains on at most ${HISTORY_LIMIT} history rows; use the CLI for more`,
    );
  }
  if (past.records.length < 50) {
    throw new AppError("BAD_INPUT", "history.csv: at least 50 rows are needed to train and assess a model", {
      issues: [{ field: "body.history", path: ["history"], message: "at least 50 rows" }],
    });
  }
  const run = trainOutcomeModel(past.records, past.columns, { holdout: 0.2, seed, minCount: 20 });
  const trial = run.trial!;
  const report = assessFairness({
    heldOut: run.heldOut,
    history: past.records,
    predict: (c, locality) => predictOutcome(trial, c, locality),
  });
  return { report, scores: formatScoresCsv(run.model, features.cases, scored.places).text };
}

/** CASES, PLACES and SCORES read and validated as the CLI does, within the platform's batch limits. */
function readBatchFiles(casesText: string, placesText: string, scoresText: string): PlacementInput {
  const { input, problems } = readPlacementInput({
    cases: { name: "cases.csv", text: casesText },
    places: { name: "places.csv", text: placesText },
    scores: { name: "scores.csv", text: scoresText },
  });
  failOnProblems(problems, "the placement files have problems");
  if (!input) throw new AppError("BAD_INPUT", "the placement files could not be read");
  const { cases, places, pairs } = PLATFORM_LIMITS;
  if (input.cases.length > cases || input.places.length > places || input.scores.score.length > pairs) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `a platform batch takes at most ${cases} cases, ${places} places and ${pairs} scores; use the CLI for larger`,
    );
  }
  return input;
}

/** Runs the solver; infeasible floors are bad input, anything else a failure. */
async function solveOrExplain(
  input: PlacementInput,
  options: RunOptions,
  settings: BatchRunSettings,
): Promise<BatchOutcome> {
  const batchOptions: BatchOptions = { ...options };
  try {
    return await runBatch(input, batchOptions, settings);
  } catch (error) {
    if (error instanceof PlacementInfeasibleError) throw new AppError("BAD_INPUT", error.message);
    throw error;
  }
}

/** SHA-256 of the whole input (cases, places, score arrays), to match a run to its files. */
function inputDigest(input: PlacementInput): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(input.cases));
  hash.update(JSON.stringify(input.places));
  hash.update(new Uint8Array(input.scores.caseIndex.buffer));
  hash.update(new Uint8Array(input.scores.placeIndex.buffer));
  hash.update(new Uint8Array(input.scores.score.buffer));
  return hash.digest("hex");
}
