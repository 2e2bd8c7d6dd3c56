/**
 * Blocking on CLK encodings alone (Hamming LSH by bit sampling). Each round samples `bits` positions of
 * the 1024 with a seeded source; two encodings share that round's block when they agree on every sampled
 * bit. A pair agreeing on a share `p` of its bits meets in one round with probability about p^bits, so a
 * true match (p ≈ 0.7–0.95) meets in some round of many while a random pair (p ≈ 0.53) rarely meets.
 * Nothing but the encodings goes in: the blocking keys are subsets of the bits already shared.
 */

import { seededRandom } from "../../shared/seeded-random.ts";
import { CLK_BITS } from "./clk.ts";
import { CLK_BYTES } from "./dice-wasm.ts";

/**
 * `rounds` lists of `bits` distinct positions drawn from `pool` (all 1024 by default) with a seeded
 * source (partial Fisher–Yates): the same seed and pool give the same positions.
 */
export function samplePositions(
  seed: number,
  rounds: number,
  bits: number,
  pool?: Uint16Array,
): Uint16Array[] {
  const random = seededRandom(seed);
  const deck = pool ? pool.slice() : Uint16Array.from({ length: CLK_BITS }, (_, i) => i);
  return Array.from({ length: rounds }, () => {
    for (let t = 0; t < bits; t++) {
      const k = t + Math.floor(random() * (deck.length - t));
      const swap = deck[t]!;
      deck[t] = deck[k]!;
      deck[k] = swap;
    }
    return deck.slice(0, bits);
  });
}

/** The block key of each of `count` encodings packed in `packed`: its bits at `positions`, as one integer. */
export function blockKeys(packed: Uint8Array, count: number, positions: Uint16Array): Int32Array {
  const keys = new Int32Array(count);
  const bits = positions.length;
  const bytes = Int32Array.from(positions, (p) => p >>> 3);
  const shifts = Int32Array.from(positions, (p) => p & 7);
  for (let r = 0, base = 0; r < count; r++, base += CLK_BYTES) {
    let key = 0;
    for (let t = 0; t < bits; t++) key |= ((packed[base + bytes[t]!]! >> shifts[t]!) & 1) << t;
    keys[r] = key;
  }
  return keys;
}

/**
 * Orders records by block key (counting sort): `order` lists record indexes block by block and the
 * records of block `key` are `order[start[key]] … order[start[key + 1] - 1]`.
 */
export function groupByKey(keys: Int32Array, bits: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array((1 << bits) + 1);
  const n = keys.length;
  for (let r = 0; r < n; r++) start[keys[r]! + 1]!++;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  const fill = start.slice(0, -1);
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[fill[keys[r]!]!++] = r;
  return { order, start };
}

/** Copies encodings into one buffer, record after record. */
export function packEncodings(clks: readonly Uint8Array[]): Uint8Array {
  const packed = new Uint8Array(clks.length * CLK_BYTES);
  clks.forEach((clk, r) => {
    packed.set(clk, r * CLK_BYTES);
  });
  return packed;
}
