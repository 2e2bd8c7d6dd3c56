import { describe, expect, it } from "vitest";
import { checkAssignment } from "./engine/check-assignment.ts";
import { buildLinearModel } from "./engine/highs-model.ts";
import { generateInstance } from "./engine/instance-generator.ts";
import { buildModel } from "./engine/placement-model.ts";
import type { PlacementCase, PlacementInput, PlacementPlace } from "./engine/placement-types.ts";
import { wishOutcomes, wishPairs } from "./engine/wishes.ts";
import { runHighs } from "./highs.pool.ts";
import { solvePlacement } from "./solve-placement.pool.ts";

const clock = () => performance.now();

const family = (id: string, extra: Partial<PlacementCase> = {}): PlacementCase => ({
  id,
  size: 1,
  needs: [],
  languages: [],
  languageRequired: false,
  preferences: [],
  ties: [],
  ...extra,
});
const place = (id: string, locality: string, capacity: number, nation = "CAN"): PlacementPlace => ({
  id,
  nation,
  locality,
  capacityPersons: capacity,
  capacityCases: capacity,
  services: [],
  languages: [],
});

/** A dense instance from a score table: scores[i][p] for case i at place p. */
function instance(cases: PlacementCase[], places: PlacementPlace[], scores: number[][]): PlacementInput {
  const caseIndex: number[] = [];
  const placeIndex: number[] = [];
  const score: number[] = [];
  scores.forEach((row, i) => {
    row.forEach((s, p) => {
      caseIndex.push(i);
      placeIndex.push(p);
      score.push(s);
    });
  });
  return {
    cases,
    places,
    scores: {
      caseIndex: Int32Array.from(caseIndex),
      placeIndex: Int32Array.from(placeIndex),
      score: Float64Array.from(score),
    },
  };
}

describe("family ties are honoured by default", () => {
  const places = [place("P1", "Toronto", 5), place("P2", "Halifax", 5)];

  it("sends a tied family to its relatives' locality although another place scores higher", async () => {
    const input = instance([family("A", { ties: ["Halifax"] })], places, [[0.9, 0.2]]);
    const { model, result } = await solvePlacement(input, {}, clock);
    expect(result.placeOf[0]).toBe(1);
    expect(result.wishesHonoured).toBe(1);
    // The figures are in scores: the bonus that made the tie win is not part of them.
    expect(result.objective).toBeCloseTo(0.2, 12);
    expect(result.bound).toBeCloseTo(0.2, 12);
    expect(result.optimal).toBe(true);
    expect(wishOutcomes(input, model, result.placeOf)[0]).toMatchObject({ kind: "tie", status: "honoured" });
  });

  it("with honouring switched off, the tie is only what --tie-weight gives it", async () => {
    const input = instance([family("A", { ties: ["P2"] })], places, [[0.9, 0.2]]);
    const off = await solvePlacement(input, { honourTies: false }, clock);
    expect(off.result.placeOf[0]).toBe(0);
    expect(wishOutcomes(input, off.model, off.result.placeOf)[0]!.status).toBe("not-chosen");
    const weighed = await solvePlacement(input, { honourTies: false, tieWeight: 1 }, clock);
    expect(weighed.result.placeOf[0]).toBe(1);
  });

  it("goes elsewhere only when the tie place is full, and says so", async () => {
    // Halifax has room for one family; A and B both have relatives there, C scores best there but has none.
    const small = [place("P1", "Toronto", 5), place("P2", "Halifax", 1)];
    const cases = [family("A", { ties: ["Halifax"] }), family("B", { ties: ["Halifax"] }), family("C")];
    const input = instance(cases, small, [
      [0.9, 0.3],
      [0.8, 0.1],
      [0.1, 0.99],
    ]);
    const { model, result } = await solvePlacement(input, {}, clock);
    expect(checkAssignment(model, result.placeOf)).toEqual([]);
    // One tied family holds Halifax (A: 0.3 + 0.8 for B in Toronto beats 0.9 + 0.1), and C, which would
    // gain most there, does not take it from them.
    expect(Array.from(result.placeOf)).toEqual([1, 0, 0]);
    const wishes = wishOutcomes(input, model, result.placeOf);
    expect(wishes.map((w) => w.status)).toEqual(["honoured", "full", "none"]);
    // With room for both, both go.
    small[1]!.capacityCases = small[1]!.capacityPersons = 2;
    const roomy = await solvePlacement(input, {}, clock);
    expect(Array.from(roomy.result.placeOf)).toEqual([1, 1, 0]);
  });

  it("a tie place the family may not go to (needs not served) is reported, not forced", async () => {
    const input = instance([family("A", { ties: ["Halifax"], needs: ["medical"] })], places, [[0.9, 0.2]]);
    input.places[0]!.services = ["medical"];
    const { model, result } = await solvePlacement(input, {}, clock);
    expect(result.placeOf[0]).toBe(0);
    expect(wishOutcomes(input, model, result.placeOf)[0]!.status).toBe("not-allowed");
  });

  it("a stated preference is honoured too, for a family without ties", async () => {
    const two = [place("P1", "Toronto", 5, "CAN"), place("P2", "Monterrey", 5, "MEX")];
    const input = instance([family("A", { preferences: ["MEX"] })], two, [[0.9, 0.2]]);
    const { result } = await solvePlacement(input, {}, clock);
    expect(result.placeOf[0]).toBe(1);
    const off = await solvePlacement(input, { honourPreferences: false }, clock);
    expect(off.result.placeOf[0]).toBe(0);
  });

  it("in persons capacity and under nation floors the tie still comes first", async () => {
    const mixed = [place("P1", "Toronto", 10), place("P2", "Halifax", 4, "MEX")];
    mixed[0]!.capacityCases = undefined;
    mixed[1]!.capacityCases = undefined;
    const cases = [family("A", { size: 3, ties: ["Halifax"] }), family("B", { size: 4 })];
    const input = instance(cases, mixed, [
      [0.9, 0.1],
      [0.2, 0.95],
    ]);
    const heuristic = await solvePlacement(input, { timeLimitSeconds: 1 }, clock);
    expect(heuristic.result.method).toBe("heuristic");
    expect(Array.from(heuristic.result.placeOf)).toEqual([1, 0]);
    const floors = new Map([["CAN", 1]]);
    const milp = await solvePlacement(input, { nationFloors: floors, timeLimitSeconds: 10 }, clock);
    expect(milp.result.method).toBe("milp");
    expect(Array.from(milp.result.placeOf)).toEqual([1, 0]);
  });
});

