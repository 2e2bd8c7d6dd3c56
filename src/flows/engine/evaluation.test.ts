import { describe, expect, it } from "vitest";
import {
  evaluate,
  hindsightBest,
  originsOf,
  pool,
  type SeriesScore,
  shareAboveCeiling,
} from "./evaluation.ts";
import { forecastTargets, targetChecks } from "./evaluation-report.ts";
import type { EvaluationSeries } from "./evaluation-series.ts";
import { evaluationShapedWindows, tuningPart } from "./evaluation-windows.ts";
import { ensembleMethod } from "./forecast.ts";
import { anchorMethods } from "./forecast-anchors.ts";
import { perOrigin } from "./forecast-band.ts";
import { monthlyCalibration } from "./forecast-calibration.ts";
import { tuneCalibration, weightedQuantile } from "./forecast-tuning.ts";
import { addMonths } from "./monthly-series.ts";

function monthly(id: string, start: string, values: number[]): EvaluationSeries {
  return { id, label: id, grain: "month", periods: values.map((_, i) => addMonths(start, i)), values };
}

// Deterministic wobble around a seasonal level: no randomness in tests.
const seasonal = (n: number, level: number) =>
  Array.from({ length: n }, (_, i) =>
    Math.round(level * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 12)) + 40 * Math.sin(i * 1.7)),
  );

describe("the split between tuning and evaluation", () => {
  it.each([
    // length, h, index of the last tuning period, first origin → tuning origins, evaluation origins
    [10, 1, 5, 2, [2, 3, 4, 5], [6, 7, 8, 9]],
    [10, 3, 5, 2, [2, 3], [6, 7]],
    [10, 1, -1, 2, [], [2, 3, 4, 5, 6, 7, 8, 9]],
  ])("length %i, horizon %i, cut at %i", (length, h, cut, first, tuning, evaluation) => {
    expect(originsOf(length, h, "tuning", cut, first)).toEqual(tuning);
    expect(originsOf(length, h, "evaluation", cut, first)).toEqual(
      evaluation.filter((T) => T + h - 1 < length),
    );
  });

  it("never scores an outcome in both sets, nor a forecast straddling the cut", () => {
    for (const h of [1, 3, 6]) {
      const tuned = originsOf(48, h, "tuning", 23, 12).map((T) => T + h - 1);
      const evaluated = originsOf(48, h, "evaluation", 23, 12);
      expect(Math.max(...tuned)).toBeLessThanOrEqual(23);
      expect(Math.min(...evaluated)).toBeGreaterThan(23);
    }
  });
});

describe("evaluate and pool", () => {
  const series = [monthly("a", "2019-10", seasonal(48, 5000)), monthly("b", "2019-10", seasonal(48, 300))];
  const scores = evaluate(series, [ensembleMethod, ...anchorMethods], [1, 3], "evaluation");
  const pooled = pool(scores);

  it("scores every method on every series at every horizon, naive relative to itself is 1", () => {
    expect(scores).toHaveLength(2 * 5 * 2);
    const naive = pooled.filter((p) => p.method === "naive");
    expect(naive.map((p) => p.relativeMae)).toEqual([1, 1]);
    expect(scores.find((s) => s.series === "a" && s.horizon === 1 && s.method === "naive")?.forecasts).toBe(
      24,
    );
  });

  it("beats naive on a regular seasonal series and covers about as promised", () => {
    const ours = pooled.find((p) => p.method === "ensemble" && p.horizon === 3);
    expect(ours?.relativeMae).toBeLessThan(0.8);
    expect(ours?.coverage95).toBeGreaterThan(0.85);
  });

  it("pools relative MAE as a geometric mean over series", () => {
    const half = perOrigin("half", (history, H) => {
      const band = anchorMethods[0]?.run(history, H, 12, history.length)[history.length];
      if (!band) throw new Error("no naive band");
      return band;
    });
    const same = pool(evaluate(series, [half, anchorMethods[0]!, anchorMethods[1]!], [1], "evaluation"));
    expect(same.find((p) => p.method === "half")?.relativeMae).toBeCloseTo(1, 10);
  });

  it("reports each target as met or missed", () => {
    const checks = targetChecks(pooled, "naive");
    expect(checks.map((c) => c.line.split(":")[0])).toContain(
      `h=1  MAE/naive ≤ ${forecastTargets.relativeMae}`,
    );
    expect(checks.find((c) => c.line.includes("MAE/naive ≤"))?.met).toBe(false);
  });
});

