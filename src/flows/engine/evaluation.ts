import type { EvaluationSeries } from "./evaluation-series.ts";
import type { Band, ForecastMethod, OriginBands } from "./forecast-band.ts";

/**
 * The rolling-origin protocol. Every series is cut in time once, before anything is chosen: a forecast whose
 * target period is on or before the cut belongs to the tuning set; a forecast made after the cut (its first
 * forecast period lies after it) belongs to the evaluation set. Forecasts straddling the cut belong to
 * neither, so no evaluated outcome was ever seen while tuning.
 */
export interface Split {
  /** Last period of the tuning set for monthly series (`YYYY-MM`). */
  month: string;
  /** Last period of the tuning set for yearly series (`YYYY`). */
  year: string;
}

/** The split fixed before any method was chosen (see ADR 0003): FY2020–FY2021 tune, FY2022–FY2023 report. */
export const evaluationSplit: Split = { month: "2021-09", year: "2015" };

export type EvaluationSet = "tuning" | "evaluation";

/** Accuracy of one method on one series at one horizon over one set of forecasts. */
export interface SeriesScore {
  series: string;
  method: string;
  horizon: number;
  forecasts: number;
  mae: number;
  /** MAE divided by the in-sample one-step naive MAE of the periods up to the cut. */
  mase: number;
  /** MAE divided by the in-sample seasonal-naive MAE up to the cut (the naive scale for yearly series). */
  maseSeasonal: number;
  covered80: number;
  covered95: number;
  /** Mean width of the 80% and 95% bands. */
  width80: number;
  width95: number;
}

/** Least history (periods) before a forecast is made: a year of months, five years. */
export const minHistory = { month: 12, year: 5 } as const;

/** Scores every method on every series at every horizon, for one set of forecasts. */
export function evaluate(
  series: EvaluationSeries[],
  methods: ForecastMethod[],
  horizons: number[],
  set: EvaluationSet,
  split = evaluationSplit,
): SeriesScore[] {
  const H = Math.max(...horizons);
  return series.flatMap((s) => {
    const season = s.grain === "month" ? 12 : 1;
    const cut = s.grain === "month" ? split.month : split.year;
    const cutIndex = lastIndexAtOrBefore(s.periods, cut);
    const scales = inSampleScales(s.values, cutIndex + 1, season);
    return methods.flatMap((m) => {
      const bands = m.run(s.values, H, season, firstOriginOf(s), s.periods);
      return horizons.map((h) => score(s, m.name, bands, h, set, cutIndex, scales));
    });
  });
}

/** The first origin scored for a series. */
export function firstOriginOf(s: EvaluationSeries): number {
  return s.firstOrigin ?? minHistory[s.grain];
}

/** Index of the last period on or before the cut (-1: none). */
export function lastIndexAtOrBefore(periods: string[], cut: string): number {
  let at = -1;
  periods.forEach((p, i) => {
    if (p <= cut) at = i;
  });
  return at;
}

/** Origins T (values seen) whose h-step forecast belongs to the set. */
export function originsOf(
  length: number,
  h: number,
  set: EvaluationSet,
  cutIndex: number,
  first: number,
): number[] {
  const out: number[] = [];
  for (let T = first; T + h - 1 < length; T++) {
    const target = T + h - 1;
    if (set === "tuning" ? target <= cutIndex : T > cutIndex) out.push(T);
  }
  return out;
}

function inSampleScales(values: number[], upTo: number, season: number): { naive: number; seasonal: number } {
  const meanAbs = (lag: number): number => {
    let [sum, n] = [0, 0];
    for (let i = lag; i < upTo; i++) {
      sum += Math.abs((values[i] as number) - (values[i - lag] as number));
      n++;
    }
    return n > 0 ? Math.max(sum / n, 1e-9) : Number.NaN;
  };
  const naive = meanAbs(1);
  const seasonal = season > 1 ? meanAbs(season) : naive;
  return { naive, seasonal: Number.isNaN(seasonal) ? naive : seasonal };
}

function score(
  s: EvaluationSeries,
  method: string,
  bands: OriginBands,
  h: number,
  set: EvaluationSet,
  cutIndex: number,
  scales: { naive: number; seasonal: number },
): SeriesScore {
  const acc = { n: 0, ae: 0, in80: 0, in95: 0, w80: 0, w95: 0 };
  for (const T of originsOf(s.values.length, h, set, cutIndex, firstOriginOf(s))) {
    const band = bands[T];
    if (band === undefined) continue;
    const actual = s.values[T + h - 1] as number;
    const at = (b: Band, key: keyof Band) => b[key][h - 1] as number;
    acc.n++;
    acc.ae += Math.abs(actual - at(band, "point"));
    if (actual >= at(band, "lo80") && actual <= at(band, "hi80")) acc.in80++;
    if (actual >= at(band, "lo95") && actual <= at(band, "hi95")) acc.in95++;
    acc.w80 += at(band, "hi80") - at(band, "lo80");
    acc.w95 += at(band, "hi95") - at(band, "lo95");
  }
  const mean = (v: number) => (acc.n > 0 ? v / acc.n : Number.NaN);
  const mae = mean(acc.ae);
  return {
    series: s.id,
    method,
    horizon: h,
    forecasts: acc.n,
    mae,
    mase: mae / scales.naive,
    maseSeasonal: mae / scales.seasonal,
    covered80: acc.in80,
    covered95: acc.in95,
    width80: mean(acc.w80),
    width95: mean(acc.w95),
  };
}

