import { popcount } from "./clk.ts";
import { CLK_BYTES, createDiceScanner } from "./dice-wasm.ts";
import type { LinkRow } from "./link.ts";
import type { RecordProblem } from "./records-csv.ts";

/** An encoded record as nations exchange it: an opaque reference and its CLK, nothing else. */
export interface EncodedRecord {
  id: string;
  clk: Uint8Array;
}

export interface EncodedLinkOptions {
  /** Dice similarity from which a pair is a likely match (one-to-one). */
  likely?: number;
  /** Dice similarity from which a pair is reported for review. */
  possible?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Serialises one encoded record as an NDJSON line. */
export function encodedLine(r: EncodedRecord): string {
  return JSON.stringify({ id: r.id, clk: Buffer.from(r.clk).toString("base64") });
}

/** Parses an NDJSON file of encodings; each bad line is reported with its number. */
export function parseEncodedLines(text: string): { records: EncodedRecord[]; problems: RecordProblem[] } {
  const records: EncodedRecord[] = [];
  const problems: RecordProblem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      const value = JSON.parse(line) as { id?: unknown; clk?: unknown };
      if (typeof value.id !== "string" || typeof value.clk !== "string")
        throw new Error("needs id and clk strings");
      const clk = new Uint8Array(Buffer.from(value.clk, "base64"));
      if (clk.length !== CLK_BYTES)
        throw new Error(`clk must be ${CLK_BYTES * 8} bits, got ${clk.length * 8}`);
      records.push({ id: value.id, clk });
    } catch (error) {
      problems.push({ line: index + 1, message: (error as Error).message });
    }
  });
  if (records.length === 0 && problems.length === 0)
    problems.push({ message: "the file holds no encodings" });
  return { records, problems };
}

/**
 * Links two sets of encodings by Dice similarity computed in WebAssembly. Likely pairs are a one-to-one
 * assignment, strongest first; other pairs above `possible` are returned for review.
 */
export function linkEncodings(
  a: EncodedRecord[],
  b: EncodedRecord[],
  options: EncodedLinkOptions = {},
): LinkRow[] {
  const likely = options.likely ?? 0.7;
  const possible = Math.min(options.possible ?? 0.6, likely);
  const found = scanAll(a, b, possible, options.onProgress);
  const order = found.dice.map((_, k) => k).sort((x, y) => found.dice[y]! - found.dice[x]!);
  const takenA = new Uint8Array(a.length);
  const takenB = new Uint8Array(b.length);
  const rows: LinkRow[] = [];
  for (const k of order) {
    const i = found.i[k]!;
    const j = found.j[k]!;
    const score = found.dice[k]!;
    const isLikely = score >= likely && takenA[i] === 0 && takenB[j] === 0;
    if (isLikely) takenA[i] = takenB[j] = 1;
    rows.push({ leftId: a[i]!.id, rightId: b[j]!.id, score, band: isLikely ? "likely" : "possible" });
  }
  return rows;
}

/** Every pair at or above `threshold`, comparing each record of `a` with all of `b`. */
function scanAll(
  a: EncodedRecord[],
  b: EncodedRecord[],
  threshold: number,
  onProgress?: (d: number, t: number) => void,
) {
  const scanner = createDiceScanner();
  const base = CLK_BYTES;
  const pcs = base + b.length * CLK_BYTES;
  const out = pcs + b.length * 4;
  const needed = out + b.length * 8;
  const pages = Math.ceil(needed / 65536) - scanner.memory.buffer.byteLength / 65536;
  if (pages > 0) scanner.memory.grow(pages);
  const bytes = new Uint8Array(scanner.memory.buffer);
  const ints = new Int32Array(scanner.memory.buffer);
  b.forEach((r, j) => {
    bytes.set(r.clk, base + j * CLK_BYTES);
    ints[pcs / 4 + j] = popcount(r.clk);
  });
  const found = { i: [] as number[], j: [] as number[], dice: [] as number[] };
  a.forEach((r, i) => {
    bytes.set(r.clk, 0);
    const qpc = popcount(r.clk);
    const kept = scanner.scan(0, base, b.length, pcs, qpc, threshold, out);
    for (let k = 0; k < kept; k++) {
      const j = ints[out / 4 + 2 * k]!;
      const shared = ints[out / 4 + 2 * k + 1]!;
      found.i.push(i);
      found.j.push(j);
      found.dice.push((2 * shared) / (qpc + ints[pcs / 4 + j]!));
    }
    if ((i & 1023) === 1023 || i === a.length - 1) onProgress?.(i + 1, a.length);
  });
  return found;
}
