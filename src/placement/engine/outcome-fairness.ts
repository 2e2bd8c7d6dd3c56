import type { CaseFeatures, OutcomeRecord } from "./outcome-history.ts";
import { buildModel, unitCapacities } from "./placement-model.ts";
import type { PlacementCase, PlacementInput, PlacementPlace } from "./placement-types.ts";
import { solveTransportation } from "./transportation.ts";

// How an outcome model treats groups of families: its calibration per specific-needs group and per
// nationality on held-out history, and where the optimiser would send each group if the held-out families
// were placed on the model's scores. A model is flagged when it steers a needs group away from a place where
// that group's observed outcomes are as good as at the places it sends the group to.

/** The thresholds of the steering criterion (tuned on one set of generated histories, reported on another). */
export interface FairnessSettings {
  /** A group is under-placed at a place when its share there is below this × the overall share. */
  shareRatio: number;
  /** The group does "as well" at a place when its observed rate there is at least its rate where placed − this. */
  tolerance: number;
  /** Past cases of the group at a place needed before its observed rate there is read at all. */
  minRows: number;
  /** Placements of the group the overall share would give the place, needed before a shortfall counts. */
  minExpected: number;
  /**
   * How sure "as well" must be: the observed rate there minus `z` standard errors (√(r(1−r)/rows)) is
   * compared, so a rate read from few past cases does not flag by luck.
   */
  z: number;
}

/** Chosen by `bench/placement-fairness.ts` on its tuning seeds (see docs/placement.md). */
export const DEFAULT_FAIRNESS: FairnessSettings = {
  shareRatio: 0.3,
  tolerance: 0,
  minRows: 30,
  minExpected: 5,
  z: 1,
};

/** Calibration of a group on held-out rows: the mean predicted probability against the observed rate. */
export interface GroupCalibration {
  group: string;
  rows: number;
  meanPredicted: number;
  observedRate: number;
}

/** A group's share of placements at one locality against everyone's, with its observed outcome there. */
export interface GroupShare {
  locality: string;
  /** Share of the group's held-out families the optimiser sends here. */
  share: number;
  /** Share of all held-out families the optimiser sends here. */
  overallShare: number;
  /** The group's observed outcome rate here over the whole history; null below `minRows` past cases. */
  observedRate: number | null;
  observedRows: number;
}

/** One group's calibration and placement shares. */
export interface GroupReport extends GroupCalibration {
  /** The group's observed rate over where the optimiser sends it (places with a readable rate). */
  placedObservedRate: number | null;
  places: GroupShare[];
}

/** A needs group steered away from a place where it does as well. */
export interface SteeringFlag {
  group: string;
  locality: string;
  share: number;
  overallShare: number;
  observedRate: number;
  placedObservedRate: number;
  observedRows: number;
}

/** The fairness report of one model. */
export interface FairnessReport {
  settings: FairnessSettings;
  heldOutRows: number;
  overall: GroupCalibration;
  byNeed: GroupReport[];
  byNationality: GroupReport[];
  flags: SteeringFlag[];
  flagged: boolean;
}

/** What the report needs: held-out rows, every history row (observed rates) and the model's prediction. */
export interface FairnessInput {
  heldOut: OutcomeRecord[];
  history: OutcomeRecord[];
  predict: (c: CaseFeatures, locality: string) => number;
  settings?: FairnessSettings;
}

/**
 * Places the held-out families on the model's scores, each locality offering as many places as held-out
 * families historically went there (capacity in cases: the exact flow solver). Returns a locality per row.
 */
