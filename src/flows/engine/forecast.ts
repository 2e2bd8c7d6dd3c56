import { type Band, emptyBand, type ForecastMethod, type OriginBands } from "./forecast-band.ts";
import type { Calibration } from "./forecast-calibration.ts";
import { ensembleTable } from "./forecast-ensemble.ts";
import { bandOffsets, calibrationFor, plausibleCeiling } from "./forecast-interval.ts";
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

/** How values are moved to the model's scale and back: logs for counts, as-is when a value is negative. */
export interface SeriesScale {
  log: boolean;
  to(value: number): number;
  from(value: number): number;
}

/** The scale for a series: log(1 + y) for non-negative series, identity otherwise. */
export function scaleFor(values: number[]): SeriesScale {
  if (values.every((v) => v >= 0))
    return { log: true, to: Math.log1p, from: (v) => Math.max(0, Math.expm1(v)) };
  return { log: false, to: (v) => v, from: (v) => v };
}

/**
 * Bands from every origin T ≥ first (`bands[T]` made from the first T values): the ensemble's central
 * forecast, bounds from the calibrated standardised errors, upper bounds kept under the plausible ceiling.
 */
export function forecastBands(values: number[], H: number, season: number, first = 1): OriginBands {
  const scale = scaleFor(values);
  const z = Float64Array.from(values, scale.to);
  const centre = ensembleTable(z, H, season);
  const calibration = calibrationFor(season);
  const out: OriginBands = new Array(values.length + 1);
  for (let T = Math.max(1, first); T <= values.length; T++) {
    out[T] = bandAt(z, T, centre[T] as Float64Array, calibration, scale);
  }
  return out;
}

function bandAt(z: Float64Array, T: number, centre: Float64Array, c: Calibration, scale: SeriesScale): Band {
  const H = centre.length;
  const band = emptyBand(H);
  const ceiling = scale.log ? plausibleCeiling(z, T, c) : Number.POSITIVE_INFINITY;
  for (let h = 1; h <= H; h++) {
    const point = Math.min(centre[h - 1] as number, ceiling);
    const [q025, q10, q90, q975] = bandOffsets(z, T, h, c) as [number, number, number, number];
    const upper = (q: number) => Math.max(point, Math.min(point + q, ceiling));
    band.point[h - 1] = scale.from(point);
    band.lo80[h - 1] = scale.from(Math.min(point, point + q10));
    band.hi80[h - 1] = scale.from(upper(q90));
    band.lo95[h - 1] = scale.from(Math.min(point + q10, point + q025));
    band.hi95[h - 1] = scale.from(Math.max(upper(q90), upper(q975)));
  }
  return band;
}

/** Our method as the evaluation runs it. */
export const ensembleMethod: ForecastMethod = { name: "ensemble", run: forecastBands };

/** Forecasts the `horizon` months after the last point: mean, 80% and 95% intervals. */
export function forecastSeries(points: MonthlyPoint[], horizon: number): ForecastPoint[] {
  const last = points.at(-1);
  if (last === undefined) return [];
  const values = points.map((p) => p.value);
  const band = forecastBands(values, horizon, 12, values.length)[values.length] as Band;
  return Array.from({ length: horizon }, (_, i) => ({
    month: addMonths(last.month, i + 1),
    mean: band.point[i] as number,
    lo80: band.lo80[i] as number,
    hi80: band.hi80[i] as number,
    lo95: band.lo95[i] as number,
    hi95: band.hi95[i] as number,
  }));
}
