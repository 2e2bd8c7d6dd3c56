import { describe, expect, it } from "vitest";
import { buildModel, isCompatible, pairBonus, unitCapacities } from "./placement-model.ts";
import type { PlacementCase, PlacementInput, PlacementPlace } from "./placement-types.ts";

const family = (size: number, extra: Partial<PlacementCase> = {}): PlacementCase => ({
  id: `C${size}`,
  size,
  needs: [],
  languages: [],
  languageRequired: false,
  preferences: [],
  ties: [],
  ...extra,
});
const place = (persons: number, cases?: number, extra: Partial<PlacementPlace> = {}): PlacementPlace => ({
  id: "P1",
  nation: "CAN",
  locality: "Halifax",
  capacityPersons: persons,
  capacityCases: cases,
  services: [],
  languages: [],
  ...extra,
});

function denseInput(sizes: number[], places: PlacementPlace[]): PlacementInput {
  const caseIndex: number[] = [];
  const placeIndex: number[] = [];
  for (let i = 0; i < sizes.length; i++) {
    for (let j = 0; j < places.length; j++) {
      caseIndex.push(i);
      placeIndex.push(j);
    }
  }
  return {
    cases: sizes.map((s) => family(s)),
    places,
    scores: {
      caseIndex: Int32Array.from(caseIndex),
      placeIndex: Int32Array.from(placeIndex),
      score: new Float64Array(caseIndex.length).fill(0.5),
    },
  };
}

describe("unitCapacities", () => {
  it.each([
    ["all size 1: the smaller of persons and cases", [1, 1, 1], [place(2, 5)], [2]],
    ["persons cannot bind: capacity in cases", [3, 2, 1], [place(100, 2)], [2]],
    ["the two largest families fit exactly", [3, 2, 1], [place(5, 2)], [2]],
    ["persons bind over mixed sizes: knapsack", [3, 2, 1], [place(4, 2)], undefined],
    ["no case limit and persons bind: knapsack", [2, 2], [place(3)], undefined],
  ])("%s", (_name, sizes, places, expected) => {
    const caps = unitCapacities(buildModel(denseInput(sizes, places)));
    expect(caps ? Array.from(caps) : undefined).toEqual(expected);
  });
});

describe("compatibility and bonuses", () => {
  it.each([
    ["need served", family(1, { needs: ["medical"] }), place(1, 1, { services: ["medical"] }), true],
    ["need not served", family(1, { needs: ["medical"] }), place(1), false],
    [
      "language required and shared",
      family(1, { languages: ["fr"], languageRequired: true }),
      place(1, 1, { languages: ["fr"] }),
      true,
    ],
    [
      "language required, not shared",
      family(1, { languages: ["fr"], languageRequired: true }),
      place(1),
      false,
    ],
    ["language spoken but not required", family(1, { languages: ["fr"] }), place(1), true],
  ])("%s", (_name, c, p, expected) => {
    expect(isCompatible(c, p)).toBe(expected);
  });

  it.each([
    ["first of two wishes", { preferences: ["Halifax", "MEX"] }, 1],
    ["second of two wishes", { preferences: ["MEX", "CAN"] }, 0.5],
    ["relatives in the locality", { ties: ["Halifax"] }, 2],
    ["nothing stated", {}, 0],
  ])("bonus: %s", (_name, extra, expected) => {
    expect(pairBonus(family(1, extra), place(1), { preferenceWeight: 1, tieWeight: 2 })).toBeCloseTo(
      expected,
      9,
    );
  });
});
