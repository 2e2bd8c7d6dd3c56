import {
  advanceEts,
  type EtsParams,
  type EtsState,
  etsForecast,
  etsSpread,
  initialEtsState,
  type OriginTable,
} from "./forecast-models.ts";

const alphas = [0.1, 0.3, 0.5, 0.7, 0.9, 0.99];
const betas = [0, 0.03, 0.1, 0.2];
const gammas = [0, 0.1, 0.25];
const phis = [0.8, 0.9, 0.98];

/** The least history for a seasonal fit (two years to separate level, trend and season, plus a few checks). */
export const seasonalMinimum = 27;

/** A fitted model: its weights and its state after the data it saw. */
export interface EtsFit {
  params: EtsParams;
  state: EtsState;
}

/**
 * Fits additive damped-trend exponential smoothing (seasonal once 27 months are known) to `z[0..T)` by a grid
 * search on the one-step squared error. A grid rather than a numerical optimiser: it cannot diverge, it is fast
 * for these lengths, and it keeps the damping and smoothing inside sensible bounds.
 */
export function fitEts(z: ArrayLike<number>, T: number, allowSeasonal = true): EtsFit {
  const seasonal = allowSeasonal && T >= seasonalMinimum;
  let best: EtsFit | undefined;
  for (const alpha of alphas) {
    for (const beta of betas) {
      if (beta > alpha) continue;
      for (const gamma of seasonal ? gammas : [0]) {
        if (gamma > 1 - alpha) continue;
        for (const phi of phis) {
          const params = { alpha, beta, gamma, phi, seasonal };
          const state = initialEtsState(z, seasonal);
          advanceEts(state, z, T, params);
          if (best === undefined || state.sse < best.state.sse) best = { params, state };
        }
      }
    }
  }
  return best as EtsFit;
}

/** ETS point forecasts and their standard deviations from every origin (`table[t]`, t ≥ 3 observations). */
export interface EtsTables {
  point: OriginTable;
  sd: OriginTable;
}

/**
 * Runs the ETS anchor from every origin without looking ahead: it refits at the first origin, whenever the
 * seasonal form becomes possible and every `refitEvery` origins, and otherwise updates its state one month.
 * `season` 12 allows the monthly seasonal form; any other value (yearly data) keeps the model non-seasonal.
 */
export function etsOriginTables(z: ArrayLike<number>, H: number, refitEvery = 1, season = 12): EtsTables {
  const allowSeasonal = season === 12;
  const n = z.length;
  const point: OriginTable = new Array(n + 1);
  const sd: OriginTable = new Array(n + 1);
  let fit: EtsFit | undefined;
  let fittedAt = 0;
  for (let T = 3; T <= n; T++) {
    const seasonalNow = allowSeasonal && T >= seasonalMinimum;
    if (fit === undefined || T - fittedAt >= refitEvery || fit.params.seasonal !== seasonalNow) {
      fit = fitEts(z, T, allowSeasonal);
      fittedAt = T;
    } else advanceEts(fit.state, z, T, fit.params);
    const row = new Float64Array(H);
    etsForecast(fit.state, fit.params, row);
    point[T] = row;
    const sigma = Math.sqrt(fit.state.sse / Math.max(1, fit.state.steps));
    sd[T] = etsSpread(fit.params, H).map((m) => m * sigma);
  }
  return { point, sd };
}
