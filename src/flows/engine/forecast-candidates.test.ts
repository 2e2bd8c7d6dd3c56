import { describe, expect, it } from "vitest";
import {
  borrowedDriftTable,
  cycleProfile,
  leastSquaresSlope,
  medianOfSorted,
  medianTable,
  seasonalDriftTable,
  thetaTable,
  weightedTable,
} from "./forecast-candidates.ts";
import type { OriginTable } from "./forecast-models.ts";

// A log series whose month-to-month change depends only on the month of the cycle: +0.3 into positions 3 and
// 4, −0.3 into 9 and 10, 0 otherwise (a year adds to zero), so the profile is known exactly.
const shape = [0, 0, 0, 0.3, 0.3, 0, 0, 0, 0, -0.3, -0.3, 0];
const seasonal = (years: number, level = 5): number[] => {
  const z = [level];
  for (let i = 1; i < 12 * years; i++) z.push((z[i - 1] as number) + (shape[i % 12] as number));
  return z;
};

describe("cycleProfile", () => {
  const rest = (v: number, n: number) => new Array<number>(n).fill(v);
  it.each([
    // z, from, to, profile (demeaned), counts
    [[0, 1, 2, 3], 0, 4, [-0.25, 0.75, 0.75, 0.75, ...rest(-0.25, 8)], [0, 1, 1, 1, ...rest(0, 8)]],
    [Array.from({ length: 13 }, (_, i) => 12 * i), 1, 13, rest(0, 12), rest(1, 12)],
    [[5, 7, 6], 2, 3, [1 / 12, 1 / 12, -11 / 12, ...rest(1 / 12, 9)], [0, 0, 1, ...rest(0, 9)]],
  ])("on %j from %i to %i", (z, from, to, profile, counts) => {
    const got = cycleProfile(z, from, to, (i) => i % 12);
    got.profile.forEach((v, p) => {
      expect(v).toBeCloseTo(profile[p] as number, 10);
    });
    expect(got.counts).toEqual(counts);
  });

  it("recovers a seasonal shape exactly and removes a steady trend", () => {
    const z = seasonal(4).map((v, i) => v + 0.01 * i);
    const { profile, counts } = cycleProfile(z, 1, z.length, (i) => i % 12);
    profile.forEach((v, p) => {
      expect(v).toBeCloseTo(shape[p] as number, 10);
    });
    expect(counts[0]).toBe(3);
    expect(counts[1]).toBe(4);
  });
});

describe("seasonalDriftTable", () => {
  it.each([
    // years of history, shrink, expected share of the shape applied
    [4, 0, 1],
    [4, 4, 0.5],
    [2, 2, 0.5],
  ])("with %i years and shrink %i applies %f of the shape", (years, shrink, share) => {
    const z = seasonal(years + 1);
    const t = 12 * years;
    const row = seasonalDriftTable(z, 3, years, shrink)[t] as Float64Array;
    let level = z[t - 1] as number;
    for (let h = 1; h <= 3; h++) {
      level += share * (shape[(t - 1 + h) % 12] as number);
      expect(row[h - 1]).toBeCloseTo(level, 10);
    }
  });
});

describe("borrowedDriftTable", () => {
  it.each([
    [1, 0.5],
    [0.5, 0.5],
    [0, 0.5],
  ])("at strength %f moves the last value by that share of the borrowed profile", (strength) => {
    const z = [1, 1, 1, 1];
    const table = borrowedDriftTable(
      z,
      2,
      () => shape,
      (i) => i % 12,
      strength,
    );
    expect(table[4]?.[0]).toBeCloseTo(1 + strength * (shape[4] as number), 10);
    expect(table[4]?.[1]).toBeCloseTo(1 + strength * ((shape[4] as number) + (shape[5] as number)), 10);
  });

  it("is the last value where no profile is known yet", () => {
    expect(
      Array.from(
        borrowedDriftTable(
          [2, 3],
          2,
          () => undefined,
          (i) => i,
          1,
        )[2] ?? [],
      ),
    ).toEqual([3, 3]);
  });
});

describe("thetaTable and its slope", () => {
  it.each([
    [[1, 2, 3, 4], 4, 1],
    [[5, 5, 5], 3, 0],
    [[4, 2, 0], 3, -2],
    [[7], 1, 0],
  ])("slope of %j over %i values is %f", (z, t, slope) => {
    expect(leastSquaresSlope(z, t)).toBeCloseTo(slope, 10);
  });

  it("continues a straight line at half its slope beyond the smoothed level", () => {
    const z = Array.from({ length: 20 }, (_, i) => 2 + 0.1 * i);
    const row = thetaTable(z, 3)[20] as Float64Array;
    // On a straight line the one-step error is smallest at alpha = 1: the level is the last value.
    [1, 2, 3].forEach((h) => {
      expect(row[h - 1]).toBeCloseTo(3.9 + 0.05 * h, 10);
    });
  });

  it("is the level on a flat series", () => {
    expect(Array.from(thetaTable([3, 3, 3, 3], 2)[4] ?? [])).toEqual([3, 3]);
  });
});

describe("medianTable and weightedTable", () => {
  const row = (...v: number[]) => Float64Array.from(v);
  const tables: OriginTable[] = [
    [undefined, row(1, 10)],
    [undefined, row(3, 20)],
    [undefined, row(2, undefined as unknown as number)],
  ];

  it.each([
    [[1, 2, 3], 2],
    [[1, 2, 3, 10], 2.5],
    [[4], 4],
  ])("median of %j is %f", (sorted, median) => {
    expect(medianOfSorted(sorted)).toBe(median);
  });

  it("takes the median of the members at each horizon", () => {
    const out = medianTable(tables.slice(0, 2), [0], 2)[1] as Float64Array;
    expect(Array.from(out)).toEqual([2, 15]);
  });

  it.each([
    // weights per table (per horizon), expected forecasts
    [
      [
        [1, 1],
        [0, 0],
      ],
      [1, 10],
    ],
    [
      [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      [2, 15],
    ],
    [
      [
        [0, 0],
        [0, 0],
      ],
      [0, 0],
    ],
  ])("weights %j move the last value to %j", (weights, expected) => {
    const out = weightedTable(tables.slice(0, 2), weights, [0], 2)[1] as Float64Array;
    expect(Array.from(out)).toEqual(expected);
  });
});
