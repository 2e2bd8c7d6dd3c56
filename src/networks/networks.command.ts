import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { CountryCode } from "libphonenumber-js";
import { getCountries } from "libphonenumber-js";
import { AppError } from "../platform/errors.ts";
import { readTextFile } from "../platform/text-input.ts";
import { csvRow } from "../shared/csv-write.ts";
import { seededRandom } from "../shared/seeded-random.ts";
import { analyseLinkGraph } from "./engine/analyze.ts";
import { mergeIndicatorPacks, parseIndicatorPack } from "./engine/indicators.ts";
import { linkColumns } from "./engine/links-csv.ts";
import { generateLinks, type LinkRow } from "./engine/links-generator.ts";
import { readLinksFile } from "./links-file.command.ts";

const defaultPacks = ["smuggling-indicators.json", "trafficking-indicators.json"].map(
  (name) => new URL(`../../packs/networks/${name}`, import.meta.url),
);

function wholeNumber(text: string, what: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new AppError("BAD_INPUT", `${what} must be a whole number ≥ ${min}`);
  return value;
}

function region(code: string | undefined): CountryCode | undefined {
  if (code === undefined) return undefined;
  const upper = code.toUpperCase();
  if (!(getCountries() as string[]).includes(upper))
    throw new AppError("BAD_INPUT", `--region ${code} is not a known region`);
  return upper as CountryCode;
}

async function loadPack(path: string | URL) {
  const text = await readTextFile(path instanceof URL ? fileURLToPath(path) : path);
  try {
    return parseIndicatorPack(JSON.parse(text));
  } catch (error) {
    throw new AppError("BAD_INPUT", `indicator pack ${String(path)}: ${(error as Error).message}`);
  }
}

/** `networks analyze`: links file in, report out; progress on stderr. */
export async function runAnalyze(options: {
  links: string;
  out: string;
  region?: string;
  indicators?: string;
  minSize: string;
  seed: string;
}): Promise<void> {
  const minCommunitySize = wholeNumber(options.minSize, "--min-size", 1);
  const seed = wholeNumber(options.seed, "--seed", 0);
  const files = options.indicators?.split(",").map((f) => f.trim()) ?? defaultPacks;
  const packs = await Promise.all(files.map((file) => loadPack(file)));
  let pack: ReturnType<typeof mergeIndicatorPacks>;
  try {
    pack = mergeIndicatorPacks(packs);
  } catch (error) {
    throw new AppError("BAD_INPUT", `--indicators: ${(error as Error).message}`);
  }
  const graph = await readLinksFile(options.links, region(options.region));
  const started = performance.now();
  process.stderr.write(
    `${graph.linkCount.toLocaleString("en-US")} links, ${graph.nodeCount.toLocaleString("en-US")} entities\n`,
  );
  const report = analyseLinkGraph(graph, {
    random: seededRandom(seed),
    pack,
    minCommunitySize,
    onStage: (stage) => process.stderr.write(`${stage}…\n`),
  });
  const compact = graph.linkCount > 50_000;
  await writeFile(options.out, `${JSON.stringify(report, null, compact ? undefined : 2)}\n`);
  const flagged = report.communities.filter((c) => c.flagged).length;
  process.stderr.write(
    `${report.communities.length} communities (${flagged} flagged), ${report.hubs.length} hubs, in ${((performance.now() - started) / 1000).toFixed(1)}s → ${options.out}\n`,
  );
}

/** `networks generate`: synthetic links with planted rings, and optionally the rings as JSON. */
export async function runGenerate(options: {
  links: string;
  out: string;
  truth?: string;
  seed: string;
}): Promise<void> {
  const links = wholeNumber(options.links, "--links", 1);
  const seed = wholeNumber(options.seed, "--seed", 0);
  const out = createWriteStream(options.out);
  const write = (line: string) => {
    if (!out.write(line)) return new Promise<void>((resolve) => out.once("drain", resolve));
  };
  const lines: string[] = [csvRow(linkColumns)];
  const rings = generateLinks({ seed, links }, (row: LinkRow) => {
    // Test data for the project's own importer: phone numbers start with "+" and must read back as written.
    lines.push(csvRow(row, { neutraliseFormulas: false }));
  });
  for (let i = 0; i < lines.length; i += 10_000) await write(`${lines.slice(i, i + 10_000).join("\n")}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  if (options.truth) await writeFile(options.truth, `${JSON.stringify({ seed, rings }, null, 1)}\n`);
  process.stderr.write(`${lines.length - 1} links, ${rings.length} planted rings → ${options.out}\n`);
}
