import { describe, expect, it } from "vitest";
import { applicationBatch } from "./application-batch.ts";
import { buildModel } from "./placement-model.ts";
import type { PlacementPlace } from "./placement-types.ts";

const place = (id: string, nation: string, services: string[] = []): PlacementPlace => ({
  id,
  nation,
  locality: id,
  capacityPersons: 10,
  capacityCases: undefined,
  services,
  languages: [],
});

describe("a batch from approved applications", () => {
  const places = [place("us-1", "USA", ["disability"]), place("ca-1", "CAN"), place("mx-1", "MEX")];

  it("allows only places in the nations the pathway allows, each pair scoring 1", () => {
    const input = applicationBatch(
      [
        { caseId: "A", size: 3, needs: [], languages: ["es"], nations: ["USA", "CAN"] },
        { caseId: "B", size: 1, needs: [], languages: ["es"], nations: ["MEX"] },
      ],
      places,
    );
    const pairs = [...input.scores.caseIndex].map(
      (c, k) => `${input.cases[c]!.id}:${places[input.scores.placeIndex[k]!]!.id}`,
    );
    expect(pairs).toEqual(["A:us-1", "A:ca-1", "B:mx-1"]);
    expect([...input.scores.score]).toEqual([1, 1, 1]);
  });

  it("keeps a need as a hard rule: a place that does not serve it drops out of the model", () => {
    const input = applicationBatch(
      [{ caseId: "C", size: 2, needs: ["disability", "disability"], languages: [], nations: ["USA", "CAN"] }],
      places,
    );
    expect(input.cases[0]!.needs).toEqual(["disability"]);
    const model = buildModel(input);
    expect([...model.place.slice(model.start[0]!, model.start[1]!)]).toEqual([0]);
  });

  it("gives a household no pair at all when its nations offer no place", () => {
    const input = applicationBatch(
      [{ caseId: "D", size: 1, needs: [], languages: [], nations: ["BRA"] }],
      places,
    );
    expect(input.scores.caseIndex.length).toBe(0);
    expect(input.cases).toHaveLength(1);
  });
});