export function placeHeldOut(
  heldOut: OutcomeRecord[],
  localities: string[],
  predict: FairnessInput["predict"],
): string[] {
  const capacity = new Map(localities.map((l) => [l, 0]));
  for (const r of heldOut) capacity.set(r.locality, (capacity.get(r.locality) ?? 0) + 1);
  const cases: PlacementCase[] = heldOut.map((_, i) => ({
    id: String(i),
    size: 1,
    needs: [],
    languages: [],
    languageRequired: false,
    preferences: [],
    ties: [],
  }));
  const places: PlacementPlace[] = localities.map((l) => ({
    id: l,
    nation: "",
    locality: l,
    capacityPersons: capacity.get(l)!,
    capacityCases: capacity.get(l)!,
    services: [],
    languages: [],
  }));
  const n = heldOut.length;
  const m = localities.length;
  const input: PlacementInput = {
    cases,
    places,
    scores: {
      caseIndex: Int32Array.from({ length: n * m }, (_, k) => Math.floor(k / m)),
      placeIndex: Int32Array.from({ length: n * m }, (_, k) => k % m),
      score: Float64Array.from({ length: n * m }, (_, k) =>
        predict(heldOut[Math.floor(k / m)]!, localities[k % m]!),
      ),
    },
  };
  const model = buildModel(input);
  const solution = solveTransportation(model, unitCapacities(model)!);
  return Array.from(solution.placeOf, (p) => (p < 0 ? "" : localities[p]!));
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

function calibration(
  group: string,
  rows: OutcomeRecord[],
  predicted: Map<OutcomeRecord, number>,
): GroupCalibration {
  return {
    group,
    rows: rows.length,
    meanPredicted: mean(rows.map((r) => predicted.get(r)!)),
    observedRate: mean(rows.map((r) => r.outcome)),
  };
}

/** Observed outcome rate and count per (group, locality) over the whole history. */
function observedRates(history: OutcomeRecord[], groupsOf: (r: OutcomeRecord) => string[]) {
  const table = new Map<string, { rows: number; positives: number }>();
  for (const r of history) {
    for (const g of groupsOf(r)) {
      const key = `${g}\u0000${r.locality}`;
      const cell = table.get(key) ?? { rows: 0, positives: 0 };
      cell.rows++;
      cell.positives += r.outcome;
      table.set(key, cell);
    }
  }
  return (group: string, locality: string) =>
    table.get(`${group}\u0000${locality}`) ?? { rows: 0, positives: 0 };
}

function groupReports(
  input: FairnessInput & { settings: FairnessSettings },
  groupsOf: (r: OutcomeRecord) => string[],
  placed: string[],
  predicted: Map<OutcomeRecord, number>,
  localities: string[],
): GroupReport[] {
  const observed = observedRates(input.history, groupsOf);
  const overallCount = new Map<string, number>();
  for (const l of placed) overallCount.set(l, (overallCount.get(l) ?? 0) + 1);
  const members = new Map<string, number[]>();
  input.heldOut.forEach((r, i) => {
    for (const g of groupsOf(r)) members.set(g, [...(members.get(g) ?? []), i]);
  });
  return [...members]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, rows]) => {
      const count = new Map<string, number>();
      for (const i of rows) count.set(placed[i]!, (count.get(placed[i]!) ?? 0) + 1);
      const places = localities.map((locality): GroupShare => {
        const seen = observed(group, locality);
        return {
          locality,
          share: (count.get(locality) ?? 0) / rows.length,
          overallShare: (overallCount.get(locality) ?? 0) / Math.max(1, placed.length),
          observedRate: seen.rows >= input.settings.minRows ? seen.positives / seen.rows : null,
          observedRows: seen.rows,
        };
      });
      const readable = places.filter((p) => p.observedRate !== null && p.share > 0);
      const weight = readable.reduce((sum, p) => sum + p.share, 0);
      const placedObservedRate =
        weight > 0 ? readable.reduce((sum, p) => sum + p.share * p.observedRate!, 0) / weight : null;
      return {
        ...calibration(
          group,
          rows.map((i) => input.heldOut[i]!),
          predicted,
        ),
        placedObservedRate,
        places,
      };
    });
}

/**
 * The steering criterion, for each needs group and locality: flagged when (1) the group's share of the
 * optimiser's placements there is below `shareRatio` × the overall share, (2) the overall share would give
 * the group at least `minExpected` placements there, and (3) the group's observed rate there (read from at
 * least `minRows` past cases), less `z` standard errors, is at least its observed rate over where the
 * optimiser sends it − `tolerance`.
 */
