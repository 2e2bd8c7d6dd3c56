import { evaluationSplit, type Split } from "./evaluation.ts";
import type { EvaluationSeries } from "./evaluation-series.ts";

/**
 * What the tuning report works on: every series cut at the split (so no evaluation outcome is even loaded), and
 * windows of the long tuning series shaped like the evaluation (a few years of history, forecasts from the
 * third year on), because the evaluated series have two to four years of history and a method that shines on
 * twenty years of Border Patrol data may not on two.
 */

/** A series' periods on or before the cut (the tuning part only). */
export function tuningPart(s: EvaluationSeries, split: Split = evaluationSplit): EvaluationSeries {
  const cut = s.grain === "month" ? split.month : split.year;
  const keep = s.periods.filter((p) => p <= cut).length;
  return { ...s, periods: s.periods.slice(0, keep), values: s.values.slice(0, keep) };
}

/** How evaluation-shaped windows are cut from a long series. */
export interface WindowShape {
  /** Periods in a window (48: four fiscal years, as FY2020–FY2023). */
  length: number;
  /** Periods between the starts of consecutive windows. */
  step: number;
  /** First origin scored in a window (24: forecasts from the third year on, as FY2022–FY2023). */
  firstOrigin: number;
}

export const evaluationShape: WindowShape = { length: 48, step: 24, firstOrigin: 24 };

/**
 * Windows of `shape.length` periods, the last ending where the series ends and each earlier one `step` before,
 * as series of their own (id `series@first-period`) scored from `firstOrigin`. A series shorter than one
 * window plus one step gives none.
 */
export function evaluationShapedWindows(
  s: EvaluationSeries,
  shape: WindowShape = evaluationShape,
): EvaluationSeries[] {
  const out: EvaluationSeries[] = [];
  if (s.values.length < shape.length + shape.step) return out;
  for (let start = s.values.length - shape.length; start >= 0; start -= shape.step) {
    out.push({
      ...s,
      id: `${s.id}@${s.periods[start]}`,
      periods: s.periods.slice(start, start + shape.length),
      values: s.values.slice(start, start + shape.length),
      firstOrigin: shape.firstOrigin,
    });
  }
  return out.reverse();
}
