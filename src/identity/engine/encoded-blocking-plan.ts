/**
 * Planning blocking on encodings: whether to block at all, and with how many bits per round and how many
 * rounds. Everything is read from the encodings themselves (bit frequencies, popcounts, a seeded sample
 * of pairs); nothing else about the records is known at this point.
 */

import { seededRandom } from "../../shared/seeded-random.ts";
import { CLK_BITS } from "./clk.ts";
import { CLK_BYTES } from "./dice-wasm.ts";

export type BlockingMode = "auto" | "lsh" | "none";

/** How a link on encodings compares pairs: all against all, or `rounds` rounds of `bits` sampled bits. */
export interface BlockingPlan {
  method: "lsh" | "none";
  bits: number;
  rounds: number;
  seed: number;
  /** Bit positions the rounds sample from: those set in about half the encodings. */
  pool: Uint16Array;
  /** Expected cost in Dice comparisons (all pairs for "none"; rounds add their per-record work). */
  expectedCost: number;
}

export interface BlockingOptions {
  /** "auto" (the default) blocks when that is expected to be cheaper than all against all. */
  mode?: BlockingMode;
  /** Seed of the sampled bit positions: the same seed gives the same blocks. */
  seed?: number;
  bits?: number;
  rounds?: number;
  /**
   * Chance that a pair lying exactly at the likely threshold is missed by every round. Pairs above the
   * threshold agree on more bits and are missed far less often.
   */
  missAtThreshold?: number;
}

export const DEFAULT_BLOCKING_SEED = 20240611;
const DEFAULT_MISS = 0.1;
const MIN_BITS = 6;
/** 2^20 blocks a round at most: the block index of a round stays a 4 MB array. */
const MAX_BITS = 20;
const MAX_ROUNDS = 2000;
/** Work of one round per record (keys, bucket sort, copy, one scan call) in Dice comparisons, measured here. */
const ROUND_COST_PER_RECORD = 30;
const POOL_SIZE = 512;
const AUTO_BLOCKING_GAIN = 0.5;
/** Up to this many pairs, comparing them all costs less than planning (a few milliseconds). */
const ALWAYS_ALL_PAIRS = 1_000_000;
const SAMPLED_PAIRS = 4000;
const SAMPLED_RECORDS = 20_000;

const BYTE_BITS = Uint8Array.from({ length: 256 }, (_, v) => {
  let c = 0;
  for (; v; v &= v - 1) c++;
  return c;
});

/**
 * The `POOL_SIZE` positions set in the share of encodings closest to one half (ties by position), read
 * from a seeded sample of both sides. A bit nearly always set or clear is shared by unrelated records
 * too, so sampling it only adds chance meetings.
 */
export function balancedPool(a: Uint8Array, b: Uint8Array, seed: number): Uint16Array {
  const counts = new Float64Array(CLK_BITS);
  const random = seededRandom(seed ^ 0x2545f491);
  let seen = 0;
  for (const side of [a, b]) {
    const n = side.length / CLK_BYTES;
    const take = Math.min(n, SAMPLED_RECORDS);
    for (let s = 0; s < take; s++) {
      const r = take === n ? s : Math.floor(random() * n);
      for (let p = 0; p < CLK_BITS; p++) counts[p]! += (side[r * CLK_BYTES + (p >> 3)]! >> (p & 7)) & 1;
    }
    seen += take;
  }
  const balance = (p: number) => Math.abs(counts[p]! / Math.max(seen, 1) - 0.5);
  const order = Array.from({ length: CLK_BITS }, (_, p) => p).sort(
    (p, q) => balance(p) - balance(q) || p - q,
  );
  return Uint16Array.from(order.slice(0, POOL_SIZE)).sort();
}

/** Share of the pool's bits on which encoding i of `a` and j of `b` agree. */
function poolAgreement(a: Uint8Array, i: number, b: Uint8Array, j: number, pool: Uint16Array): number {
  let same = 0;
  for (const p of pool) {
    const byte = p >> 3;
    same += ((a[i * CLK_BYTES + byte]! ^ b[j * CLK_BYTES + byte]!) >> (p & 7)) & 1 ? 0 : 1;
  }
  return same / pool.length;
}

function meanPopcount(packed: Uint8Array): number {
  let set = 0;
  for (let k = 0; k < packed.length; k++) set += BYTE_BITS[packed[k]!]!;
  return set / Math.max(packed.length / CLK_BYTES, 1);
}

/**
 * Chooses between all against all and bit-sampling blocking: a pair at the threshold differs on a share
 * of bits that follows from the mean popcount; unrelated pairs agree as a seeded sample of pairs does.
 * Rounds keep the miss chance at the threshold; bits per round minimise the expected cost.
 */
export function planBlocking(
  a: Uint8Array,
  b: Uint8Array,
  threshold: number,
  options: BlockingOptions = {},
): BlockingPlan {
  const na = a.length / CLK_BYTES;
  const nb = b.length / CLK_BYTES;
  const seed = options.seed ?? DEFAULT_BLOCKING_SEED;
  const none = { method: "none", bits: 0, rounds: 0, seed, pool: new Uint16Array(), expectedCost: na * nb };
  const small = options.mode !== "lsh" && na * nb <= ALWAYS_ALL_PAIRS;
  if (options.mode === "none" || small || na === 0 || nb === 0) return none as BlockingPlan;
  const pool = balancedPool(a, b, seed);
  const meanPop = (meanPopcount(a) * na + meanPopcount(b) * nb) / (na + nb);
  const atThreshold = Math.max(1 - (2 * meanPop * (1 - threshold)) / CLK_BITS, 0.05);
  const random = seededRandom(seed ^ 0x5bd1e995);
  const unrelated = Array.from({ length: SAMPLED_PAIRS }, () =>
    poolAgreement(a, Math.floor(random() * na), b, Math.floor(random() * nb), pool),
  );
  const miss = options.missAtThreshold ?? DEFAULT_MISS;
  const roundsFor = (bits: number) =>
    Math.min(MAX_ROUNDS, Math.ceil(Math.log(miss) / Math.log1p(-(atThreshold ** bits))));
  let best: BlockingPlan | undefined;
  for (const bits of options.bits ? [clampBits(options.bits)] : range(MIN_BITS, MAX_BITS)) {
    const rounds = options.rounds ?? roundsFor(bits);
    const collide = unrelated.reduce((s, p) => s + p ** bits, 0) / unrelated.length;
    const cost = rounds * ((na + nb) * ROUND_COST_PER_RECORD + na * nb * collide);
    if (!best || cost < best.expectedCost)
      best = { method: "lsh", bits, rounds, seed, pool, expectedCost: cost };
  }
  // All against all is exact and free of planning guesses, so blocking must promise at least half the work.
  if (options.mode === "lsh" || best!.expectedCost < AUTO_BLOCKING_GAIN * na * nb) return best!;
  return none as BlockingPlan;
}

function clampBits(bits: number): number {
  return Math.min(Math.max(Math.round(bits), 1), MAX_BITS);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
