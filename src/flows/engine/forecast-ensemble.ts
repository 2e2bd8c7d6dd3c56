import { etsOriginTables } from "./ets-model.ts";
import {
  momentumTable,
  naiveTable,
  type OriginTable,
  recentMeanTable,
  seasonalShapeTable,
  smoothedLevelTable,
} from "./forecast-models.ts";

/**
 * The central forecast: a combination of simple forecasters on the log scale, each weighted per horizon by
 * the inverse square of its recent (recency-weighted) squared error, then pulled towards the last value while
 * few errors are known to judge the members by. Every origin is computed causally in one pass.
 */
export interface EnsembleOptions {
  /** Months after which an old error counts half as much when weighting the members. */
  halfLife: number;
  /** How many recent origins' errors feed the weights. */
  window: number;
  /** Weights are 1 / MSE^power. */
  weightPower: number;
  /**
   * Pull towards the last value: with n member errors known the combination moves n / (n + shrinkErrors) of
   * the way from the last value to the weighted members, so a short or freshly broken history is not bet on.
   */
  shrinkErrors: number;
}

/** Chosen on the tuning set only (ADR 0003): the member weighting of the earlier ensemble plus the pull. */
export const ensembleOptions: EnsembleOptions = { halfLife: 6, window: 48, weightPower: 2, shrinkErrors: 12 };

/** Member forecasts from every origin; seasonal members only for monthly data (`season` 12). */
export function memberTables(z: Float64Array, H: number, season: number): OriginTable[] {
  const members = [
    naiveTable(z, H),
    recentMeanTable(z, H, 3),
    momentumTable(z, H, 0.5),
    momentumTable(z, H, 0.3),
    smoothedLevelTable(z, H, 0.5),
    etsOriginTables(z, H, 1, season).point,
  ];
  if (season === 12) members.push(seasonalShapeTable(z, H, 3));
  return members;
}

/**
 * The combined central forecast from every origin T ≥ 1 (`table[T][h-1]` forecasts `z[T+h-1]`); `members`
 * defaults to `memberTables` (the tuning report passes other sets).
 */
export function ensembleTable(
  z: Float64Array,
  H: number,
  season: number,
  o = ensembleOptions,
  members = memberTables(z, H, season),
): OriginTable {
  const out: OriginTable = new Array(z.length + 1);
  for (let T = 1; T <= z.length; T++) {
    const row = new Float64Array(H);
    for (let h = 1; h <= H; h++) row[h - 1] = combine(members, z, T, h, o);
    out[T] = row;
  }
  return out;
}

function combine(members: OriginTable[], z: Float64Array, T: number, h: number, o: EnsembleOptions): number {
  const last = z[T - 1] as number;
  let [weighted, weights, known] = [0, 0, 0];
  for (const member of members) {
    const forecast = member[T]?.[h - 1];
    if (forecast === undefined) continue;
    const fit = recentError(member, z, T, h, o);
    if (fit === undefined) continue;
    const w = 1 / (fit.mse + 1e-9) ** o.weightPower;
    weighted += w * forecast;
    weights += w;
    known = Math.max(known, fit.count);
  }
  if (weights === 0) return last;
  return last + (known / (known + o.shrinkErrors)) * (weighted / weights - last);
}

/** Recency-weighted mean squared h-step error of a member over the origins whose outcome is known at T. */
function recentError(t: OriginTable, z: Float64Array, T: number, h: number, o: EnsembleOptions) {
  let [sum, weights, count] = [0, 0, 0];
  const newest = T - h;
  for (let s = newest; s >= 1 && s > newest - o.window; s--) {
    const forecast = t[s]?.[h - 1];
    if (forecast === undefined) continue;
    const w = 0.5 ** ((newest - s) / o.halfLife);
    sum += w * ((z[s + h - 1] as number) - forecast) ** 2;
    weights += w;
    count++;
  }
  return count >= 3 ? { mse: sum / weights, count } : undefined;
}
