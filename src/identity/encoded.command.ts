import { writeFileSync } from "node:fs";
import { AppError, failOnProblems } from "../platform/errors.ts";
import { type Progress, startProgress } from "../platform/progress.ts";
import { readTextFileSync } from "../platform/text-input.ts";
import { encodeClk, fieldKeys } from "./engine/clk.ts";
import type { BlockingOptions, BlockingPlan } from "./engine/encoded-blocking-plan.ts";
import { encodedLine, linkEncodings, parseEncodedLines } from "./engine/encoded-link.ts";
import { loadPeople, readInputFile, writeLinks } from "./match.command.ts";

/** Reads the shared secret; an absent, empty or short key is bad input (never a silent default key). */
export function readKey(file: string): Uint8Array {
  const text = readTextFileSync(file).trim();
  if (text.length < 16) {
    throw new AppError(
      "BAD_INPUT",
      `${file}: the key must hold at least 16 characters of secret, got ${text.length}`,
    );
  }
  return new TextEncoder().encode(text);
}

/** `identity encode`: a CSV of people in, one {id, clk} per line out. */
export async function runEncode(
  file: string,
  opts: { keyFile: string; id: string; map: string; out: string },
): Promise<void> {
  const keys = fieldKeys(readKey(opts.keyFile));
  const people = loadPeople(file, opts.id, opts.map);
  const progress = startProgress({ label: "encoding", total: people.length });
  const lines = people.map((p) => {
    progress.tick();
    return encodedLine({ id: p.id, clk: encodeClk(p, keys) });
  });
  progress.done();
  writeFileSync(opts.out, `${lines.join("\n")}\n`);
  process.stderr.write(`${opts.out}: ${people.length} encodings\n`);
}

function loadEncodings(file: string) {
  const { records, problems } = parseEncodedLines(readInputFile(file));
  failOnProblems(
    problems.map((p) => ({ ...p, file })),
    `${file} cannot be read as encodings`,
  );
  return records;
}

function parseDice(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new AppError("BAD_INPUT", `${option} must be a Dice similarity in (0, 1], got "${text}"`);
  }
  return value;
}

function parseBlocking(opts: LinkEncodedCliOptions): BlockingOptions {
  const mode = opts.blocking;
  if (mode !== "auto" && mode !== "lsh" && mode !== "none") {
    throw new AppError("BAD_INPUT", `--blocking must be auto, lsh or none, got "${mode}"`);
  }
  const seed = Number(opts.blockingSeed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new AppError("BAD_INPUT", `--blocking-seed must be a whole number, got "${opts.blockingSeed}"`);
  }
  return { mode, seed };
}

function describePlan(plan: BlockingPlan): string {
  if (plan.method === "none") return "comparing all against all";
  return `blocking on the encodings: ${plan.rounds} rounds of ${plan.bits} sampled bits (seed ${plan.seed})`;
}

/** `identity link-encoded`: two encoding files in, the same link rows as `identity link` out. */
export async function runLinkEncoded(a: string, b: string, opts: LinkEncodedCliOptions): Promise<void> {
  const likely = parseDice(opts.likely, "--likely");
  const possible = parseDice(opts.possible, "--possible");
  const blocking = parseBlocking(opts);
  const left = loadEncodings(a);
  const right = loadEncodings(b);
  let progress: Progress | undefined;
  let done = 0;
  let compared = 0;
  const rows = linkEncodings(left, right, {
    likely,
    possible,
    blocking,
    onPlan: (plan) => {
      process.stderr.write(`${describePlan(plan)}\n`);
      const label = plan.method === "none" ? "comparing encodings (records)" : "comparing encodings (rounds)";
      progress = startProgress({ label });
    },
    onProgress: (n, total) => {
      progress?.setTotal(total);
      progress?.tick(n - done);
      done = n;
    },
    onCompared: (n) => {
      compared = n;
    },
  });
  progress?.done();
  writeLinks(opts.out, rows);
  const likelyCount = rows.filter((r) => r.band === "likely").length;
  const share = ((100 * compared) / Math.max(left.length * right.length, 1)).toFixed(2);
  process.stderr.write(
    `${opts.out}: ${likelyCount} likely and ${rows.length - likelyCount} possible pairs (${share}% of pairs compared)\n`,
  );
}

/** Options of `identity link-encoded`, as commander hands them over. */
export interface LinkEncodedCliOptions {
  out: string;
  likely: string;
  possible: string;
  blocking: string;
  blockingSeed: string;
}
