import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import {
  type BatchPlan,
  type BatchSequence,
  planDynamic,
  planGreedy,
  planHindsight,
} from "./arrival-planner.ts";
import { bootstrapSampler, generateSequence } from "./arrival-sequence.ts";

const NO = Number.NEGATIVE_INFINITY;

// Places A and B, one slot each. The first arrival is nearly as good at B as at A; the second is good
// only at A. Greedy gives A to the first (0.9 + 0.1); waiting for the second is worth 0.8 + 0.9.
const trap: BatchSequence = {
  m: 2,
  capacity: Int32Array.from([1, 1]),
  batches: [Float64Array.from([0.9, 0.8]), Float64Array.from([0.9, 0.1])],
};
const specialists = (count: number) =>
  Float64Array.from({ length: 2 * count }, (_, k) => (k % 2 ? 0.1 : 0.9));

describe("batches over time", () => {
  it("greedy falls into the trap; the dynamic planner reserves A and reaches the hindsight optimum", () => {
    expect(planGreedy(trap).objective).toBeCloseTo(1.0, 9);
    expect(planHindsight(trap).objective).toBeCloseTo(1.7, 9);
    const dynamic = planDynamic(trap, { sampleFuture: specialists, scenarios: 3, random: seededRandom(1) });
    expect(dynamic.objective).toBeCloseTo(1.7, 9);
    expect([...dynamic.placeOf[0]!, ...dynamic.placeOf[1]!]).toEqual([1, 0]);
  });

  it("decides like greedy when it expects nobody later", () => {
    const dynamic = planDynamic(trap, {
      sampleFuture: specialists,
      scenarios: 3,
      random: seededRandom(1),
      expectedLater: () => 0,
    });
    expect(dynamic.objective).toBeCloseTo(planGreedy(trap).objective, 9);
  });

  it.each([1, 2, 3])(
    "never over-fills, places only allowed pairs, leaves a case out only when full (seed %i)",
    (seed) => {
      const { sequence, sampleFuture } = generateSequence({
        batches: 6,
        batchSize: 25,
        places: 8,
        seed,
        capacityRatio: 0.8,
      });
      // Forbid about a third of the pairs, so compatibility matters too.
      const random = seededRandom(seed + 10);
      for (const batch of sequence.batches)
        for (let k = 0; k < batch.length; k++) if (random() < 0.3) batch[k] = NO;
      const plans = [
        planGreedy(sequence),
        planHindsight(sequence),
        planDynamic(sequence, { sampleFuture, scenarios: 2, random: seededRandom(seed) }),
      ];
      for (const plan of plans) expectValid(sequence, plan);
    },
  );

  it("beats or matches greedy on generated streams, with a forecast from the cases seen so far", () => {
    for (const seed of [4, 5]) {
      const { sequence } = generateSequence({ batches: 8, batchSize: 30, places: 10, seed });
      const greedy = planGreedy(sequence).objective;
      const hindsight = planHindsight(sequence).objective;
      const dynamic = planDynamic(sequence, {
        sampleFuture: bootstrapSampler(sequence.m, sequence.batches),
        scenarios: 3,
        random: seededRandom(seed),
      }).objective;
      expect(dynamic).toBeGreaterThanOrEqual(greedy);
      expect(hindsight).toBeGreaterThanOrEqual(dynamic - 1e-9);
    }
  });
});

function expectValid(sequence: BatchSequence, plan: BatchPlan): void {
  const used = new Int32Array(sequence.m);
  const leftOut: number[][] = [];
  sequence.batches.forEach((batch, t) => {
    plan.placeOf[t]!.forEach((p, i) => {
      const row = batch.subarray(i * sequence.m, (i + 1) * sequence.m);
      if (p < 0) leftOut.push([...row.keys()].filter((q) => row[q]! > NO));
      else {
        expect(row[p]).toBeGreaterThan(NO);
        used[p]!++;
      }
    });
  });
  for (let p = 0; p < sequence.m; p++) expect(used[p]).toBeLessThanOrEqual(sequence.capacity[p]!);
  for (let p = 0; p < sequence.m; p++) expect(plan.remaining[p]).toBe(sequence.capacity[p]! - used[p]!);
  // Capacity only shrinks, so a place with room at the end had room when the case was decided.
  for (const allowed of leftOut) for (const p of allowed) expect(plan.remaining[p]).toBe(0);
}
