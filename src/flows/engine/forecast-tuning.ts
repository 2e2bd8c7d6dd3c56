import { evaluationSplit, firstOriginOf, lastIndexAtOrBefore, originsOf, type Split } from "./evaluation.ts";
import type { EvaluationSeries } from "./evaluation-series.ts";
import { scaleFor } from "./forecast.ts";
import type { Calibration, CalibrationQuantiles } from "./forecast-calibration.ts";
import { ensembleTable } from "./forecast-ensemble.ts";
import { recentMovement } from "./forecast-interval.ts";

/**
 * Reads the interval calibration from the tuning set only: for each horizon, every series' standardised
 * errors of the central forecast (log error divided by the recent h-period movement), each series weighted
 * equally so a long calm history does not drown the short turbulent ones; and how often an outcome rose past
 * the ceiling, which `capRatio` is checked against.
 */
export interface TuningResult {
  quantiles: CalibrationQuantiles;
  /** Standardised errors used at each horizon. */
  errors: number[];
  /** Share of tuning outcomes above `capRatio` times the largest value seen before their origin. */
  aboveCeiling: number;
}

const levels = [0.025, 0.1, 0.9, 0.975] as const;

/** A series with at least this many errors at a horizon counts as much as any other; one with fewer, less. */
const fullWeight = 24;

/** Tunes the calibration of one grain (`season` 12 monthly, 1 yearly) on the tuning part of the series. */
export function tuneCalibration(
  series: EvaluationSeries[],
  season: number,
  base: Calibration,
  horizons: number,
  split: Split = evaluationSplit,
): TuningResult {
  const perHorizon: { value: number; weight: number }[][] = Array.from({ length: horizons }, () => []);
  let [above, outcomes] = [0, 0];
  for (const s of series) {
    const scale = scaleFor(s.values);
    const z = Float64Array.from(s.values, scale.to);
    const centre = ensembleTable(z, horizons, season);
    const cutIndex = lastIndexAtOrBefore(s.periods, s.grain === "month" ? split.month : split.year);
    for (let h = 1; h <= horizons; h++) {
      const origins = originsOf(z.length, h, "tuning", cutIndex, firstOriginOf(s));
      for (const T of origins) {
        const error = (z[T + h - 1] as number) - (centre[T]?.[h - 1] as number);
        perHorizon[h - 1]?.push({
          value: error / recentMovement(z, T, h, base),
          weight: Math.min(origins.length, fullWeight) / origins.length,
        });
        const highest = Math.max(...Array.from(z.subarray(0, T)));
        if ((z[T + h - 1] as number) > highest + Math.log(base.capRatio)) above++;
        outcomes++;
      }
    }
  }
  return {
    quantiles: widening(perHorizon.map((list) => levels.map((p) => weightedQuantile(list, p)))),
    errors: perHorizon.map((list) => list.length),
    aboveCeiling: outcomes > 0 ? above / outcomes : 0,
  };
}

// A band never narrows with the horizon: each quantile is at least as far out as the one before it.
function widening(rows: number[][]): CalibrationQuantiles {
  const out: [number, number, number, number][] = [];
  for (const row of rows) {
    const before = out.at(-1) ?? [0, 0, 0, 0];
    out.push(
      row.map((q, i) => (q < 0 ? Math.min(q, before[i] as number) : Math.max(q, before[i] as number))) as [
        number,
        number,
        number,
        number,
      ],
    );
  }
  return out;
}

/** Quantile of weighted values (the value where the cumulative weight first reaches p of the total). */
export function weightedQuantile(list: { value: number; weight: number }[], p: number): number {
  const sorted = [...list].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, x) => sum + x.weight, 0);
  let running = 0;
  for (const x of sorted) {
    running += x.weight;
    if (running >= p * total) return Math.round(x.value * 100) / 100;
  }
  return sorted.at(-1)?.value ?? 0;
}

/** The quantile table as it is written in `forecast-calibration.ts`. */
export function formatQuantiles(quantiles: CalibrationQuantiles): string {
  return `[\n${quantiles.map((row) => `    [${row.join(", ")}],`).join("\n")}\n  ]`;
}
