import { etsOriginTables } from "./ets-model.ts";
import type { OriginTable } from "./forecast-models.ts";

/**
 * Forecasters tried on the tuning set beside the ensemble (ADR 0003) and kept so the tuning report can show
 * why they were not adopted. Each works on the log scale it is given and fills `table[t]` (forecasts made after
 * the first t values, `table[t][h-1]` for `z[t+h-1]`) without looking ahead.
 */

/** Months in a seasonal cycle. */
const cycle = 12;

/**
 * The mean change from the month before for each position in the cycle (0..11, position of the *later* month),
 * over the changes `z[from..to)` (each from its previous value), demeaned so a year of changes adds to zero: the
 * seasonal shape without the trend. `phase(i)` is the cycle position of `z[i]`. Also returns how many changes
 * each position rests on.
 */
export function cycleProfile(
  z: ArrayLike<number>,
  from: number,
  to: number,
  phase: (i: number) => number,
): { profile: number[]; counts: number[] } {
  const sums = new Array<number>(cycle).fill(0);
  const counts = new Array<number>(cycle).fill(0);
  for (let i = Math.max(1, from); i < to; i++) {
    const p = phase(i);
    sums[p] = (sums[p] as number) + (z[i] as number) - (z[i - 1] as number);
    counts[p] = (counts[p] as number) + 1;
  }
  const means = sums.map((s, p) => ((counts[p] as number) > 0 ? s / (counts[p] as number) : 0));
  const average = means.reduce((a, b) => a + b, 0) / cycle;
  return { profile: means.map((m) => m - average), counts };
}

/** The last value moved by the profile's changes for the months ahead: `z[t-1] + Σ profile[phase(t-1+j)]`. */
function driftFrom(
  z: ArrayLike<number>,
  t: number,
  profile: number[],
  phase: (i: number) => number,
  row: Float64Array,
) {
  let level = z[t - 1] as number;
  for (let h = 1; h <= row.length; h++) {
    level += profile[phase(t - 1 + h)] as number;
    row[h - 1] = level;
  }
}

/**
 * Multiplicative seasonality on the last value: the series' own mean log change for each month of the cycle
 * over the last `years` years, shrunk towards no change by n / (n + shrink) where n is how many years of that
 * month are known, so a profile resting on one or two years counts little.
 */
export function seasonalDriftTable(
  z: ArrayLike<number>,
  H: number,
  years: number,
  shrink: number,
): OriginTable {
  const phase = (i: number) => i % cycle;
  const out: OriginTable = new Array(z.length + 1);
  for (let t = 2; t <= z.length; t++) {
    const { profile, counts } = cycleProfile(z, t - cycle * years, t, phase);
    const shrunk = profile.map((v, p) => (v * (counts[p] as number)) / ((counts[p] as number) + shrink));
    const row = new Float64Array(H);
    driftFrom(z, t, shrunk, phase, row);
    out[t] = row;
  }
  return out;
}

/**
 * The same on a profile borrowed from elsewhere (the aggregate's): `profileAt(t)` gives the profile known when
 * the first t values are (undefined: none yet), scaled by `strength`; `phase(i)` is the calendar month of `z[i]`.
 */
export function borrowedDriftTable(
  z: ArrayLike<number>,
  H: number,
  profileAt: (t: number) => number[] | undefined,
  phase: (i: number) => number,
  strength: number,
): OriginTable {
  const out: OriginTable = new Array(z.length + 1);
  for (let t = 1; t <= z.length; t++) {
    const profile = profileAt(t)?.map((v) => v * strength) ?? new Array<number>(cycle).fill(0);
    const row = new Float64Array(H);
    driftFrom(z, t, profile, phase, row);
    out[t] = row;
  }
  return out;
}

/** Smoothing weights the theta method chooses from (by one-step squared error). */
const thetaAlphas = [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1];

/**
 * The theta method (Assimakopoulos and Nikolopoulos; as Hyndman and Billah show, simple exponential smoothing
 * plus half the slope of the straight line through the history): `level + b/2 · (h − 1 + 1/α − (1−α)^t / α)`.
 */
export function thetaTable(z: ArrayLike<number>, H: number): OriginTable {
  const out: OriginTable = new Array(z.length + 1);
  for (let t = 3; t <= z.length; t++) {
    const slope = leastSquaresSlope(z, t);
    let best = { sse: Number.POSITIVE_INFINITY, level: 0, alpha: 1 };
    for (const alpha of thetaAlphas) {
      let [level, sse] = [z[0] as number, 0];
      for (let i = 1; i < t; i++) {
        const error = (z[i] as number) - level;
        sse += error * error;
        level += alpha * error;
      }
      if (sse < best.sse) best = { sse, level, alpha };
    }
    const row = new Float64Array(H);
    const { level, alpha } = best;
    for (let h = 1; h <= H; h++)
      row[h - 1] = level + (slope / 2) * (h - 1 + 1 / alpha - (1 - alpha) ** t / alpha);
    out[t] = row;
  }
  return out;
}

/** Slope of the least-squares line through `z[0..t)` against its index. */
export function leastSquaresSlope(z: ArrayLike<number>, t: number): number {
  let [sx, sy, sxx, sxy] = [0, 0, 0, 0];
  for (let i = 0; i < t; i++) {
    const y = z[i] as number;
    [sx, sy, sxx, sxy] = [sx + i, sy + y, sxx + i * i, sxy + i * y];
  }
  const denominator = t * sxx - sx * sx;
  return denominator > 0 ? (t * sxy - sx * sy) / denominator : 0;
}

/** Damped local linear trend (additive, no season), its weights fitted at every origin by one-step error. */
export function dampedTrendTable(z: ArrayLike<number>, H: number): OriginTable {
  return etsOriginTables(z, H, 1, 1).point;
}

/** Median of the tables' forecasts at each origin and horizon (the last value where none has one). */
export function medianTable(tables: OriginTable[], z: ArrayLike<number>, H: number): OriginTable {
  const out: OriginTable = new Array(z.length + 1);
  for (let t = 1; t <= z.length; t++) {
    const row = new Float64Array(H);
    for (let h = 1; h <= H; h++) {
      const values = tables.flatMap((table) => table[t]?.[h - 1] ?? []).sort((a, b) => a - b);
      row[h - 1] = values.length > 0 ? medianOfSorted(values) : (z[t - 1] as number);
    }
    out[t] = row;
  }
  return out;
}

/** Median of sorted numbers (the mean of the middle two for an even count). */
export function medianOfSorted(sorted: number[]): number {
  const middle = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(middle)] as number) + (sorted[Math.ceil(middle)] as number)) / 2;
}

/**
 * Fixed weights per horizon on each table's move away from the last value: `z[t-1] + Σ w_k[h] (f_k − z[t-1])`
 * (a table without a forecast there moves nothing).
 */
export function weightedTable(
  tables: OriginTable[],
  weights: number[][],
  z: ArrayLike<number>,
  H: number,
): OriginTable {
  const out: OriginTable = new Array(z.length + 1);
  for (let t = 1; t <= z.length; t++) {
    const last = z[t - 1] as number;
    const row = new Float64Array(H).fill(last);
    tables.forEach((table, k) => {
      for (let h = 1; h <= H; h++) {
        const forecast = table[t]?.[h - 1];
        if (forecast !== undefined)
          row[h - 1] = (row[h - 1] as number) + (weights[k]?.[h - 1] ?? 0) * (forecast - last);
      }
    });
    out[t] = row;
  }
  return out;
}
