import { seededRandom } from "../../shared/seeded-random.ts";
import type { BatchSequence, FutureSampler } from "./arrival-planner.ts";

/** Shape of a generated arrival stream. */
export interface SequenceSpec {
  batches: number;
  batchSize: number;
  places: number;
  seed: number;
  /** Total slots as a share of total arrivals (1 = every slot is needed). */
  capacityRatio?: number;
  /** Weight of the case × place interaction (how much the best place differs from case to case). */
  interaction?: number;
}

/** A generated stream and a sampler of more arrivals from the same distribution (a planner's forecast). */
export interface GeneratedSequence {
  sequence: BatchSequence;
  sampleFuture: FutureSampler;
}

/**
 * Employment-like scores: a logistic of case and place effects plus a case × place interaction (each case
 * has two traits, each place two demands), drawn independently for every arrival.
 */
export function generateSequence(spec: SequenceSpec): GeneratedSequence {
  const random = seededRandom(spec.seed);
  const m = spec.places;
  const interaction = spec.interaction ?? 4;
  const placeEffect = Array.from({ length: m }, () => random() - 0.5);
  const demands = Array.from({ length: m }, () => [random() - 0.5, random() - 0.5] as const);
  const drawRows = (count: number, draw: () => number): Float64Array => {
    const rows = new Float64Array(count * m);
    for (let i = 0; i < count; i++) {
      const effect = draw() * 2 - 1;
      const a = draw() - 0.5;
      const b = draw() - 0.5;
      for (let p = 0; p < m; p++) {
        const [x, y] = demands[p]!;
        const z = effect + placeEffect[p]! + interaction * (a * x + b * y);
        rows[i * m + p] = Math.round(1e6 / (1 + Math.exp(-z))) / 1e6;
      }
    }
    return rows;
  };
  const batches = Array.from({ length: spec.batches }, () => drawRows(spec.batchSize, random));
  const slots = Math.round(spec.batches * spec.batchSize * (spec.capacityRatio ?? 1));
  return {
    sequence: { m, capacity: splitCapacity(slots, m, random), batches },
    sampleFuture: (count, draw) => drawRows(count, draw),
  };
}

/** Splits `slots` over `m` places in uneven shares (0.5–1.5 of the mean), summing exactly to `slots`. */
export function splitCapacity(slots: number, m: number, random: () => number): Int32Array {
  const shares = Array.from({ length: m }, () => 0.5 + random());
  const total = shares.reduce((a, b) => a + b, 0);
  const capacity = Int32Array.from(shares, (s) => Math.floor((slots * s) / total));
  let left = slots - capacity.reduce((a, b) => a + b, 0);
  for (let p = 0; left > 0; p = (p + 1) % m, left--) capacity[p]!++;
  return capacity;
}

/**
 * A forecast with no model of arrivals: later arrivals resemble the cases seen so far, drawn with
 * replacement from the batches up to and including the current one.
 */
export function bootstrapSampler(m: number, batches: Float64Array[]): FutureSampler {
  return (count, random, batch) => {
    const seen = concatRows(batches.slice(0, batch + 1));
    const rows = seen.length / m;
    const out = new Float64Array(count * m);
    if (rows === 0) return out.fill(0);
    for (let i = 0; i < count; i++) {
      const from = Math.floor(random() * rows);
      out.set(seen.subarray(from * m, from * m + m), i * m);
    }
    return out;
  };
}

/** Stacks dense row blocks into one. */
export function concatRows(blocks: Float64Array[]): Float64Array {
  const rows = new Float64Array(blocks.reduce((sum, b) => sum + b.length, 0));
  let at = 0;
  for (const block of blocks) {
    rows.set(block, at);
    at += block.length;
  }
  return rows;
}
