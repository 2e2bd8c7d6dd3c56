/**
 * What every forecasting method of the evaluation returns for one origin: the central forecast and the 80% and
 * 95% bounds for horizons 1..H, on the data's own scale.
 */
export interface Band {
  point: Float64Array;
  lo80: Float64Array;
  hi80: Float64Array;
  lo95: Float64Array;
  hi95: Float64Array;
}

/** Forecasts from every origin: `bands[T]` was made having seen the first T values (undefined: not made). */
export type OriginBands = (Band | undefined)[];

/** A forecasting method as the evaluation runs it: causal, from every origin from `first` on. */
export interface ForecastMethod {
  name: string;
  /**
   * `season` is 12 for monthly series and 1 for yearly ones (no seasonal pattern); `periods` (the values'
   * months or years) only for methods that borrow from a calendar.
   */
  run(values: number[], H: number, season: number, first: number, periods?: readonly string[]): OriginBands;
}

/** A band of H months, every bound zero. */
export function emptyBand(H: number): Band {
  return {
    point: new Float64Array(H),
    lo80: new Float64Array(H),
    hi80: new Float64Array(H),
    lo95: new Float64Array(H),
    hi95: new Float64Array(H),
  };
}

/** A method that forecasts from one history at a time, run from every origin. */
export function perOrigin(
  name: string,
  forecast: (history: number[], H: number, season: number) => Band,
): ForecastMethod {
  return {
    name,
    run(values, H, season, first) {
      const out: OriginBands = new Array(values.length + 1);
      for (let T = Math.max(2, first); T <= values.length; T++)
        out[T] = forecast(values.slice(0, T), H, season);
      return out;
    },
  };
}

/** log(1 + y): the scale counts are modelled on (so a ratio is a distance and zero stays finite). */
export const toLog = (y: number): number => Math.log1p(Math.max(0, y));
/** Back from the log scale to counts, never below zero. */
export const fromLog = (z: number): number => Math.max(0, Math.expm1(z));

/** Normal quantiles used where a band is analytic: 10%/90% and 2.5%/97.5%. */
export const z80 = 1.2816;
export const z95 = 1.96;

/** Linear-interpolated quantile of sorted values. */
export function quantileOf(sorted: ArrayLike<number>, p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}
