// The candidate methods the tuning report compares with the ensemble (ADR 0003), as the evaluation runs them.
// Point forecasts only: the candidates were judged on accuracy first, and none earned a band of its own.
import type { EvaluationSeries } from "../src/flows/engine/evaluation-series.ts";
import { scaleFor } from "../src/flows/engine/forecast.ts";
import type { ForecastMethod, OriginBands } from "../src/flows/engine/forecast-band.ts";
import {
  borrowedDriftTable,
  cycleProfile,
  dampedTrendTable,
  medianTable,
  seasonalDriftTable,
  thetaTable,
  weightedTable,
} from "../src/flows/engine/forecast-candidates.ts";
import { ensembleTable, memberTables } from "../src/flows/engine/forecast-ensemble.ts";
import { fitGlobalModel, globalTable } from "../src/flows/engine/forecast-global.ts";
import type { OriginTable } from "../src/flows/engine/forecast-models.ts";

type TableOf = (z: Float64Array, H: number, season: number, periods: readonly string[]) => OriginTable;

// Tables are reused across candidates (the ensemble and its members are the costly part), per series.
const cache = new Map<string, Map<string, unknown>>();

function memo<T>(z: Float64Array, key: string, make: () => T): T {
  const series = z.join(",");
  const tables = cache.get(series) ?? new Map<string, unknown>();
  cache.set(series, tables);
  if (!tables.has(key)) tables.set(key, make());
  return tables.get(key) as T;
}

const members = (z: Float64Array, H: number, season: number) =>
  memo(z, `members|${H}|${season}`, () => memberTables(z, H, season));
const ensemble = (z: Float64Array, H: number, season: number) =>
  memo(z, `ensemble|${H}|${season}`, () => ensembleTable(z, H, season, undefined, members(z, H, season)));

/** A method from a log-scale point table: every bound is the point (only its accuracy is compared). */
function pointMethod(name: string, tableOf: TableOf): ForecastMethod {
  return {
    name,
    run(values, H, season, first, periods = []) {
      const scale = scaleFor(values);
      const z = Float64Array.from(values, scale.to);
      const table = memo(z, `${name}|${H}`, () => tableOf(z, H, season, periods));
      const out: OriginBands = new Array(values.length + 1);
      for (let T = first; T <= values.length; T++) {
        const row = table[T];
        if (row === undefined) continue;
        const point = Float64Array.from(row, scale.from);
        out[T] = { point, lo80: point, hi80: point, lo95: point, hi95: point };
      }
      return out;
    },
  };
}

const calendarMonth = (periods: readonly string[]) => (i: number) => Number(periods[i]?.slice(5, 7)) - 1;

/**
 * The aggregate's seasonal profile known at each date: the demeaned mean log change by calendar month of the
 * Southwest Border Patrol series over the ten years up to that month (nothing later).
 */
function aggregateProfiles(aggregate: EvaluationSeries): (until: string) => number[] | undefined {
  const z = aggregate.values.map(Math.log1p);
  const phase = calendarMonth(aggregate.periods);
  const known = new Map<string, number[] | undefined>();
  return (until) => {
    if (!known.has(until)) {
      const end = aggregate.periods.filter((p) => p <= until).length;
      known.set(until, end > 24 ? cycleProfile(z, end - 120, end, phase).profile : undefined);
    }
    return known.get(until);
  };
}

const extendedMembers = (z: Float64Array, H: number, season: number): OriginTable[] =>
  memo(z, `extended|${H}|${season}`, () => [
    ...members(z, H, season),
    thetaTable(z, H),
    dampedTrendTable(z, H),
    seasonalDriftTable(z, H, 5, 5),
  ]);

/** The candidates, each named as the report prints it. `aggregate` is the tuning part of the Southwest BP series. */
export function candidateMethods(
  aggregate: EvaluationSeries,
  weights?: number[][],
  global?: Float64Array[],
): ForecastMethod[] {
  const profiles = aggregateProfiles(aggregate);
  const methods = [
    pointMethod("seasonal drift", (z, H) => seasonalDriftTable(z, H, 5, 5)),
    pointMethod("aggregate season", (z, H, _s, periods) =>
      borrowedDriftTable(z, H, (t) => profiles(periods[t - 1] ?? ""), calendarMonth(periods), 0.5),
    ),
    pointMethod("theta", (z, H) => thetaTable(z, H)),
    pointMethod("damped trend", (z, H) => dampedTrendTable(z, H)),
    pointMethod("median of models", (z, H, season) =>
      medianTable(
        [
          ...extendedMembers(z, H, season).slice(0, 1),
          ...extendedMembers(z, H, season).slice(-3),
          ensemble(z, H, season),
        ],
        z,
        H,
      ),
    ),
    pointMethod("ensemble + 3 members", (z, H, season) =>
      ensembleTable(z, H, season, undefined, extendedMembers(z, H, season)),
    ),
  ];
  if (global)
    methods.push(
      pointMethod("global model", (z, H) => globalTable(z, H, global)),
      pointMethod("global + ensemble", (z, H, season) => {
        const [g, e] = [globalTable(z, H, global), ensemble(z, H, season)];
        return e.map((row, t) => {
          const other = g[t];
          return row && other ? row.map((v, i) => (v + (other[i] as number)) / 2) : undefined;
        });
      }),
    );
  if (weights)
    methods.push(
      pointMethod("fixed weights", (z, H, season) =>
        weightedTable(extendedMembers(z, H, season), weights, z, H),
      ),
    );
  return methods;
}

/**
 * Weights per horizon for the extended members, each 1 / its mean squared log error over the tuning forecasts
 * of `series` (every series counting the same), normalised to add to one.
 */
export function inverseMseWeights(
  series: EvaluationSeries[],
  H: number,
  first: (s: EvaluationSeries) => number,
) {
  const sums: number[][] = [];
  for (const s of series) {
    const z = Float64Array.from(s.values, Math.log1p);
    extendedMembers(z, H, 12).forEach((table, k) => {
      const row = sums[k] ?? new Array<number>(H).fill(0);
      sums[k] = row;
      for (let h = 1; h <= H; h++) {
        let [sum, n] = [0, 0];
        for (let T = first(s); T + h - 1 < z.length; T++) {
          const f = table[T]?.[h - 1];
          if (f === undefined) continue;
          [sum, n] = [sum + ((z[T + h - 1] as number) - f) ** 2, n + 1];
        }
        if (n > 0) row[h - 1] = (row[h - 1] as number) + sum / n / series.length;
      }
    });
  }
  const inverse = sums.map((row) => row.map((mse) => (mse > 0 ? 1 / mse : 0)));
  return inverse.map((row) =>
    row.map((w, h) => w / inverse.reduce((total, r) => total + (r[h] as number), 0)),
  );
}

/** The first month whose outcomes the global model may not learn from: the tuning report scores it after. */
export const globalLearnsBefore = "2015-10";

/**
 * The global model's coefficients, learned from outcomes before `globalLearnsBefore` only, so the report's
 * windows starting FY2016 and the evaluated series' tuning part (FY2020 on) are out of its sample.
 */
export function globalCoefficients(series: EvaluationSeries[], H: number): Float64Array[] {
  return fitGlobalModel(
    series.map((s) => ({
      z: Float64Array.from(s.values, Math.log1p),
      learn: (t: number, h: number) => (s.periods[t + h - 1] ?? "") < globalLearnsBefore,
    })),
    H,
  );
}
