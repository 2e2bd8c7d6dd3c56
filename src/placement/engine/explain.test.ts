import { describe, expect, it } from "vitest";
import { describeExplanation, explainAssignment } from "./explain.ts";
import { buildModel } from "./placement-model.ts";
import type { PlacementInput } from "./placement-types.ts";

const family = (id: string, size = 1) => ({
  id,
  size,
  needs: [],
  languages: [],
  languageRequired: false,
  preferences: [],
  ties: [],
});
const place = (id: string, capacity: number) => ({
  id,
  nation: "CAN",
  locality: "",
  capacityPersons: capacity,
  capacityCases: undefined,
  services: [],
  languages: [],
});

// A and B both prefer P1 (room for one); C is allowed only at P1.
const input: PlacementInput = {
  cases: [family("A"), family("B"), family("C")],
  places: [place("P1", 1), place("P2", 5)],
  scores: {
    caseIndex: Int32Array.from([0, 0, 1, 1, 2]),
    placeIndex: Int32Array.from([0, 1, 0, 1, 0]),
    score: Float64Array.from([0.9, 0.5, 0.8, 0.7, 0.6]),
  },
};

describe("explainAssignment", () => {
  const model = buildModel(input);
  const explained = explainAssignment(model, Int32Array.from([0, 1, -1]));

  it.each([
    [0, { place: 0, rank: 1, nextBest: 1, reason: "best-place", betterButFull: [] }],
    [1, { place: 1, rank: 2, nextBest: 0, reason: "better-places-full", betterButFull: [0] }],
    [2, { place: -1, rank: undefined, nextBest: 0, reason: "no-room" }],
  ])("case %i", (i, expected) => {
    expect(explained[i]).toMatchObject(expected);
  });

  it("gives the score difference to the next-best place", () => {
    expect(explained[0]!.difference).toBeCloseTo(0.4, 9);
    expect(explained[1]!.difference).toBeCloseTo(-0.1, 9);
  });

  it("reads as a sentence naming the places", () => {
    const text = describeExplanation(explained[1]!, (p) => input.places[p]!.id);
    expect(text).toBe("rank 2 of 2: better places full (P1); next best P1 at 0.8000 (difference -0.1000)");
  });
});
