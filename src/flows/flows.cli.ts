import type { Command } from "commander";
import { cliAction, parseKeyValueList } from "../platform/cli-support.ts";

/** Registers the `hemisphere flows …` commands. Heavy modules load inside the actions so `--help` stays fast. */
export function registerFlowsCommands(program: Command): void {
  const flows = program
    .command("flows")
    .description("official encounter and refugee statistics: import, revisions, parse, forecast");

  flows
    .command("forecast")
    .description(
      "forecast a monthly series: prints month,mean,lo80,hi80,lo95,hi95 for the months after the last",
    )
    .requiredOption("--csv <file>", "a month,value CSV (month as YYYY-MM)")
    .requiredOption("--horizon <h>", "months ahead, 1–12")
    .action(
      cliAction(async (options: { csv: string; horizon: string }) => {
        const { forecastCsv } = await import("./flows-files.command.ts");
        process.stdout.write(forecastCsv(options.csv, options.horizon));
      }),
    );

  flows
    .command("backtest")
    .description(
      "rolling-origin backtest: MAPE, MASE and interval coverage per horizon, ours against anchors",
    )
    .requiredOption("--csv <file>", "a month,value CSV (month as YYYY-MM)")
    .option("--horizons <list>", "comma-separated horizons, each 1–12", "1,3,6")
    .option("--min-train <n>", "months before the first origin (default 24, less for short series)")
    .option("--format <format>", "csv or table", "csv")
    .action(
      cliAction(async (options: { csv: string; horizons: string; minTrain?: string; format: string }) => {
        const { backtestReport } = await import("./flows-files.command.ts");
        process.stdout.write(backtestReport(options.csv, options.horizons, options.minTrain, options.format));
      }),
    );

  flows
    .command("parse")
    .description(
      "dry run of an import: validate files and print source, records, rows and hash (writes nothing)",
    )
    .argument("<files...>", "statistics files")
    .option("--source <source>", "auto, cbp-aor, cbp-state, usbp-sectors, unhcr-*, or generic", "auto")
    .option("--schema <file>", "schema of a generic file (JSON)")
    .action(
      cliAction(async (files: string[], options: { source: string; schema?: string }) => {
        const { parseFiles, parseSummary } = await import("./flows-files.command.ts");
        process.stdout.write(parseSummary(parseFiles(files, options.source, options.schema)));
      }),
    );

  flows
    .command("series")
    .description(
      "build a month,value series from statistics files (files listed first win where months overlap)",
    )
    .argument("<files...>", "statistics files")
    .option("--filter <pairs>", "dimension=value,… every row must match", "")
    .option("--measure <name>", "the measure to sum", "encounters")
    .option("--source <source>", "source of the files", "auto")
    .action(
      cliAction(async (files: string[], options: { filter: string; measure: string; source: string }) => {
        const { parseFiles, seriesCsv } = await import("./flows-files.command.ts");
        const filter = parseKeyValueList(options.filter, "--filter");
        process.stdout.write(seriesCsv(parseFiles(files, options.source), filter, options.measure));
      }),
    );

  registerStoreCommands(flows);
}

function registerStoreCommands(flows: Command): void {
  flows
    .command("import")
    .description("import statistics files as releases (all or nothing; the same file twice changes nothing)")
    .argument("<files...>", "statistics files")
    .option("--source <source>", "auto, cbp-aor, cbp-state, usbp-sectors, unhcr-*, or generic", "auto")
    .option("--release <label>", "release label (default: the import time); files of one source join it")
    .option("--nation <iso3>", "nation publishing the figures (default USA for CBP, REG for UNHCR)")
    .option("--schema <file>", "schema of a generic file (JSON)")
    .option("--publish", "publish the release to every partner nation")
    .action(
      cliAction(async (files: string[], options: import("./flows-store.command.ts").ImportCommandOptions) => {
        const { importCommand } = await import("./flows-store.command.ts");
        process.stdout.write(await importCommand(files, options));
      }),
    );

  flows
    .command("revisions")
    .description("figures that changed between two releases of a source, largest change first (CSV)")
    .requiredOption("--source <source>", "the source both releases hold")
    .requiredOption("--from <release>", "the older release (label or id)")
    .requiredOption("--to <release>", "the newer release (label or id)")
    .option("--nation <iso3>", "read as this nation (default: the source's publisher)")
    .option("--limit <n>", "how many changes to print", "1000")
    .action(
      cliAction(async (options: import("./flows-store.command.ts").RevisionsCommandOptions) => {
        const { revisionsCommand } = await import("./flows-store.command.ts");
        process.stdout.write(await revisionsCommand(options));
      }),
    );
}
