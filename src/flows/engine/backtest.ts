import { etsOriginTables } from "./ets-model.ts";
import { forecastBands, scaleFor } from "./forecast.ts";
import { rmsStep } from "./forecast-anchors.ts";
import { type OriginTable, seasonalNaiveTable } from "./forecast-models.ts";
import type { MonthlyPoint } from "./monthly-series.ts";

/** The methods a backtest compares: ours and the three anchors. */
export const backtestMethods = ["ensemble", "naive", "seasonal_naive", "ets"] as const;
export type BacktestMethod = (typeof backtestMethods)[number];

/** Accuracy of one method at one horizon over every rolling origin. */
export interface BacktestRow {
  horizon: number;
  method: BacktestMethod;
  /** Forecasts scored (origins). */
  origins: number;
  /** Mean absolute percentage error, in percent (months with an outcome of zero are left out). */
  mape: number;
  /** Mean absolute error scaled by the in-sample one-step naive error at each origin. */
  mase: number;
  /** Share of outcomes inside the 80% interval, in percent. */
  coverage80: number;
  coverage95: number;
}

/** Forecasts of a method from every origin, on the data's own scale. */
interface MethodTables {
  point: OriginTable;
  lo80: OriginTable;
  hi80: OriginTable;
  lo95: OriginTable;
  hi95: OriginTable;
}

/** The default first origin: two years, or less for a short series so at least 6 forecasts are scored. */
export function defaultMinTrain(length: number, maxHorizon: number): number {
  return Math.max(6, Math.min(24, length - maxHorizon - 5));
}

/**
 * Rolling-origin backtest: from every origin T ≥ minTrain each method sees only the first T months and
 * forecasts horizons h; the outcome T+h is scored. Returns one row per horizon and method.
 */
export function backtestSeries(points: MonthlyPoint[], horizons: number[], minTrain?: number): BacktestRow[] {
  const y = points.map((p) => p.value);
  const H = Math.max(...horizons);
  const start = minTrain ?? defaultMinTrain(y.length, H);
  const tables: Record<BacktestMethod, MethodTables> = {
    ensemble: ensembleLevelTables(y, H),
    naive: naiveTables(y, H),
    seasonal_naive: seasonalNaiveTables(y, H),
    ets: etsLevelTables(y, H),
  };
  return horizons.flatMap((h) => backtestMethods.map((method) => score(tables[method], y, h, start, method)));
}

function score(t: MethodTables, y: number[], h: number, start: number, method: BacktestMethod): BacktestRow {
  let ape = 0;
  let apeCount = 0;
  let ase = 0;
  let in80 = 0;
  let in95 = 0;
  let origins = 0;
  for (let T = start; T + h - 1 < y.length; T++) {
    const actual = y[T + h - 1] as number;
    const forecast = t.point[T]?.[h - 1] as number;
    const error = Math.abs(actual - forecast);
    if (actual !== 0) {
      ape += error / Math.abs(actual);
      apeCount++;
    }
    ase += error / Math.max(meanAbsoluteStep(y, T), 1e-9);
    if (actual >= (t.lo80[T]?.[h - 1] as number) && actual <= (t.hi80[T]?.[h - 1] as number)) in80++;
    if (actual >= (t.lo95[T]?.[h - 1] as number) && actual <= (t.hi95[T]?.[h - 1] as number)) in95++;
    origins++;
  }
  const share = (k: number): number => (origins > 0 ? (100 * k) / origins : Number.NaN);
  return {
    horizon: h,
    method,
    origins,
    mape: apeCount > 0 ? (100 * ape) / apeCount : Number.NaN,
    mase: origins > 0 ? ase / origins : Number.NaN,
    coverage80: share(in80),
    coverage95: share(in95),
  };
}

/** Mean absolute month-on-month change of the first T values: the MASE scale at origin T. */
export function meanAbsoluteStep(y: ArrayLike<number>, T: number): number {
  let sum = 0;
  for (let i = 1; i < T; i++) sum += Math.abs((y[i] as number) - (y[i - 1] as number));
  return T > 1 ? sum / (T - 1) : 0;
}

function mapTable(t: OriginTable, f: (v: number, T: number, h: number) => number): OriginTable {
  return t.map((row, T) => row?.map((v, i) => f(v, T, i + 1)));
}

function ensembleLevelTables(y: number[], H: number): MethodTables {
  const bands = forecastBands(y, H, 12);
  const pick = (key: "point" | "lo80" | "hi80" | "lo95" | "hi95"): OriginTable => bands.map((b) => b?.[key]);
  return {
    point: pick("point"),
    lo80: pick("lo80"),
    hi80: pick("hi80"),
    lo95: pick("lo95"),
    hi95: pick("hi95"),
  };
}

/** Normal intervals around a point table given the spread at each origin and horizon. */
function normalBands(point: OriginTable, sd: (T: number, h: number) => number): MethodTables {
  const band = (k: number) => mapTable(point, (v, T, h) => v + k * sd(T, h));
  return { point, lo80: band(-1.2816), hi80: band(1.2816), lo95: band(-1.96), hi95: band(1.96) };
}

function naiveTables(y: number[], H: number): MethodTables {
  const point: OriginTable = y.map((_, i) => new Float64Array(H).fill(y[i] as number));
  point.unshift(undefined);
  return normalBands(point, (T, h) => rmsStep(y.slice(0, T)) * Math.sqrt(h));
}

function seasonalNaiveTables(y: number[], H: number): MethodTables {
  const sd = (T: number, h: number): number => {
    if (T <= 12) return rmsStep(y.slice(0, T)) * Math.sqrt(h);
    let sum = 0;
    for (let i = 12; i < T; i++) sum += ((y[i] as number) - (y[i - 12] as number)) ** 2;
    return Math.sqrt(sum / (T - 12)) * Math.sqrt(Math.ceil(h / 12));
  };
  return normalBands(seasonalNaiveTable(y, H), sd);
}

function etsLevelTables(y: number[], H: number): MethodTables {
  const scale = scaleFor(y);
  const ets = etsOriginTables(Float64Array.from(y, scale.to), H);
  const band = (k: number) => mapTable(ets.point, (v, T, h) => scale.from(v + k * (ets.sd[T]?.[h - 1] ?? 0)));
  return {
    point: mapTable(ets.point, scale.from),
    lo80: band(-1.2816),
    hi80: band(1.2816),
    lo95: band(-1.96),
    hi95: band(1.96),
  };
}
