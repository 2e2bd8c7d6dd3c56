import { describe, expect, it } from "vitest";
import { addMonths, type MonthlyPoint } from "./monthly-series.ts";
import { findForecastOutliers, findYearOverYearSurges } from "./surge.ts";

const months = (values: number[], start = "2020-01"): MonthlyPoint[] =>
  values.map((value, i) => ({ month: addMonths(start, i), value }));

describe("findYearOverYearSurges", () => {
  const flat = Array.from({ length: 12 }, () => 1000);
  it.each([
    ["doubling beyond the floor", 2000, { ratio: 1.5, minDelta: 500 }, 1],
    ["ratio passed but under the floor", 1400, { ratio: 1.3, minDelta: 500 }, 0],
    ["floor passed but under the ratio", 1600, { ratio: 2, minDelta: 500 }, 0],
    ["exactly at both thresholds", 1500, { ratio: 1.5, minDelta: 500 }, 1],
  ])("%s", (_, value, thresholds, count) => {
    const series = months([...flat, value, 1000]);
    const surges = findYearOverYearSurges(series, thresholds);
    expect(surges).toHaveLength(count);
    if (count) expect(surges[0]).toMatchObject({ month: "2021-01", value, yearBefore: 1000 });
  });
});

describe("findForecastOutliers", () => {
  it("flags a jump far outside the one-step 95% interval, and nothing on a calm series", () => {
    const calm = Array.from({ length: 40 }, (_, i) => 1000 + 30 * Math.sin(i));
    expect(findForecastOutliers(months(calm))).toEqual([]);
    const jumped = findForecastOutliers(months([...calm, 9000]));
    expect(jumped).toEqual([
      expect.objectContaining({ month: addMonths("2020-01", 40), direction: "above" }),
    ]);
    expect(jumped[0]?.hi95).toBeLessThan(9000);
  });
});
