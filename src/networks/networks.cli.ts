import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";

interface AnalyzeOptions {
  links: string;
  out: string;
  region?: string;
  indicators?: string;
  minSize: string;
  seed: string;
}

interface GenerateOptions {
  links: string;
  out: string;
  truth?: string;
  seed: string;
}

/** Registers the `hemisphere networks …` commands. */
export function registerNetworksCommands(program: Command): void {
  const networks = program
    .command("networks")
    .description("smuggling and trafficking networks: what cases share (phones, accounts, routes)");
  networks
    .command("analyze")
    .description("find communities, key actors, hubs and indicators in a links file; writes a JSON report")
    .requiredOption(
      "--links <file>",
      "LINKS.csv: source_type,source_id,target_type,target_id,kind,observed_at,case_id",
    )
    .requiredOption("--out <file>", "where to write REPORT.json")
    .option("--region <code>", "ISO 3166 alpha-2 region for phone numbers written without a country code")
    .option(
      "--indicators <files>",
      "indicator pack JSON files, comma-separated (default packs/networks/smuggling-indicators.json and trafficking-indicators.json)",
    )
    .option("--min-size <n>", "smallest community reported", "3")
    .option("--seed <n>", "seed for the order communities are searched in (same seed, same report)", "1")
    .action(cliAction(analyzeCommand));
  networks
    .command("generate")
    .description(
      "write synthetic links with planted smuggling rings (and their ground truth) for demos and tests",
    )
    .requiredOption("--links <n>", "about how many links")
    .requiredOption("--out <file>", "where to write LINKS.csv")
    .option("--truth <file>", "where to write the planted rings as JSON")
    .option("--seed <n>", "random seed", "1")
    .action(cliAction(generateCommand));
}

async function analyzeCommand(options: AnalyzeOptions): Promise<void> {
  const { runAnalyze } = await import("./networks.command.ts");
  await runAnalyze(options);
}

async function generateCommand(options: GenerateOptions): Promise<void> {
  const { runGenerate } = await import("./networks.command.ts");
  await runGenerate(options);
}
