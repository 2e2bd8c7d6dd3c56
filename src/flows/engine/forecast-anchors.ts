import { etsOriginTables } from "./ets-model.ts";
import {
  type Band,
  emptyBand,
  type ForecastMethod,
  fromLog,
  type OriginBands,
  perOrigin,
  quantileOf,
  toLog,
  z80,
  z95,
} from "./forecast-band.ts";

/**
 * The anchors every forecast is judged beside, each on the log scale like ours: naive (last value, band from
 * the series' own past h-step changes), seasonal naive, damped Holt-Winters (ETS) and ARIMA(1,1,0).
 */

/** Past h-step log changes fewer than this and the naive band falls back to a random walk's normal band. */
const minChanges = 8;

/** The last value, with the empirical quantiles of every past h-step log change as its band. */
export function naiveBand(history: number[], H: number): Band {
  const z = history.map(toLog);
  const T = z.length;
  const last = z[T - 1] as number;
  const out = emptyBand(H);
  const step = rmsStep(z);
  for (let h = 1; h <= H; h++) {
    const changes: number[] = [];
    for (let t = h; t < T; t++) changes.push((z[t] as number) - (z[t - h] as number));
    changes.sort((a, b) => a - b);
    const q = (p: number, k: number): number =>
      changes.length >= minChanges ? quantileOf(changes, p) : k * step * Math.sqrt(h);
    out.point[h - 1] = fromLog(last);
    out.lo80[h - 1] = fromLog(last + q(0.1, -z80));
    out.hi80[h - 1] = fromLog(last + q(0.9, z80));
    out.lo95[h - 1] = fromLog(last + q(0.025, -z95));
    out.hi95[h - 1] = fromLog(last + q(0.975, z95));
  }
  return out;
}

/** Root mean square of the one-step changes (the spread of a random walk's step). */
export function rmsStep(z: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 1; i < z.length; i++) sum += ((z[i] as number) - (z[i - 1] as number)) ** 2;
  return z.length > 1 ? Math.sqrt(sum / (z.length - 1)) : 0;
}

/** Normal band on the log scale around log-scale centres with log-scale standard deviations. */
function normalBand(centre: ArrayLike<number>, sd: ArrayLike<number>): Band {
  const out = emptyBand(centre.length);
  for (let i = 0; i < centre.length; i++) {
    const [c, s] = [centre[i] as number, sd[i] as number];
    out.point[i] = fromLog(c);
    out.lo80[i] = fromLog(c - z80 * s);
    out.hi80[i] = fromLog(c + z80 * s);
    out.lo95[i] = fromLog(c - z95 * s);
    out.hi95[i] = fromLog(c + z95 * s);
  }
  return out;
}

/** The same month a year before; its band from the spread of past seasonal differences. */
export function seasonalNaiveBand(history: number[], H: number, season: number): Band {
  const z = history.map(toLog);
  const T = z.length;
  if (season <= 1 || T <= season) return naiveBand(history, H);
  const centre = new Float64Array(H);
  const sd = new Float64Array(H);
  let sum = 0;
  for (let i = season; i < T; i++) sum += ((z[i] as number) - (z[i - season] as number)) ** 2;
  const spread = Math.sqrt(sum / (T - season));
  for (let h = 1; h <= H; h++) {
    centre[h - 1] = z[T - 1 + h - season * Math.ceil(h / season)] as number;
    sd[h - 1] = spread * Math.sqrt(Math.ceil(h / season));
  }
  return normalBand(centre, sd);
}

/**
 * ARIMA(1,1,0) on the log scale without drift: the next change is φ times the last one, φ fitted by least
 * squares on the changes seen so far (kept inside ±0.95); the band from the ψ-weights of the model.
 */
export function arimaBand(history: number[], H: number): Band {
  const z = history.map(toLog);
  const T = z.length;
  const d = Array.from({ length: T - 1 }, (_, i) => (z[i + 1] as number) - (z[i] as number));
  let [num, den] = [0, 0];
  for (let i = 1; i < d.length; i++) {
    num += (d[i] as number) * (d[i - 1] as number);
    den += (d[i - 1] as number) ** 2;
  }
  const phi = den > 0 ? Math.max(-0.95, Math.min(0.95, num / den)) : 0;
  let sse = 0;
  for (let i = 1; i < d.length; i++) sse += ((d[i] as number) - phi * (d[i - 1] as number)) ** 2;
  const sigma = d.length > 2 ? Math.sqrt(sse / (d.length - 2)) : rmsStep(z);
  const centre = new Float64Array(H);
  const sd = new Float64Array(H);
  let [level, change, psi, variance] = [z[T - 1] as number, (d.at(-1) ?? 0) as number, 1, 0];
  for (let h = 1; h <= H; h++) {
    change *= phi;
    level += change;
    centre[h - 1] = level;
    variance += psi * psi;
    psi = psi * phi + 1;
    sd[h - 1] = sigma * Math.sqrt(variance);
  }
  return normalBand(centre, sd);
}

/** Damped additive Holt-Winters on logs, refitted by grid search at every origin, analytic band. */
function etsBands(values: number[], H: number, season: number, first: number): OriginBands {
  const ets = etsOriginTables(values.map(toLog), H, 1, season);
  const out: OriginBands = new Array(values.length + 1);
  for (let T = Math.max(3, first); T <= values.length; T++) {
    const [point, sd] = [ets.point[T], ets.sd[T]];
    if (point && sd) out[T] = normalBand(point, sd);
  }
  return out;
}

/** The anchors, in the order the evaluation prints them. */
export const anchorMethods: ForecastMethod[] = [
  perOrigin("naive", naiveBand),
  perOrigin("seasonal_naive", seasonalNaiveBand),
  { name: "ets", run: etsBands },
  perOrigin("arima", arimaBand),
];