/** Scores of every method at one horizon pooled over series, each compared with the naive anchor. */
export interface PooledScore {
  method: string;
  horizon: number;
  series: number;
  forecasts: number;
  /** Geometric mean over series of MAE / naive MAE (the relative MAE of Davydenko and Fildes). */
  relativeMae: number;
  /** The same against seasonal naive. */
  relativeMaeSeasonal: number;
  /** Arithmetic mean of the series' MASE. */
  mase: number;
  coverage80: number;
  coverage95: number;
  /** Geometric mean over series of the mean 80% / 95% width divided by the naive anchor's. */
  relativeWidth80: number;
  relativeWidth95: number;
  /** The largest MAE / naive MAE of any one series, and which. */
  worstRatio: number;
  worstSeries: string;
}

/** Pools per-series scores by method and horizon (series with no forecast at that horizon are left out). */
export function pool(scores: SeriesScore[], naive = "naive", seasonal = "seasonal_naive"): PooledScore[] {
  const find = (m: string, s: string, h: number) =>
    scores.find((x) => x.method === m && x.series === s && x.horizon === h);
  const keys = [...new Set(scores.map((x) => `${x.horizon}|${x.method}`))];
  return keys.map((key) => {
    const [hText, method] = key.split("|") as [string, string];
    const horizon = Number(hText);
    const rows = scores.filter((x) => x.method === method && x.horizon === horizon && x.forecasts > 0);
    const ratio = (x: SeriesScore, anchor: string, pick: (s: SeriesScore) => number) =>
      pick(x) / pick(find(anchor, x.series, horizon) ?? x);
    const ratios = rows.map((x) => ratio(x, naive, (s) => s.mae));
    const worst = ratios.reduce((w, r, i) => (r > w.r ? { r, i } : w), { r: -Infinity, i: -1 });
    const forecasts = rows.reduce((n, x) => n + x.forecasts, 0);
    return {
      method,
      horizon,
      series: rows.length,
      forecasts,
      relativeMae: geometricMean(ratios),
      relativeMaeSeasonal: geometricMean(rows.map((x) => ratio(x, seasonal, (s) => s.mae))),
      mase: rows.reduce((n, x) => n + x.mase, 0) / rows.length,
      coverage80: rows.reduce((n, x) => n + x.covered80, 0) / forecasts,
      coverage95: rows.reduce((n, x) => n + x.covered95, 0) / forecasts,
      relativeWidth80: geometricMean(rows.map((x) => ratio(x, naive, (s) => s.width80))),
      relativeWidth95: geometricMean(rows.map((x) => ratio(x, naive, (s) => s.width95))),
      worstRatio: worst.r,
      worstSeries: rows[worst.i]?.series ?? "",
    };
  });
}

function geometricMean(xs: number[]): number {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  return ok.length > 0 ? Math.exp(ok.reduce((s, x) => s + Math.log(x), 0) / ok.length) : Number.NaN;
}

/**
 * The hindsight bound: for each series, the smallest MAE / naive MAE of any of `methods` (naive itself
 * included, so never above 1), as a geometric mean over series. No causal method that picks or combines these
 * can be expected to reach it; if even it misses a target, the target is out of these methods' reach.
 */
export function hindsightBest(
  scores: SeriesScore[],
  methods: string[],
  horizon: number,
  naive = "naive",
): number {
  const at = scores.filter((x) => x.horizon === horizon && x.forecasts > 0);
  const ratios = [...new Set(at.map((x) => x.series))].map((series) => {
    const anchor = at.find((x) => x.series === series && x.method === naive)?.mae ?? Number.NaN;
    const own = at
      .filter((x) => x.series === series && methods.includes(x.method))
      .map((x) => x.mae / anchor);
    return Math.min(1, ...own.filter(Number.isFinite));
  });
  return geometricMean(ratios);
}

/**
 * Share of a set's h-step outcomes above `capRatio` times the largest value seen before their origin: what the
 * plausible ceiling costs in coverage at most (an outcome above it is outside every band). `history` keeps the
 * origins with that many values seen (from, to).
 */
export function shareAboveCeiling(
  series: EvaluationSeries[],
  h: number,
  set: EvaluationSet,
  capRatio: number,
  split = evaluationSplit,
  history: readonly [number, number] = [0, Number.POSITIVE_INFINITY],
): { above: number; outcomes: number } {
  let [above, outcomes] = [0, 0];
  for (const s of series) {
    const cutIndex = lastIndexAtOrBefore(s.periods, s.grain === "month" ? split.month : split.year);
    for (const T of originsOf(s.values.length, h, set, cutIndex, firstOriginOf(s))) {
      if (T < history[0] || T >= history[1]) continue;
      // On the scale the engine caps on: log(1 + y) above log(1 + largest) + log(capRatio).
      const highest = Math.max(...s.values.slice(0, T));
      if (Math.log1p(s.values[T + h - 1] as number) > Math.log1p(highest) + Math.log(capRatio)) above++;
      outcomes++;
    }
  }
  return { above, outcomes };
}
