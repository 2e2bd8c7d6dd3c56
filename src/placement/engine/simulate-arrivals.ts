import { seededRandom } from "../../shared/seeded-random.ts";
import {
  type BatchPlan,
  type BatchSequence,
  planDynamic,
  planGreedy,
  planHindsight,
} from "./arrival-planner.ts";
import { bootstrapSampler } from "./arrival-sequence.ts";
import type { PlacementModel } from "./placement-model.ts";

/** How to replay an instance as arrivals. */
export interface SimulationSettings {
  /** Cases arrive in file order, cut into this many consecutive batches of (nearly) equal size. */
  batches: number;
  scenarios: number;
  seed: number;
}

/** The three policies on the same arrivals, and the dynamic decisions per case in input order. */
export interface SimulationOutcome {
  greedy: BatchPlan;
  dynamic: BatchPlan;
  hindsight: BatchPlan;
  placeOf: Int32Array;
}

/** Cuts the model's cases, in order, into `count` batches of dense weights (−Infinity where not allowed). */
export function sequenceFromModel(model: PlacementModel, caps: Float64Array, count: number): BatchSequence {
  const { n, m } = model;
  const batches: Float64Array[] = [];
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * n) / count);
    const to = Math.floor(((b + 1) * n) / count);
    const rows = new Float64Array((to - from) * m).fill(Number.NEGATIVE_INFINITY);
    for (let i = from; i < to; i++) {
      for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
        rows[(i - from) * m + model.place[k]!] = model.weight[k]!;
    }
    batches.push(rows);
  }
  return { m, capacity: Int32Array.from(caps, (c) => Math.max(0, Math.floor(c))), batches };
}

/**
 * Replays the cases as batches under greedy, dynamic and hindsight. The dynamic planner forecasts later
 * arrivals by resampling the cases seen so far (no model of arrivals) and knows how many are still to
 * come, as a yearly quota would tell it.
 */
export function simulateBatches(sequence: BatchSequence, settings: SimulationSettings): SimulationOutcome {
  const dynamic = planDynamic(sequence, {
    scenarios: settings.scenarios,
    random: seededRandom(settings.seed),
    sampleFuture: bootstrapSampler(sequence.m, sequence.batches),
  });
  const placeOf = Int32Array.from(dynamic.placeOf.flatMap((decided) => [...decided]));
  return { greedy: planGreedy(sequence), dynamic, hindsight: planHindsight(sequence), placeOf };
}

/** The comparison as printable lines. */
export function formatSimulation(outcome: SimulationOutcome, batches: number): string[] {
  const h = outcome.hindsight.objective;
  const line = (name: string, plan: BatchPlan) =>
    `  ${name.padEnd(9)} total score ${plan.objective.toFixed(4).padStart(12)}  ${((plan.objective / h) * 100).toFixed(2)}% of hindsight`;
  return [
    `${batches} batches in file order:`,
    line("dynamic", outcome.dynamic),
    line("greedy", outcome.greedy),
    line("hindsight", outcome.hindsight),
  ];
}
