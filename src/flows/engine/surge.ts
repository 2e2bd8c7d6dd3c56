import { forecastBands } from "./forecast.ts";
import { addMonths, type MonthlyPoint } from "./monthly-series.ts";

/** A month well above the same month a year before. */
export interface YearOverYearSurge {
  month: string;
  value: number;
  yearBefore: number;
  /** value / yearBefore (Infinity when the year before was zero). */
  ratio: number;
}

/** Thresholds of a year-over-year surge: both must be passed. */
export interface SurgeThresholds {
  /** The value must be at least this multiple of the same month a year before. */
  ratio: number;
  /** …and exceed it by at least this many, so tiny series do not raise alarms. */
  minDelta: number;
}

export const defaultSurgeThresholds: SurgeThresholds = { ratio: 1.5, minDelta: 500 };

/** Months whose value exceeds the same month a year earlier by `ratio` and by at least `minDelta`. */
export function findYearOverYearSurges(
  series: MonthlyPoint[],
  thresholds: SurgeThresholds = defaultSurgeThresholds,
): YearOverYearSurge[] {
  const byMonth = new Map(series.map((p) => [p.month, p.value]));
  return series.flatMap((p) => {
    const before = byMonth.get(addMonths(p.month, -12));
    if (before === undefined || p.value - before < thresholds.minDelta) return [];
    if (p.value < before * thresholds.ratio) return [];
    return [
      {
        month: p.month,
        value: p.value,
        yearBefore: before,
        ratio: before === 0 ? Infinity : p.value / before,
      },
    ];
  });
}

/** An observation outside the 95% interval of the forecast made the month before. */
export interface ForecastOutlier {
  month: string;
  value: number;
  expected: number;
  lo95: number;
  hi95: number;
  direction: "above" | "below";
}

/**
 * Observations outside the one-step-ahead 95% interval of the ensemble forecast (each forecast made from the
 * months before it only). The first `minHistory` months are never judged: there is too little to expect from.
 */
export function findForecastOutliers(series: MonthlyPoint[], minHistory = 24): ForecastOutlier[] {
  if (series.length <= minHistory) return [];
  const bands = forecastBands(
    series.map((p) => p.value),
    1,
    12,
    minHistory,
  );
  return series.flatMap((p, T) => {
    const band = bands[T];
    if (T < minHistory || band === undefined) return [];
    const [lo95, hi95] = [band.lo95[0] as number, band.hi95[0] as number];
    if (p.value >= lo95 && p.value <= hi95) return [];
    const expected = band.point[0] as number;
    return [
      { month: p.month, value: p.value, expected, lo95, hi95, direction: p.value > hi95 ? "above" : "below" },
    ];
  });
}
