/**
 * Finding every pair of encodings at or above a Dice threshold with the WebAssembly scanner: all against
 * all, or only within the blocks of each bit-sampling round (see encoded-blocking.ts).
 */
import { popcount } from "./clk.ts";
import { CLK_BYTES, createDiceScanner } from "./dice-wasm.ts";
import { blockKeys, groupByKey, samplePositions } from "./encoded-blocking.ts";
import type { BlockingPlan } from "./encoded-blocking-plan.ts";

/** Pairs found (indexes into both sides, Dice) and how many comparisons it took. */
export interface ScanResult {
  i: number[];
  j: number[];
  dice: number[];
  comparisons: number;
}

type Progress = (done: number, total: number) => void;

/** WebAssembly memory laid out as: every left encoding, the right side, its popcounts, the output slots. */
function arena(na: number, nb: number) {
  const scanner = createDiceScanner();
  const aBase = 0;
  const bBase = na * CLK_BYTES;
  const pcsBase = bBase + nb * CLK_BYTES;
  const outBase = pcsBase + nb * 4;
  const needed = outBase + nb * 8;
  const pages = Math.ceil(needed / 65536) - scanner.memory.buffer.byteLength / 65536;
  if (pages > 0) scanner.memory.grow(pages);
  const bytes = new Uint8Array(scanner.memory.buffer);
  const ints = new Int32Array(scanner.memory.buffer);
  return { scanner, bytes, ints, aBase, bBase, pcsBase, outBase };
}

function popcounts(packed: Uint8Array): Int32Array {
  const n = packed.length / CLK_BYTES;
  return Int32Array.from({ length: n }, (_, r) =>
    popcount(packed.subarray(r * CLK_BYTES, (r + 1) * CLK_BYTES)),
  );
}

/** Every pair at or above `threshold`, comparing each left encoding with all right ones. */
export function scanAll(a: Uint8Array, b: Uint8Array, threshold: number, onProgress?: Progress): ScanResult {
  const na = a.length / CLK_BYTES;
  const nb = b.length / CLK_BYTES;
  const m = arena(na, nb);
  m.bytes.set(a, m.aBase);
  m.bytes.set(b, m.bBase);
  const pcA = popcounts(a);
  m.ints.set(popcounts(b), m.pcsBase / 4);
  const found: ScanResult = { i: [], j: [], dice: [], comparisons: na * nb };
  const out = m.outBase / 4;
  for (let i = 0; i < na; i++) {
    const kept = m.scanner.scan(
      m.aBase + i * CLK_BYTES,
      m.bBase,
      nb,
      m.pcsBase,
      pcA[i]!,
      threshold,
      m.outBase,
    );
    for (let k = 0; k < kept; k++) {
      const j = m.ints[out + 2 * k]!;
      found.i.push(i);
      found.j.push(j);
      found.dice.push((2 * m.ints[out + 2 * k + 1]!) / (pcA[i]! + m.ints[m.pcsBase / 4 + j]!));
    }
    if ((i & 1023) === 1023 || i === na - 1) onProgress?.(i + 1, na);
  }
  return found;
}

/**
 * Every pair at or above `threshold` that shares a block in at least one round of `plan`. Each round
 * lays the right side out block by block, so a left encoding is scanned against its block's run only.
 */
export function scanBlocked(
  a: Uint8Array,
  b: Uint8Array,
  threshold: number,
  plan: BlockingPlan,
  onProgress?: Progress,
): ScanResult {
  const na = a.length / CLK_BYTES;
  const nb = b.length / CLK_BYTES;
  const m = arena(na, nb);
  m.bytes.set(a, m.aBase);
  const sides = { pcA: popcounts(a), pcB: popcounts(b), bWords: wordsOf(b) };
  const hits = pairCollector(nb);
  samplePositions(plan.seed, plan.rounds, plan.bits, plan.pool).forEach((round, r) => {
    const blocks = groupByKey(blockKeys(b, nb, round), plan.bits);
    layoutRightSide(m, sides, blocks.order);
    const keysA = blockKeys(a, na, round);
    for (let i = 0; i < na; i++) {
      const from = blocks.start[keysA[i]!]!;
      const count = blocks.start[keysA[i]! + 1]! - from;
      if (count === 0) continue;
      hits.found.comparisons += count;
      const query = m.aBase + i * CLK_BYTES;
      const kept = m.scanner.scan(
        query,
        m.bBase + from * CLK_BYTES,
        count,
        m.pcsBase + from * 4,
        sides.pcA[i]!,
        threshold,
        m.outBase,
      );
      for (let k = 0; k < kept; k++) {
        const j = blocks.order[from + m.ints[(m.outBase >> 2) + 2 * k]!]!;
        const shared = m.ints[(m.outBase >> 2) + 2 * k + 1]!;
        hits.add(i, j, (2 * shared) / (sides.pcA[i]! + sides.pcB[j]!));
      }
    }
    onProgress?.(r + 1, plan.rounds);
  });
  return hits.found;
}

type Arena = ReturnType<typeof arena>;

/** 32-bit words of packed encodings (copied when the bytes do not start on a word boundary). */
function wordsOf(packed: Uint8Array): Int32Array {
  const aligned = packed.byteOffset % 4 === 0 ? packed : packed.slice();
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
}

/** Copies the right side's encodings and popcounts into WebAssembly memory in block order. */
function layoutRightSide(m: Arena, sides: { pcB: Int32Array; bWords: Int32Array }, order: Int32Array): void {
  const words = CLK_BYTES / 4;
  const { ints } = m;
  const { bWords, pcB } = sides;
  const base = m.bBase >> 2;
  const pcs = m.pcsBase >> 2;
  for (let s = 0; s < order.length; s++) {
    const j = order[s]!;
    // A word loop, not subarray + set: no view object per record, and 32 words is short.
    for (let w = 0, to = base + s * words, from = j * words; w < words; w++) ints[to + w] = bWords[from + w]!;
    ints[pcs + s] = pcB[j]!;
  }
}

/**
 * Collects found pairs once each, although a close pair meets in many rounds: an open-addressing set of
 * pair codes (i · nb + j) in typed arrays, so a repeat costs a probe or two and no allocation.
 */
function pairCollector(nb: number) {
  const found: ScanResult = { i: [], j: [], dice: [], comparisons: 0 };
  let slots = new Float64Array(1 << 16).fill(-1);
  let used = 0;
  const insert = (table: Float64Array, code: number): boolean => {
    const mask = table.length - 1;
    let h = Math.imul((code % 2147483647) ^ (code / 65536), 0x45d9f3b);
    h ^= h >>> 15;
    for (; ; h++) {
      const slot = table[h & mask]!;
      if (slot === code) return false;
      if (slot === -1) {
        table[h & mask] = code;
        return true;
      }
    }
  };
  return {
    found,
    add(i: number, j: number, dice: number): void {
      if (!insert(slots, i * nb + j)) return;
      found.i.push(i);
      found.j.push(j);
      found.dice.push(dice);
      if (++used * 2 < slots.length) return;
      const bigger = new Float64Array(slots.length * 2).fill(-1);
      for (const code of slots) if (code !== -1) insert(bigger, code);
      slots = bigger;
    },
  };
}
