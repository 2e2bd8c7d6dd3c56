import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import { readTextFile } from "../platform/text-input.ts";
import type { ParseResult } from "./engine/parse-input.ts";

interface AssessOptions {
  pack: string;
  encounter: string;
  checks?: string;
}

/** Registers the `hemisphere border …` commands. */
export function registerBorderCommands(program: Command): void {
  const border = program
    .command("border")
    .description("border processing: legal authority, options, safeguards");
  border
    .command("assess")
    .description("assess one encounter against a policy pack; prints the assessment as JSON")
    .requiredOption("--pack <file>", "policy pack JSON, e.g. packs/border/us-2020-2025.json")
    .requiredOption("--encounter <file>", "encounter JSON")
    .option("--checks <file>", 'partner checks JSON, e.g. { "priorResidence": { "COL": "verified" } }')
    .action(cliAction(assessCommand));
  border
    .command("import")
    .description("import an encounter CSV for a nation: all or nothing, errors by line and column")
    .argument("<file>", "encounter CSV (see docs/border.md for its columns)")
    .requiredOption("--nation <iso3>", "the recording nation, e.g. USA")
    .action(cliAction(importCommand));
  border
    .command("load-pack")
    .description("store a policy pack version for its jurisdiction; it becomes the pack in force")
    .argument("<file>", "policy pack JSON, e.g. packs/border/us-2020-2025.json")
    .action(cliAction(loadPackCommand));
  border
    .command("cbp-monthly")
    .description("print a nation's monthly encounters as CSV in the CBP area-of-responsibility layout")
    .requiredOption("--nation <iso3>", "the recording nation, e.g. USA")
    .action(cliAction(cbpMonthlyCommand));
}

async function assessCommand(options: AssessOptions): Promise<void> {
  const { parseChecks, parseEncounter, parsePolicyPack } = await import("./engine/parse-input.ts");
  const { assessDisposition } = await import("./engine/assess-disposition.ts");
  const pack = await readInput(options.pack, "policy pack", parsePolicyPack);
  const encounter = await readInput(options.encounter, "encounter", parseEncounter);
  const checks = options.checks ? await readInput(options.checks, "checks", parseChecks) : undefined;
  const assessment = assessDisposition(encounter, pack, checks);
  // The CLI prints the reasons in English only, as it always has: the codes behind them are for the web.
  const printed = JSON.stringify(assessment, (key, value) => (key === "explained" ? undefined : value), 2);
  process.stdout.write(`${printed}\n`);
}

function nationOf(text: string): string {
  const nation = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(nation))
    throw new AppError("BAD_INPUT", `--nation: expected an ISO3 code such as USA, got "${text}"`);
  return nation;
}

async function importCommand(file: string, options: { nation: string }): Promise<void> {
  const nation = nationOf(options.nation);
  const { importEncounterFile } = await import("./border.command.ts");
  const result = await importEncounterFile(file, nation);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function loadPackCommand(file: string): Promise<void> {
  const { loadPackFile } = await import("./border.command.ts");
  process.stdout.write(`${JSON.stringify(await loadPackFile(file))}\n`);
}

async function cbpMonthlyCommand(options: { nation: string }): Promise<void> {
  const { printCbpMonthly } = await import("./border.command.ts");
  await printCbpMonthly(nationOf(options.nation));
}

/** Reads a JSON input file and validates it, failing as bad input (exit 2) with located problems. */
export async function readInput<T>(
  file: string,
  what: string,
  parse: (text: string) => ParseResult<T>,
): Promise<T> {
  const text = await readTextFile(file);
  const result = parse(text);
  if (result.ok) return result.value;
  failOnProblems(
    result.problems.map((p) => ({ file, field: p.path, message: p.message })),
    `invalid ${what}`,
  );
  throw new AppError("BAD_INPUT", `invalid ${what}: ${file}`);
}