describe("tuning the calibration", () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4], 1, 4],
    [[1, 2, 3, 4], 0, 1],
  ])("weighted quantile of %j at %f is %f", (values, p, expected) => {
    expect(
      weightedQuantile(
        values.map((value) => ({ value, weight: 1 })),
        p,
      ),
    ).toBe(expected);
  });

  it("gives bands that widen with the horizon and lie on both sides of the forecast", () => {
    const series = [monthly("a", "2015-01", seasonal(84, 2000)), monthly("b", "2015-01", seasonal(84, 700))];
    const tuned = tuneCalibration(series, 12, monthlyCalibration, 6, { month: "2020-12", year: "2015" });
    expect(tuned.quantiles).toHaveLength(6);
    tuned.quantiles.forEach((row, i) => {
      expect(row[0]).toBeLessThan(0);
      expect(row[3]).toBeGreaterThan(0);
      const before = tuned.quantiles[i - 1];
      if (before) expect(row[3]).toBeGreaterThanOrEqual(before[3]);
    });
  });
});

describe("the tuning report's material", () => {
  const long = monthly("long", "2000-01", seasonal(130, 1000));

  it.each([
    // split month, periods kept
    ["2000-12", 12],
    ["1999-12", 0],
    ["2030-01", 130],
  ])("the tuning part with the cut at %s keeps %i periods", (month, kept) => {
    const part = tuningPart(long, { month, year: "2015" });
    expect(part.values).toEqual(long.values.slice(0, kept));
    expect(part.periods.at(-1) ?? "none").toBe(kept > 0 ? addMonths("2000-01", kept - 1) : "none");
  });

  it.each([
    // length of the series, window starts (index of the first period)
    [130, [10, 34, 58, 82]],
    [72, [0, 24]],
    [71, []],
  ])("a series of %i months gives evaluation-shaped windows starting at %j", (n, starts) => {
    const windows = evaluationShapedWindows({
      ...long,
      periods: long.periods.slice(0, n),
      values: long.values.slice(0, n),
    });
    expect(windows.map((w) => w.periods[0])).toEqual(starts.map((i) => addMonths("2000-01", i)));
    for (const w of windows) {
      expect(w.values).toHaveLength(48);
      expect(w.firstOrigin).toBe(24);
      expect(w.id).toBe(`long@${w.periods[0]}`);
    }
  });

  it("scores a window from its own first origin only", () => {
    const [w] = evaluationShapedWindows(long);
    const scores = evaluate([w as EvaluationSeries], [anchorMethods[0]!], [1, 6], "tuning", {
      month: "2030-01",
      year: "2015",
    });
    expect(scores.map((s) => s.forecasts)).toEqual([24, 19]);
  });

  it.each([
    // MAE of methods a and b (naive MAE 1) on series x, then on series y → hindsight bound
    [[0.5, 2], [0.8, 0.9], Math.sqrt(0.5 * 0.8)],
    [[2, 3], [4, 5], 1],
  ])("the hindsight bound with series x at %j and y at %j is %f", (a, b, bound) => {
    const row = (series: string, method: string, mae: number) =>
      ({ series, method, horizon: 1, forecasts: 1, mae }) as SeriesScore;
    const scores = [
      row("x", "naive", 1),
      row("y", "naive", 1),
      row("x", "a", a[0] as number),
      row("y", "a", b[0] as number),
      row("x", "b", a[1] as number),
      row("y", "b", b[1] as number),
    ];
    expect(hindsightBest(scores, ["a", "b"], 1)).toBeCloseTo(bound, 10);
  });

  it.each([
    // values, cap ratio, outcomes above the ceiling at h = 1 (first origin 2)
    [[10, 10, 25, 100, 30], 2, 2],
    [[10, 10, 25, 100, 30], 10, 0],
    [[1, 1, 2, 3, 4], 2, 0],
  ])("in %j with cap %f, %i one-month outcomes rise above the ceiling", (values, cap, above) => {
    const s = { ...monthly("s", "2020-01", values), firstOrigin: 2 };
    expect(shareAboveCeiling([s], 1, "tuning", cap, { month: "2030-01", year: "2015" })).toEqual({
      above,
      outcomes: 3,
    });
  });
});
