import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { solveByAuction } from "./auction-solver.ts";
import { kthSmallest } from "./candidate-lists.ts";
import { certifyFlow, dualBound } from "./flow-certificate.ts";
import { solveUnitFlow } from "./flow-solver.ts";
import { generateInstance } from "./instance-generator.ts";
import { buildModel, type PlacementModel, unitCapacities } from "./placement-model.ts";
import { solveTransportation } from "./transportation.ts";

function unitModel(n: number, m: number, seed: number, density: number, ratio: number): PlacementModel {
  return buildModel(
    generateInstance({ cases: n, places: m, seed, kind: "unit", density, capacityRatio: ratio }),
  );
}

/** Shifts some weights below zero so leaving a case out can be the better choice. */
function withNegatives(model: PlacementModel, shift: number): PlacementModel {
  return { ...model, weight: model.weight.map((w) => w - shift) };
}

function loads(model: PlacementModel, placeOf: Int32Array): Int32Array {
  const load = new Int32Array(model.m);
  for (const p of placeOf) if (p >= 0) load[p]!++;
  return load;
}

describe("solveTransportation (auction + certificate) against successive shortest paths", () => {
  it.each([
    ["dense, short capacity", 300, 20, 1, 0.9, 0, 1],
    ["dense, ample capacity", 200, 15, 1, 1.6, 0, 2],
    ["sparse", 400, 30, 0.1, 0.9, 0, 3],
    ["very sparse", 250, 40, 0.03, 1.2, 0, 4],
    ["negative weights", 300, 20, 1, 1.2, 0.5, 5],
    ["one place", 50, 1, 1, 0.5, 0, 6],
    ["more places than cases", 30, 60, 0.5, 3, 0.2, 7],
  ])("%s: same optimum, dual bound equals it, capacities kept", (_, n, m, density, ratio, shift, seed) => {
    const model = withNegatives(unitModel(n, m, seed, density, ratio), shift);
    const caps = unitCapacities(model)!;
    const ours = solveTransportation(model, caps);
    const reference = solveUnitFlow(model, caps, false);
    expect(ours.objective).toBeCloseTo(reference.objective, 9);
    expect(Math.abs(ours.bound - ours.objective)).toBeLessThan(1e-9 * Math.max(1, ours.objective));
    const overfull = [...loads(model, ours.placeOf)].filter((load, p) => load > caps[p]!);
    expect(overfull).toEqual([]);
  });

  it("a case load that cannot be matched under the lean limit falls back to one dummy per slot", () => {
    const n = 60;
    const m = 3;
    const weight = new Float64Array(n * m).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < n; i++) weight[i * m] = 0.5 + i / 1000;
    for (let i = 0; i < 5; i++) weight[i * m + 1] = 0.9;
    const input = { n, m, weight, caps: Int32Array.from([5, 20, 20]) };
    const outcome = solveByAuction(input);
    const certificate = certifyFlow(input, outcome.placeOf, outcome.prices);
    // Best: cases 0–4 at place 1 (0.9 each), the five best others at place 0.
    const expected = 5 * 0.9 + [55, 56, 57, 58, 59].reduce((sum, i) => sum + 0.5 + i / 1000, 0);
    expect(certificate.objective).toBeCloseTo(expected, 9);
    expect(certificate.bound).toBeCloseTo(expected, 9);
  });

  it("150 random small instances: equal to successive shortest paths", () => {
    const random = seededRandom(77);
    for (let t = 0; t < 150; t++) {
      const n = 5 + Math.floor(random() * 60);
      const m = 1 + Math.floor(random() * 12);
      const density = 0.05 + random();
      const model = withNegatives(
        unitModel(n, m, 1000 + t, Math.min(1, density), 0.3 + 1.5 * random()),
        random() * 0.6,
      );
      const caps = unitCapacities(model)!;
      const ours = solveTransportation(model, caps);
      expect(ours.objective).toBeCloseTo(solveUnitFlow(model, caps, false).objective, 9);
      expect(ours.bound).toBeCloseTo(ours.objective, 9);
    }
  });

  it("ties everywhere (equal weights): still optimal and within capacity", () => {
    const model = unitModel(120, 10, 8, 1, 0.8);
    const flat = { ...model, weight: model.weight.map(() => 0.5) };
    const caps = unitCapacities(flat)!;
    const ours = solveTransportation(flat, caps);
    const total = caps.reduce((a, b) => a + b, 0);
    expect(ours.objective).toBeCloseTo(0.5 * Math.min(total, 120), 9);
    expect(ours.bound).toBeCloseTo(ours.objective, 9);
  });

  it("the certificate alone repairs a poor start (nobody placed, zero prices) to the optimum", () => {
    const model = unitModel(150, 12, 9, 0.5, 0.9);
    const caps = unitCapacities(model)!;
    const n = model.n;
    const weight = new Float64Array(n * model.m).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < n; i++)
      for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
        weight[i * model.m + model.place[k]!] = model.weight[k]!;
    const input = { n, m: model.m, weight, caps: Int32Array.from(caps) };
    const certificate = certifyFlow(input, new Int32Array(n).fill(-1), new Float64Array(model.m));
    expect(certificate.cycles).toBeGreaterThan(0);
    expect(certificate.objective).toBeCloseTo(solveUnitFlow(model, caps, false).objective, 9);
    expect(dualBound(input, certificate.prices)).toBeCloseTo(certificate.objective, 9);
    // Weak duality: any non-negative prices bound the optimum from above.
    expect(dualBound(input, new Float64Array(model.m).fill(0.1))).toBeGreaterThan(certificate.objective);
  });

  it("the auction alone ends within (bidders × final ε) of the optimum", () => {
    const model = unitModel(200, 10, 10, 1, 0.9);
    const caps = unitCapacities(model)!;
    const weight = new Float64Array(model.n * model.m);
    for (let i = 0; i < model.n; i++)
      for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
        weight[i * model.m + model.place[k]!] = model.weight[k]!;
    const outcome = solveByAuction({ n: model.n, m: model.m, weight, caps: Int32Array.from(caps) });
    let value = 0;
    outcome.placeOf.forEach((p, i) => {
      if (p >= 0) value += weight[i * model.m + p]!;
    });
    expect(value).toBeGreaterThan(solveUnitFlow(model, caps, false).objective - 1e-6);
  });
});

describe("kthSmallest", () => {
  it("agrees with sorting on random arrays with repeats and -Infinity", () => {
    const random = seededRandom(5);
    for (let t = 0; t < 300; t++) {
      const size = 1 + Math.floor(random() * 40);
      const a = Float64Array.from({ length: size }, () =>
        random() < 0.3 ? Number.NEGATIVE_INFINITY : Math.floor(random() * 8),
      );
      const rank = Math.floor(random() * size);
      expect(kthSmallest(a.slice(), rank)).toBe(a.slice().sort()[rank]);
    }
  });
});
