import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseKeyValueList } from "../platform/cli-support.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import { startProgress } from "../platform/progress.ts";
import { readTextFileSync } from "../platform/text-input.ts";
import { csvDocument } from "../shared/csv-write.ts";
import { clusterPeopleInParallel } from "./cluster.pool.ts";
import type { LinkRow, MatchOptions } from "./engine/link.ts";
import { normalisePerson, type Person, type RawPerson } from "./engine/person.ts";
import { readPeopleCsv } from "./engine/records-csv.ts";
import { linkPeopleInParallel } from "./score.pool.ts";

/** Reads a file's text strictly, turning a missing, unreadable or undecodable file into bad input. */
export function readInputFile(file: string, delimiter?: string): string {
  return readTextFileSync(file, delimiter === undefined ? {} : { delimiter });
}

/** Reads and checks raw records from a CSV file; every problem is reported with its line, then exit 2. */
export function loadRawPeople(file: string, id: string, mapText: string): RawPerson[] {
  const requested = parseKeyValueList(mapText ?? "", "--map");
  const { people, problems } = readPeopleCsv(readInputFile(file, ","), id, requested);
  failOnProblems(
    problems.map((p) => ({ ...p, file })),
    `${file} cannot be read as people`,
  );
  return people;
}

/** Loads and normalises people, with progress, and warns about dates it could not read. */
export function loadPeople(file: string, id: string, mapText: string): Person[] {
  const raw = loadRawPeople(file, id, mapText);
  const progress = startProgress({ label: `normalising ${file}`, total: raw.length });
  const people = raw.map((r) => {
    progress.tick();
    return normalisePerson(r);
  });
  progress.done();
  const unreadable = people.filter((p) => p.dobUnreadable).length;
  if (unreadable > 0) {
    process.stderr.write(`warning: ${file}: ${unreadable} date(s) of birth not readable, taken as missing\n`);
  }
  return people;
}

/** Threads that score pairs: one per core, at most four (each holds a copy of the texts). */
function threadCount(): number {
  return Math.min(4, availableParallelism());
}

/** Progress hooks that print stages and a bar while pairs are scored. */
export function progressHooks(seedText: string): MatchOptions {
  const seed = Number(seedText);
  if (!Number.isInteger(seed))
    throw new AppError("BAD_INPUT", `--seed must be a whole number, got "${seedText}"`);
  let bar: ReturnType<typeof startProgress> | null = null;
  let done = 0;
  return {
    seed,
    onStage: (stage) => process.stderr.write(`${stage}\n`),
    onScored: (n, total) => {
      bar ??= startProgress({ label: "scoring pairs", total });
      bar.tick(n - done);
      done = n;
      if (n === total) bar.done();
    },
  };
}

/** Writes link rows as left_id,right_id,score,band. */
export function writeLinks(file: string, rows: LinkRow[]): void {
  const cells = rows.map((r) => [r.leftId, r.rightId, r.score.toFixed(4), r.band]);
  writeFileSync(file, csvDocument(["left_id", "right_id", "score", "band"], cells));
}

/** `identity link`: two files in, likely (one-to-one) and possible pairs out. */
export async function runLink(left: string, right: string, opts: MatchCliOptions): Promise<void> {
  const a = loadPeople(left, opts.id, opts.map);
  const b = loadPeople(right, opts.id, opts.map);
  const rows = await linkPeopleInParallel(a, b, { ...progressHooks(opts.seed), threads: threadCount() });
  writeLinks(opts.out, rows);
  const likely = rows.filter((r) => r.band === "likely").length;
  process.stderr.write(`${opts.out}: ${likely} likely and ${rows.length - likely} possible pairs\n`);
}

/** `identity dedupe`: one file in, a cluster id for every record out. */
export async function runDedupe(file: string, opts: MatchCliOptions & { pairs?: string }): Promise<void> {
  const people = loadPeople(file, opts.id, opts.map);
  const result = await clusterPeopleInParallel(people, {
    ...progressHooks(opts.seed),
    threads: threadCount(),
  });
  const cells = people.map((p, i) => [p.id, result.clusterIds[i]]);
  writeFileSync(opts.out, csvDocument(["id", "cluster_id"], cells));
  if (opts.pairs) writeLinks(opts.pairs, result.pairs);
  const clusters = new Set(result.clusterIds).size;
  process.stderr.write(`${opts.out}: ${people.length} records in ${clusters} clusters\n`);
}

/** Options shared by the matching commands, as commander hands them over. */
export interface MatchCliOptions {
  id: string;
  map: string;
  out: string;
  seed: string;
}
