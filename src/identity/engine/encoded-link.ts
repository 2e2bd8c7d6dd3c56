import { CLK_BYTES } from "./dice-wasm.ts";
import { packEncodings } from "./encoded-blocking.ts";
import { type BlockingOptions, type BlockingPlan, planBlocking } from "./encoded-blocking-plan.ts";
import { scanAll, scanBlocked } from "./encoded-scan.ts";
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
  /** Blocking on the encodings; the default ("auto") compares all against all when that is cheaper. */
  blocking?: BlockingOptions;
  /** Progress in left records (all against all) or in rounds (blocking). */
  onProgress?: (done: number, total: number) => void;
  /** Told which plan will run, before the comparisons start. */
  onPlan?: (plan: BlockingPlan) => void;
  /** Told how many pairs were compared, at the end. */
  onCompared?: (comparisons: number) => void;
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
 * assignment, strongest first; other pairs above `possible` are returned for review. Candidate pairs come
 * from blocking on the encodings (`blocking.mode`: "auto" picks all-against-all when that is cheaper).
 */
export function linkEncodings(
  a: EncodedRecord[],
  b: EncodedRecord[],
  options: EncodedLinkOptions = {},
): LinkRow[] {
  const likely = options.likely ?? 0.7;
  const possible = Math.min(options.possible ?? 0.6, likely);
  const packedA = packEncodings(a.map((r) => r.clk));
  const packedB = packEncodings(b.map((r) => r.clk));
  const plan = planBlocking(packedA, packedB, likely, options.blocking);
  options.onPlan?.(plan);
  const found =
    plan.method === "none"
      ? scanAll(packedA, packedB, possible, options.onProgress)
      : scanBlocked(packedA, packedB, possible, plan, options.onProgress);
  options.onCompared?.(found.comparisons);
  const order = found.dice.map((_, k) => k).sort((x, y) => found.dice[y]! - found.dice[x]! || x - y);
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
