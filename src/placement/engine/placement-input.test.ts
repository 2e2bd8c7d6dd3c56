import { describe, expect, it } from "vitest";
import { readPlacementInput } from "./placement-input.ts";

const cases =
  "case_id,size,needs,languages,language_required,preferences,ties\nA,2,medical,es;en,yes,P2,L1\nB,1,,,,,\n";
const places =
  "place_id,nation,capacity_persons,capacity_cases,locality,services,languages\nP1,can,4,,L1,Medical,EN\nP2,MEX,2,1,L2,,\n";
const scores = "case_id,place_id,score\nA,P1,0.5\nB,P2,0.25\n";

function read(overrides: { cases?: string; places?: string; scores?: string }) {
  return readPlacementInput({
    cases: { name: "cases.csv", text: overrides.cases ?? cases },
    places: { name: "places.csv", text: overrides.places ?? places },
    scores: { name: "scores.csv", text: overrides.scores ?? scores },
  });
}

describe("readPlacementInput", () => {
  it("reads the optional columns, normalising lists and codes", () => {
    const { input, problems } = read({});
    expect(problems).toEqual([]);
    expect(input?.cases[0]).toMatchObject({ id: "A", size: 2, needs: ["medical"], languages: ["es", "en"] });
    expect(input?.cases[0]).toMatchObject({ languageRequired: true, preferences: ["P2"], ties: ["L1"] });
    expect(input?.places[0]).toMatchObject({
      nation: "CAN",
      capacityCases: undefined,
      services: ["medical"],
    });
    expect(input?.places[1]?.capacityCases).toBe(1);
    expect(Array.from(input?.scores.score ?? [])).toEqual([0.5, 0.25]);
  });

  it.each([
    ["missing column", { cases: "case_id\nA\n" }, { file: "cases.csv", line: 1, field: "size" }],
    ["size zero", { cases: "case_id,size\nA,0\n" }, { file: "cases.csv", line: 2, field: "size" }],
    ["size not a number", { cases: "case_id,size\nA,two\n" }, { file: "cases.csv", line: 2, field: "size" }],
    [
      "duplicate case",
      { cases: "case_id,size\nA,1\nA,1\n" },
      { file: "cases.csv", line: 3, field: "case_id" },
    ],
    ["bad yes/no", { cases: "case_id,size,language_required\nA,1,maybe\n" }, { file: "cases.csv", line: 2 }],
    [
      "negative capacity",
      { places: "place_id,nation,capacity_persons\nP1,CAN,-1\n" },
      { file: "places.csv", line: 2, field: "capacity_persons" },
    ],
    [
      "bad capacity_cases",
      { places: "place_id,nation,capacity_persons,capacity_cases\nP1,CAN,1,x\n" },
      { field: "capacity_cases" },
    ],
    [
      "empty nation",
      { places: "place_id,nation,capacity_persons\nP1,,3\n" },
      { file: "places.csv", field: "nation" },
    ],
    [
      "unknown case",
      { scores: "case_id,place_id,score\nZ,P1,0.1\n" },
      { file: "scores.csv", line: 2, field: "case_id" },
    ],
    [
      "unknown place",
      { scores: "case_id,place_id,score\nA,P9,0.1\n" },
      { file: "scores.csv", line: 2, field: "place_id" },
    ],
    [
      "score not a number",
      { scores: "case_id,place_id,score\nA,P1,high\n" },
      { file: "scores.csv", line: 2, field: "score" },
    ],
    [
      "duplicate pair",
      { scores: "case_id,place_id,score\nA,P1,1\nA,P1,1\n" },
      { file: "scores.csv", line: 3 },
    ],
    ["empty file", { scores: "" }, { file: "scores.csv" }],
  ])("rejects %s with file, line and field", (_name, overrides, expected) => {
    const { input, problems } = read(overrides);
    expect(input).toBeUndefined();
    expect(problems[0]).toMatchObject(expected);
  });
});