export function steeringFlags(reports: GroupReport[], settings: FairnessSettings): SteeringFlag[] {
  const flags: SteeringFlag[] = [];
  for (const g of reports) {
    if (g.placedObservedRate === null) continue;
    for (const p of g.places) {
      if (p.observedRate === null || p.observedRows < settings.minRows) continue;
      const underPlaced = p.share < settings.shareRatio * p.overallShare;
      const enough = g.rows * p.overallShare >= settings.minExpected;
      const standardError = Math.sqrt((p.observedRate * (1 - p.observedRate)) / p.observedRows);
      const asWell = p.observedRate - settings.z * standardError >= g.placedObservedRate - settings.tolerance;
      if (underPlaced && enough && asWell) {
        flags.push({
          group: g.group,
          locality: p.locality,
          share: p.share,
          overallShare: p.overallShare,
          observedRate: p.observedRate,
          placedObservedRate: g.placedObservedRate,
          observedRows: p.observedRows,
        });
      }
    }
  }
  return flags;
}

/** Calibration and placement shares by specific-needs group and nationality, and the steering flags. */
export function assessFairness(raw: FairnessInput): FairnessReport {
  const localities = [...new Set(raw.history.map((r) => r.locality))].sort();
  const placed = placeHeldOut(raw.heldOut, localities, raw.predict);
  return reportOnPlacement(raw, placed);
}

/**
 * The report for a placement already made (`placeHeldOut`): what changes with the settings is cheap, so
 * thresholds can be tuned without placing again.
 */
export function reportOnPlacement(raw: FairnessInput, placed: string[]): FairnessReport {
  const input = { ...raw, settings: raw.settings ?? DEFAULT_FAIRNESS };
  const localities = [...new Set(input.history.map((r) => r.locality))].sort();
  const predicted = new Map(input.heldOut.map((r) => [r, input.predict(r, r.locality)]));
  const byNeed = groupReports(input, (r) => [...new Set(r.specificNeeds)], placed, predicted, localities);
  const byNationality = groupReports(
    input,
    (r) => (r.nationality === "" ? [] : [r.nationality]),
    placed,
    predicted,
    localities,
  );
  const flags = steeringFlags(byNeed, input.settings);
  return {
    settings: input.settings,
    heldOutRows: input.heldOut.length,
    overall: calibration("all", input.heldOut, predicted),
    byNeed,
    byNationality,
    flags,
    flagged: flags.length > 0,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The report as lines for the terminal: calibration per group, then the flags (or that there are none). */
export function formatFairness(report: FairnessReport): string[] {
  const lines = [`fairness on ${report.heldOutRows} held-out rows (predicted vs observed, placement share):`];
  const row = (kind: string, g: GroupCalibration & { placedObservedRate?: number | null }) =>
    `  ${kind.padEnd(11)} ${g.group.padEnd(22)} n=${String(g.rows).padStart(5)}  predicted ${g.meanPredicted.toFixed(3)}` +
    `  observed ${g.observedRate.toFixed(3)}` +
    (g.placedObservedRate == null ? "" : `  observed where placed ${g.placedObservedRate.toFixed(3)}`);
  lines.push(row("overall", report.overall));
  for (const g of report.byNeed) lines.push(row("need", g));
  for (const g of report.byNationality) lines.push(row("nationality", g));
  if (report.flags.length === 0)
    lines.push("  no needs group is steered away from a place where it does as well");
  for (const f of report.flags) {
    lines.push(
      `  FLAG ${f.group} at ${f.locality}: share ${pct(f.share)} against ${pct(f.overallShare)} overall, ` +
        `observed ${f.observedRate.toFixed(3)} there (${f.observedRows} past cases) vs ${f.placedObservedRate.toFixed(3)} where placed`,
    );
  }
  return lines;
}
