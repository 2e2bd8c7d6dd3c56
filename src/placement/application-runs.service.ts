import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import { type ApplicationCase, applicationBatch } from "./engine/application-batch.ts";
import { readPlacesFile } from "./engine/placement-input.ts";
import type { PlacementInput } from "./engine/placement-types.ts";
import type { AssignmentValues } from "./engine/run-view.ts";
import type { ApplicationSourceView, SkippedApplication } from "./placement.contract.ts";

// Runs built from a nation's approved resettlement applications. Placement does not read applications or the
// registry itself: the pathways capability hands the households over through `PlacementApplicationSource`
// (wired in app.ts) and records each run's result on its applications, in the run's own transaction, so a run
// and the results on its applications are stored together or not at all.

/** A household as pathways hands it over: the case and the applications behind it. */
export type ApplicationHousehold = ApplicationCase & { applicationIds: string[] };

/** Where a case went (or that it was not placed, with the solver's reason). */
export interface CaseResult {
  caseId: string;
  place: { id: string; nation: string; locality: string } | null;
  reason: string;
}

/** What placement needs from the capability that keeps the applications. */
export interface PlacementApplicationSource {
  /** The scope's households to place from approved resettlement applications, and the applications left out. */
  households(
    tx: Tx,
    scope: Scope,
    pathways: string[] | undefined,
  ): Promise<{ households: ApplicationHousehold[]; pathways: string[]; skipped: SkippedApplication[] }>;
  /** Records a new run's results on the applications of each case (refuses if one was placed meanwhile). */
  recordRun(
    tx: Tx,
    scope: Scope,
    runId: string,
    results: (CaseResult & { applicationIds: string[] })[],
  ): Promise<void>;
  /** Records a staff override of one case on its applications. */
  recordMove(tx: Tx, scope: Scope, runId: string, result: CaseResult): Promise<void>;
}

/** Households read for a run, with the solver's input built on the PLACES.csv text. */
export interface ApplicationBatch {
  input: PlacementInput;
  households: ApplicationHousehold[];
  view: ApplicationSourceView;
}

/** Reads the households (in the caller's transaction) and builds the batch on the places given. */
export async function readApplicationBatch(
  tx: Tx,
  scope: Scope,
  source: PlacementApplicationSource,
  request: { places: string; pathways?: string[] | undefined },
  limits: { cases: number; places: number },
): Promise<ApplicationBatch> {
  const read = readPlacesFile(request.places, "places.csv");
  failOnProblems(read.problems, "the places file has problems");
  const places = read.places ?? [];
  if (places.length > limits.places) {
    throw new AppError("PAYLOAD_TOO_LARGE", `a platform batch takes at most ${limits.places} places`);
  }
  const found = await source.households(tx, scope, request.pathways);
  if (found.households.length === 0) {
    throw new AppError(
      "CONFLICT",
      "no approved resettlement application is waiting for a place" +
        (found.skipped.length > 0 ? ` (${found.skipped.length} left out: see details)` : ""),
      { skipped: found.skipped },
    );
  }
  if (found.households.length > limits.cases) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `a platform batch takes at most ${limits.cases} households; choose fewer pathways`,
    );
  }
  return {
    input: applicationBatch(found.households, places),
    households: found.households,
    view: {
      households: found.households.length,
      applications: found.households.reduce((n, h) => n + h.applicationIds.length, 0),
      pathways: found.pathways,
      skipped: found.skipped,
    },
  };
}

/** Each household's result from the run's stored assignments. */
export function caseResults(
  batch: ApplicationBatch,
  rows: AssignmentValues[],
): (CaseResult & { applicationIds: string[] })[] {
  const placeById = new Map(batch.input.places.map((p) => [p.id, p]));
  const rowByCase = new Map(rows.map((r) => [r.case_id, r]));
  return batch.households.map((household) => {
    const row = rowByCase.get(household.caseId);
    const place = row?.place_id ? placeById.get(row.place_id) : undefined;
    return {
      caseId: household.caseId,
      applicationIds: household.applicationIds,
      place: place ? { id: place.id, nation: place.nation, locality: place.locality } : null,
      reason: row?.reason ?? "no-allowed-place",
    };
  });
}
