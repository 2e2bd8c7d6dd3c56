import { etsOriginTables } from "./ets-model.ts";
import {
  momentumTable,
  naiveTable,
  type OriginTable,
  recentMeanTable,
  seasonalNaiveTable,
  seasonalShapeTable,
  smoothedLevelTable,
} from "./forecast-models.ts";
import { addMonths, type MonthlyPoint } from "./monthly-series.ts";

/** One forecast month: the central forecast and the 80% and 95% intervals. */
export interface ForecastPoint {
  month: string;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

/** Tuning of the adaptive ensemble; the defaults are what the docs describe. */
export interface AdaptiveOptions {
  /** Months after which an old error counts half as much when weighting the models. */
  halfLife: number;
  /** How many recent origins feed the weights and the interval quantiles. */
  window: number;
  /** Fewer past errors than this at a horizon and the interval falls back to a random-walk spread. */
  minResiduals: number;
  /** Errors from origins with less history than this are not used for intervals (the members are still warming up). */
  warmUp: number;
  /** Months of log changes that measure the current volatility, which the error quantiles are scaled by. */
  volatilityMonths: number;
  /** Weights are 1 / MSE^power: 2 favours the currently best members more sharply than 1. */
  weightPower: number;
}

export const defaultAdaptiveOptions: AdaptiveOptions = {
  halfLife: 6,
  window: 48,
  minResiduals: 8,
  warmUp: 13,
  volatilityMonths: 9,
  weightPower: 2,
};

/** Interval bounds from every origin, on the model scale. */
export interface AdaptiveTables {
  point: OriginTable;
  lo80: OriginTable;
  hi80: OriginTable;
  lo95: OriginTable;
  hi95: OriginTable;
}

/** Member forecasts of the ensemble, each from every origin. */
export function memberTables(z: Float64Array, H: number): OriginTable[] {
  return [
    naiveTable(z, H),
    recentMeanTable(z, H, 3),
    seasonalNaiveTable(z, H),
    seasonalShapeTable(z, H, 3),
    etsOriginTables(z, H).point,
    momentumTable(z, H, 0.5),
    smoothedLevelTable(z, H, 0.5),
  ];
}

/**
 * The adaptive ensemble from every origin: per horizon, each member is weighted by the inverse of its
 * recency-weighted squared error over the errors already observable at that origin; the interval is the
 * empirical quantiles of the ensemble's own past errors at that horizon.
 */
export function adaptiveTables(z: Float64Array, H: number, options = defaultAdaptiveOptions): AdaptiveTables {
  const members = memberTables(z, H);
  const n = z.length;
  const point: OriginTable = new Array(n + 1);
  for (let T = 1; T <= n; T++) {
    const row = new Float64Array(H);
    for (let h = 1; h <= H; h++) row[h - 1] = combine(members, z, T, h, options);
    point[T] = row;
  }
  return { point, ...intervalTables(point, z, H, options) };
}

function combine(members: OriginTable[], z: Float64Array, T: number, h: number, o: AdaptiveOptions): number {
  let weighted = 0;
  let weights = 0;
  for (const member of members) {
    const forecast = member[T]?.[h - 1];
    if (forecast === undefined) continue;
    const mse = recentMse(member, z, T, h, o);
    if (mse === undefined) continue;
    const w = 1 / (mse + 1e-9) ** o.weightPower;
    weighted += w * forecast;
    weights += w;
  }
  return weights > 0 ? weighted / weights : (z[T - 1] as number);
}

/** Recency-weighted mean squared h-step error of a table over origins whose outcome is known at T. */
export function recentMse(t: OriginTable, z: Float64Array, T: number, h: number, o: AdaptiveOptions) {
  let sum = 0;
  let weights = 0;
  let count = 0;
  const last = T - h;
  for (let s = last; s >= 1 && s > last - o.window; s--) {
    const forecast = t[s]?.[h - 1];
    if (forecast === undefined) continue;
    const w = 0.5 ** ((last - s) / o.halfLife);
    const e = (z[s + h - 1] as number) - forecast;
    sum += w * e * e;
    weights += w;
    count++;
  }
  return count >= 3 ? sum / weights : undefined;
}

function intervalTables(point: OriginTable, z: Float64Array, H: number, o: AdaptiveOptions) {
  const n = z.length;
  const bounds = {
    lo80: [] as OriginTable,
    hi80: [] as OriginTable,
    lo95: [] as OriginTable,
    hi95: [] as OriginTable,
  };
  for (let T = 1; T <= n; T++) {
    const rows = {
      lo80: new Float64Array(H),
      hi80: new Float64Array(H),
      lo95: new Float64Array(H),
      hi95: new Float64Array(H),
    };
    const stepSd = randomWalkSd(z, T);
    for (let h = 1; h <= H; h++) {
      const centre = point[T]?.[h - 1] as number;
      const [q025, q10, q90, q975] =
        errorQuantiles(point, z, T, h, o) ?? normalQuantiles(stepSd * Math.sqrt(h));
      rows.lo80[h - 1] = centre + (q10 as number);
      rows.hi80[h - 1] = centre + (q90 as number);
      rows.lo95[h - 1] = centre + (q025 as number);
      rows.hi95[h - 1] = centre + (q975 as number);
    }
    for (const key of ["lo80", "hi80", "lo95", "hi95"] as const) bounds[key][T] = rows[key];
  }
  return bounds;
}

const probabilities = [0.025, 0.1, 0.9, 0.975];

/**
 * Quantiles of the ensemble's past h-step errors, each divided by the volatility at its origin and multiplied
 * by today's, so a calm spell after a turbulent one narrows the band and a new shock widens it. The levels
 * get the split-conformal finite-sample correction (p·(1 + 1/n)), which matters when few errors are known.
 */
function errorQuantiles(point: OriginTable, z: Float64Array, T: number, h: number, o: AdaptiveOptions) {
  const errors: number[] = [];
  for (let s = T - h; s >= o.warmUp && errors.length < o.window; s--) {
    const forecast = point[s]?.[h - 1];
    if (forecast === undefined) continue;
    errors.push(((z[s + h - 1] as number) - forecast) / localVolatility(z, s, o.volatilityMonths));
  }
  const n = errors.length;
  if (n < o.minResiduals) return undefined;
  errors.sort((a, b) => a - b);
  const now = localVolatility(z, T, o.volatilityMonths);
  const level = (p: number): number =>
    p < 0.5 ? Math.max(0, 1 - (1 - p) * (1 + 1 / n)) : Math.min(1, p * (1 + 1 / n));
  return probabilities.map((p) => quantile(errors, level(p)) * now);
}

/** Root mean square of the last `months` month-on-month changes before T (never zero). */
function localVolatility(z: Float64Array, T: number, months: number): number {
  let sum = 0;
  let count = 0;
  for (let i = Math.max(1, T - months); i < T; i++) {
    sum += ((z[i] as number) - (z[i - 1] as number)) ** 2;
    count++;
  }
  return Math.max(count > 0 ? Math.sqrt(sum / count) : 0, 1e-6);
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/** Root mean square month-on-month change of the first T values (a random walk's step). */
export function randomWalkSd(z: ArrayLike<number>, T: number): number {
  let sum = 0;
  for (let i = 1; i < T; i++) sum += ((z[i] as number) - (z[i - 1] as number)) ** 2;
  return T > 1 ? Math.sqrt(sum / (T - 1)) : 0;
}

function normalQuantiles(sd: number): number[] {
  return [-1.96 * sd, -1.2816 * sd, 1.2816 * sd, 1.96 * sd];
}

/** How values are moved to the model's scale and back: logs for counts, as-is when a value is negative. */
export interface SeriesScale {
  to(value: number): number;
  from(value: number): number;
}

/** The scale for a series: log(1 + y) for non-negative series, identity otherwise. */
export function scaleFor(values: number[]): SeriesScale {
  if (values.every((v) => v >= 0)) return { to: Math.log1p, from: (v) => Math.max(0, Math.expm1(v)) };
  return { to: (v) => v, from: (v) => v };
}

/** Forecasts the `horizon` months after the last point: mean, 80% and 95% intervals (adaptive ensemble). */
export function forecastSeries(
  points: MonthlyPoint[],
  horizon: number,
  options = defaultAdaptiveOptions,
): ForecastPoint[] {
  const last = points.at(-1);
  if (last === undefined) return [];
  const scale = scaleFor(points.map((p) => p.value));
  const z = Float64Array.from(points, (p) => scale.to(p.value));
  const tables = adaptiveTables(z, horizon, options);
  const n = z.length;
  return Array.from({ length: horizon }, (_, i) => ({
    month: addMonths(last.month, i + 1),
    mean: scale.from(tables.point[n]?.[i] as number),
    lo80: scale.from(tables.lo80[n]?.[i] as number),
    hi80: scale.from(tables.hi80[n]?.[i] as number),
    lo95: scale.from(tables.lo95[n]?.[i] as number),
    hi95: scale.from(tables.hi95[n]?.[i] as number),
  }));
}
