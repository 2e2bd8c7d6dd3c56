import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { concatFloats, concatInts, strongestFirst } from "./ranking.ts";

describe("strongestFirst", () => {
  it.each([
    [[], []],
    [[1], [0]],
    [
      [1, 3, 2],
      [1, 2, 0],
    ],
    [
      [2, 5, 2, 5, -0, 0, -1],
      [1, 3, 0, 2, 4, 5, 6],
    ],
  ])("%j → %j (largest first, ties in order)", (weights, order) => {
    expect([...strongestFirst(Float64Array.from(weights))]).toEqual(order);
  });

  it("matches a stable comparator sort on many repeated weights", () => {
    const random = seededRandom(2);
    const weights = Float64Array.from({ length: 5000 }, () => Math.round(random() * 40) / 4 - 5);
    const want = [...weights.keys()].sort((a, b) => weights[b]! - weights[a]!);
    expect([...strongestFirst(weights)]).toEqual(want);
  });
});

describe("concat", () => {
  it("puts typed arrays one after the other", () => {
    expect([...concatInts([Int32Array.of(1, 2), Int32Array.of(), Int32Array.of(3)])]).toEqual([1, 2, 3]);
    expect([...concatFloats([Float64Array.of(0.5), Float64Array.of(1.5)])]).toEqual([0.5, 1.5]);
  });
});
