import { describe, expect, it } from "vitest";
import { checkAssignment } from "./engine/check-assignment.ts";
import { buildLinearModel } from "./engine/highs-model.ts";
import { generateInstance } from "./engine/instance-generator.ts";
import { buildModel } from "./engine/placement-model.ts";
import type { PlacementInput } from "./engine/placement-types.ts";
import { runHighs } from "./highs.pool.ts";
import { solvePlacement } from "./solve-placement.pool.ts";

const clock = () => performance.now();

async function highsOptimum(input: PlacementInput, countWeight = 0) {
  const model = buildModel(input);
  const outcome = await runHighs(buildLinearModel(model, new Map(), countWeight), {
    integer: true,
    timeLimitSeconds: 30,
  });
  expect(outcome.status).toBe("optimal");
  return outcome.objective;
}

describe("solvePlacement, capacity in cases (exact flow)", () => {
  it.each([
    [40, 5, 1, 0.8, 11],
    [60, 8, 0.4, 0.9, 12],
    [90, 10, 0.25, 1.3, 13],
  ])(
    "%i cases × %i places, density %d: equals the HiGHS MILP optimum",
    async (n, m, density, ratio, seed) => {
      const input = generateInstance({
        cases: n,
        places: m,
        seed,
        kind: "unit",
        density,
        capacityRatio: ratio,
      });
      const { model, result } = await solvePlacement(input, {}, clock);
      expect(result.method).toBe("flow");
      expect(checkAssignment(model, result.placeOf)).toEqual([]);
      expect(result.objective).toBeCloseTo(await highsOptimum(input), 6);
      expect(result.gap).toBe(0);
      expect(result.bound).toBe(result.objective);
    },
  );

  it("with priority on cases, places the most cases and then the best score", async () => {
    const input = generateInstance({
      cases: 80,
      places: 10,
      seed: 21,
      kind: "unit",
      density: 0.15,
      capacityRatio: 0.9,
    });
    const { model, result } = await solvePlacement(input, { priority: "cases" }, clock);
    const countWeight = 1000;
    const best = await highsOptimum(input, countWeight);
    expect(result.assigned).toBe(Math.round(best / countWeight));
    expect(result.objective).toBeCloseTo(best - countWeight * result.assigned, 6);
    expect(checkAssignment(model, result.placeOf)).toEqual([]);
  });
});

describe("solvePlacement, capacity in persons (heuristic)", () => {
  it("20 families × 3 places: valid, bound above the HiGHS optimum, within 3%", async () => {
    const input = generateInstance({ cases: 20, places: 3, seed: 31, kind: "family", capacityRatio: 0.8 });
    const { model, result } = await solvePlacement(input, { timeLimitSeconds: 2 }, clock);
    const optimum = await highsOptimum(input);
    expect(result.method).toBe("heuristic");
    expect(checkAssignment(model, result.placeOf)).toEqual([]);
    expect(result.bound).toBeGreaterThanOrEqual(optimum - 1e-6);
    expect(result.objective).toBeLessThanOrEqual(optimum + 1e-6);
    expect(result.objective).toBeGreaterThanOrEqual(optimum * 0.97);
  });

  it("300 families × 20 places: valid, leaves out only families that fit nowhere, gap under 2%", async () => {
    const input = generateInstance({ cases: 300, places: 20, seed: 33, kind: "family", capacityRatio: 0.85 });
    const { model, result } = await solvePlacement(input, { timeLimitSeconds: 3 }, clock);
    expect(checkAssignment(model, result.placeOf)).toEqual([]);
    expect(result.bound).toBeGreaterThanOrEqual(result.objective);
    expect(result.gap).toBeLessThan(0.02);
  });
});

describe("solvePlacement, side constraints", () => {
  it("meets nation floors through HiGHS", async () => {
    const input = generateInstance({
      cases: 30,
      places: 6,
      seed: 41,
      kind: "unit",
      capacityRatio: 0.8,
      nations: ["CAN", "MEX"],
    });
    // Spare room in Canada, so a floor there forces families away from better places in Mexico.
    for (const place of input.places)
      if (place.nation === "CAN") place.capacityCases = place.capacityPersons += 10;
    const free = await solvePlacement(input, {}, clock);
    const canNow = countNation(free.model, free.result.placeOf, "CAN");
    const floors = new Map([["CAN", canNow + 3]]);
    const { model, result } = await solvePlacement(
      input,
      { nationFloors: floors, timeLimitSeconds: 20 },
      clock,
    );
    expect(result.method).toBe("milp");
    expect(checkAssignment(model, result.placeOf, floors)).toEqual([]);
    expect(countNation(model, result.placeOf, "CAN")).toBeGreaterThanOrEqual(canNow + 3);
    expect(result.objective).toBeLessThanOrEqual(free.result.objective + 1e-9);
  });

  it("never sends a family where its needs are not served or a required language is missing", async () => {
    const input = generateInstance({ cases: 30, places: 4, seed: 42, kind: "unit", capacityRatio: 2 });
    input.places[0]!.services = ["medical"];
    input.places[1]!.languages = ["fr"];
    input.cases.forEach((c, i) => {
      if (i % 2 === 0) c.needs = ["medical"];
      else {
        c.languages = ["fr"];
        c.languageRequired = true;
      }
    });
    const { result } = await solvePlacement(input, {}, clock);
    const expected = input.cases.map((_c, i) => (i % 2 === 0 ? 0 : 1));
    expect(Array.from(result.placeOf)).toEqual(expected.map((p, i) => (result.placeOf[i] === -1 ? -1 : p)));
    expect(result.assigned).toBeGreaterThan(0);
  });

  it("a preference weight pulls a family to its stated wish", async () => {
    const input = generateInstance({ cases: 1, places: 3, seed: 43, kind: "unit", capacityRatio: 5 });
    const scores = Array.from(input.scores.score);
    const worst = scores.indexOf(Math.min(...scores));
    input.cases[0]!.preferences = [input.places[worst]!.id];
    const { result } = await solvePlacement(input, { preferenceWeight: 5 }, clock);
    expect(result.placeOf[0]).toBe(worst);
  });
});

function countNation(model: ReturnType<typeof buildModel>, placeOf: Int32Array, code: string): number {
  const j = model.nations.indexOf(code);
  return Array.from(placeOf).filter((p) => p >= 0 && model.nationOf[p] === j).length;
}