describe("wishes first, then score: the lexicographic optimum", () => {
  it.each([51, 52, 53])(
    "seed %i: as many ties as HiGHS can honour, then HiGHS's best score",
    async (seed) => {
      const input = generateInstance({ cases: 60, places: 6, seed, kind: "unit", capacityRatio: 0.9 });
      // Every third family has relatives at one place (the same few places, so ties compete for room).
      input.cases.forEach((c, i) => {
        if (i % 3 === 0) c.ties = [input.places[i % 2]!.id];
      });
      const { model, result } = await solvePlacement(input, {}, clock);
      expect(result.method).toBe("flow");
      expect(checkAssignment(model, result.placeOf)).toEqual([]);
      const marks = wishPairs(input, model, {})!;
      // Most ties that can be honoured at all: HiGHS maximising the tie count alone.
      const tiesOnly = { ...model, weight: Float64Array.from(marks) };
      const most = await runHighs(buildLinearModel(tiesOnly, new Map(), 0), {
        integer: true,
        timeLimitSeconds: 30,
      });
      expect(result.wishesHonoured).toBe(Math.round(most.objective));
      // Best score among assignments honouring that many ties: HiGHS with the tie count as a constraint-like
      // dominant term (the count cannot be traded, 1000 > any score difference of 60 families).
      const lexical = { ...model, weight: Float64Array.from(model.weight, (w, k) => w + 1000 * marks[k]!) };
      const best = await runHighs(buildLinearModel(lexical, new Map(), 0), {
        integer: true,
        timeLimitSeconds: 30,
      });
      expect(result.objective).toBeCloseTo(best.objective - 1000 * result.wishesHonoured, 6);
      expect(result.optimal).toBe(true);
      // Honouring costs score: never more than the free optimum.
      const free = await solvePlacement(input, { honourTies: false }, clock);
      expect(result.objective).toBeLessThanOrEqual(free.result.objective + 1e-9);
      expect(buildModel(input).n).toBe(60);
    },
  );
});
