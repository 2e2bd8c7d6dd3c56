import { createWriteStream, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { AppError } from "../platform/errors.ts";
import { startProgress } from "../platform/progress.ts";
import { readTextFileSync } from "../platform/text-input.ts";
import { csvRow } from "../shared/csv-write.ts";
import { seededRandom } from "../shared/seeded-random.ts";
import { builtInNamePools, type NamePools, namePoolsFromLists } from "./engine/generator-names.ts";
import { GENERATED_COLUMNS, type GeneratedPerson, generatePeople } from "./engine/people-generator.ts";

const FORENAMES = "popnames_common-forenames-by-country.csv";
const SURNAMES = "popnames_common-surnames-by-country.csv";

/** Loads the shared name lists from `dir` (default ../shared/data/linkage), or the built-in lists. */
export function loadNamePools(dir?: string): NamePools {
  const folder = resolve(dir ?? join(process.cwd(), "..", "shared", "data", "linkage"));
  const forenames = join(folder, FORENAMES);
  const surnames = join(folder, SURNAMES);
  if (!existsSync(forenames) || !existsSync(surnames)) {
    if (dir) throw new AppError("BAD_INPUT", `--names ${dir}: needs ${FORENAMES} and ${SURNAMES}`);
    process.stderr.write(`note: name lists not found in ${folder}; using the built-in lists\n`);
    return builtInNamePools();
  }
  return namePoolsFromLists(readTextFileSync(forenames), readTextFileSync(surnames));
}

/** Generates people in memory from command-line text options, checking them as bad input. */
export function generateFromOptions(opts: {
  n: string;
  seed: string;
  names?: string;
  heavy?: boolean;
}): GeneratedPerson[] {
  const n = Number(opts.n);
  const seed = Number(opts.seed);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError("BAD_INPUT", `--n must be a positive whole number, got "${opts.n}"`);
  if (!Number.isInteger(seed))
    throw new AppError("BAD_INPUT", `--seed must be a whole number, got "${opts.seed}"`);
  return generatePeople(n, seededRandom(seed), loadNamePools(opts.names), { heavy: opts.heavy === true });
}

/** Writes rows to a CSV file through a stream, so a million records never sit in one string. */
export async function writeCsv(
  file: string,
  header: readonly string[],
  rows: Iterable<string[]>,
  label: string,
  total: number,
) {
  const out = createWriteStream(file);
  const progress = startProgress({ label, total });
  out.write(`${csvRow(header)}\n`);
  for (const row of rows) {
    // Test data for the project's own importers: written as generated, to read back unchanged.
    if (!out.write(`${csvRow(row, { neutraliseFormulas: false })}\n`))
      await new Promise<void>((r) => out.once("drain", () => r()));
    progress.tick();
  }
  progress.done();
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
}

/** `identity generate`: seeded people with duplicates, and optionally the truth of who is who. */
export async function runGenerate(opts: {
  n: string;
  seed: string;
  out: string;
  truth?: string;
  names?: string;
  heavy?: boolean;
}) {
  const people = generateFromOptions(opts);
  const rows = people.map((p) => GENERATED_COLUMNS.map((c) => p[c]));
  await writeCsv(opts.out, GENERATED_COLUMNS, rows, "writing people", people.length);
  if (opts.truth) {
    await writeCsv(
      opts.truth,
      ["id", "cluster_id"],
      people.map((p) => [p.id, p.cluster_id]),
      "writing truth",
      people.length,
    );
  }
  process.stderr.write(
    `${opts.out}: ${people.length} records of ${new Set(people.map((p) => p.cluster_id)).size} people\n`,
  );
}
