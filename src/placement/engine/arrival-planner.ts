/**
 * Batches over time: each arriving batch is decided for good before the next one is known, against the
 * capacity left by earlier batches (capacity counted in cases).
 *
 * - greedy: the best assignment of this batch alone (myopic: it takes the best places for early arrivals);
 * - dynamic: sample a few plausible futures (as many later arrivals as expected), solve batch + future
 *   exactly for each, average the places' dual prices (what one more slot is worth to later arrivals) and
 *   decide the batch on score − price, ties going to where the scenarios' plans sent each case;
 * - hindsight: every case at once (the unreachable yardstick).
 */
import { solveByAuction } from "./auction-solver.ts";
import { certifyFlow } from "./flow-certificate.ts";

/** Arrivals as dense weights per batch (rows × m, −Infinity where a pair is not allowed) and capacities. */
export interface BatchSequence {
  m: number;
  capacity: Int32Array;
  batches: Float64Array[];
}

/** Draws `count` plausible arrivals after batch `batch` as dense rows (count × m). */
export type FutureSampler = (count: number, random: () => number, batch: number) => Float64Array;

/** Knobs of the dynamic planner. */
export interface DynamicSettings {
  sampleFuture: FutureSampler;
  /** Sampled futures per batch; more gives steadier prices. */
  scenarios: number;
  random: () => number;
  /** Later arrivals expected after batch t (default: the true count, as a yearly quota would give). */
  expectedLater?: (t: number) => number;
  /** Weight of the scenarios' votes, in score units, that breaks near-ties between places. */
  voteWeight?: number;
}

/** Decisions per batch (place index or −1) with the total score and the capacity left. */
export interface BatchPlan {
  placeOf: Int32Array[];
  objective: number;
  remaining: Int32Array;
}

/** Rows of a dense matrix. */
const rowsOf = (weight: Float64Array, m: number) => weight.length / m;

/**
 * Exact assignment that places as many cases as capacity allows, then maximises weight: every allowed
 * weight is shifted by more than the spread of weights, so leaving a case out never pays.
 */
export function assignBatch(
  weight: Float64Array,
  m: number,
  caps: Int32Array,
): { placeOf: Int32Array; prices: Float64Array } {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const w of weight) {
    if (w === Number.NEGATIVE_INFINITY) continue;
    low = Math.min(low, w);
    high = Math.max(high, w);
  }
  const n = rowsOf(weight, m);
  if (low > high) return { placeOf: new Int32Array(n).fill(-1), prices: new Float64Array(m) };
  const shift = high - 2 * low + 1;
  const shifted = weight.map((w) => (w === Number.NEGATIVE_INFINITY ? w : w + shift));
  const input = { n, m, weight: shifted, caps };
  const auction = solveByAuction(input);
  const certificate = certifyFlow(input, auction.placeOf, auction.prices);
  return { placeOf: certificate.placeOf, prices: certificate.prices };
}

function take(placeOf: Int32Array, weight: Float64Array, m: number, remaining: Int32Array): number {
  let total = 0;
  for (let i = 0; i < placeOf.length; i++) {
    const p = placeOf[i]!;
    if (p < 0) continue;
    if (remaining[p]! <= 0) throw new Error(`place ${p} over capacity`);
    remaining[p]!--;
    total += weight[i * m + p]!;
  }
  return total;
}

/** Decides every batch myopically against the capacity left. */
export function planGreedy(sequence: BatchSequence): BatchPlan {
  const remaining = Int32Array.from(sequence.capacity);
  let objective = 0;
  const placeOf = sequence.batches.map((batch) => {
    const decided = assignBatch(batch, sequence.m, remaining).placeOf;
    objective += take(decided, batch, sequence.m, remaining);
    return decided;
  });
  return { placeOf, objective, remaining };
}

/** Every case at once: the best any policy could do knowing all arrivals in advance. */
export function planHindsight(sequence: BatchSequence): BatchPlan {
  const { m } = sequence;
  const all = new Float64Array(sequence.batches.reduce((sum, b) => sum + b.length, 0));
  let at = 0;
  for (const batch of sequence.batches) {
    all.set(batch, at);
    at += batch.length;
  }
  const remaining = Int32Array.from(sequence.capacity);
  const decided = assignBatch(all, m, remaining).placeOf;
  const objective = take(decided, all, m, remaining);
  let row = 0;
  const placeOf = sequence.batches.map((batch) => {
    const n = rowsOf(batch, m);
    row += n;
    return decided.slice(row - n, row);
  });
  return { placeOf, objective, remaining };
}

/** Decides each batch on score minus the average price later arrivals put on each place. */
export function planDynamic(sequence: BatchSequence, settings: DynamicSettings): BatchPlan {
  const { m, batches } = sequence;
  const laterCounts = batches.map((_, t) => batches.slice(t + 1).reduce((sum, b) => sum + rowsOf(b, m), 0));
  const expectedLater = settings.expectedLater ?? ((t: number) => laterCounts[t]!);
  const remaining = Int32Array.from(sequence.capacity);
  let objective = 0;
  const placeOf = batches.map((batch, t) => {
    const later = Math.round(expectedLater(t));
    const decided =
      later > 0 && settings.scenarios > 0
        ? decideWithFuture(batch, t, m, remaining, later, settings)
        : assignBatch(batch, m, remaining).placeOf;
    objective += take(decided, batch, m, remaining);
    return decided;
  });
  return { placeOf, objective, remaining };
}

/** Solves batch + sampled future per scenario; returns the batch's decision on price-adjusted weights. */
function decideWithFuture(
  batch: Float64Array,
  t: number,
  m: number,
  remaining: Int32Array,
  later: number,
  settings: DynamicSettings,
): Int32Array {
  const n = rowsOf(batch, m);
  const prices = new Float64Array(m);
  const votes = new Float64Array(n * m);
  for (let s = 0; s < settings.scenarios; s++) {
    const future = settings.sampleFuture(later, settings.random, t);
    const combined = new Float64Array(batch.length + future.length);
    combined.set(batch);
    combined.set(future, batch.length);
    const solved = assignBatch(combined, m, remaining);
    for (let p = 0; p < m; p++) prices[p]! += solved.prices[p]! / settings.scenarios;
    for (let i = 0; i < n; i++) {
      const p = solved.placeOf[i]!;
      if (p >= 0) votes[i * m + p]! += 1 / settings.scenarios;
    }
  }
  const voteWeight = settings.voteWeight ?? 0.02;
  const adjusted = batch.map((w, k) =>
    w === Number.NEGATIVE_INFINITY ? w : w - prices[k % m]! + voteWeight * votes[k]!,
  );
  return assignBatch(adjusted, m, remaining).placeOf;
}
