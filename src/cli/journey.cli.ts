import type { Command } from "commander";
import type { Application } from "../app.ts";
import { NationCode } from "../platform/auth/auth.contract.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { cliAction } from "../platform/cli-support.ts";
import { IsoDate } from "../platform/contract/primitives.contract.ts";
import { AppError } from "../platform/errors.ts";
import { readTextFile } from "../platform/text-input.ts";
import { withApplication } from "./with-application.ts";

// The steps of a person's journey that span two capabilities, for an operator on the server: a placement run
// from a nation's approved resettlement applications, and a household's arrival. They act as the nation's
// pathway officer would (`system:<command>` in the audit chain) through the same services as the API.

const nationOf = (value: string): string => {
  const parsed = NationCode.safeParse(value.trim().toUpperCase());
  if (!parsed.success)
    throw new AppError("BAD_INPUT", `--nation: expected a nation code such as USA, got "${value}"`);
  return parsed.data;
};

/** Solves a run from the nation's approved applications on a places file; prints what it took, placed and left. */
export async function placeApprovedApplications(
  app: Application,
  options: { nation: string; places: string; pathways?: string | undefined; label?: string | undefined },
): Promise<string> {
  const nation = nationOf(options.nation);
  const places = await readTextFile(options.places, { delimiter: "," });
  const pathways = options.pathways
    ?.split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const scope = systemScope(nation, "placement from-applications", ["pathway_officer"]);
  const detail = await app.placement.createRun(scope, {
    source: "applications",
    places,
    ...(pathways && pathways.length > 0 ? { pathways } : {}),
    ...(options.label ? { label: options.label } : {}),
  });
  const taken = detail.fromApplications;
  const lines = [
    `run ${detail.run.id} (${nation}): ${taken?.households ?? 0} household(s) from ${taken?.applications ?? 0} ` +
      `application(s) of ${taken?.pathways.join(", ") ?? ""}; ${detail.run.assigned} placed, ` +
      `${detail.run.unassigned} not placed`,
    ...(taken?.skipped ?? []).map((s) => `left out ${s.trackingCode}: ${s.reason}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return detail.run.id;
}

/** Records the arrival of a household the nation placed in one of its own places; prints the placement. */
export async function recordArrival(
  app: Application,
  options: { nation: string; application: string; on: string },
): Promise<void> {
  const nation = nationOf(options.nation);
  const day = IsoDate.safeParse(options.on);
  if (!day.success)
    throw new AppError("BAD_INPUT", `--on: expected a date (yyyy-mm-dd), got "${options.on}"`);
  const scope = systemScope(nation, "pathways arrival", ["pathway_officer"]);
  const placement = await app.pathways.arrivals.recordOwn(scope, options.application, {
    arrivedOn: day.data,
  });
  process.stdout.write(
    `arrived ${placement.arrivedOn} in ${placement.locality} (${placement.nation}), case ${placement.caseId} of run ${placement.runId}\n`,
  );
}

/** Adds `placement from-applications` and `pathways arrival` to the capabilities' command groups. */
export function registerJourneyCommands(program: Command): void {
  const group = (name: string) => {
    const found = program.commands.find((c) => c.name() === name);
    if (!found) throw new Error(`the ${name} commands are registered first`);
    return found;
  };
  group("placement")
    .command("from-applications")
    .description(
      "solve a run from a nation's approved resettlement applications (one case per registry household) on a " +
        "places file, and record each result on the applications",
    )
    .requiredOption("--nation <ISO3>", "the nation whose applications are placed")
    .requiredOption(
      "--places <file>",
      "PLACES.csv: place_id,nation,capacity_persons[,capacity_cases,locality,services,languages]",
    )
    .option(
      "--pathways <ids>",
      "resettlement pathway ids, comma-separated (default: every one of the nation)",
    )
    .option("--label <text>", "the run's label")
    .action(
      cliAction(async (options: { nation: string; places: string; pathways?: string; label?: string }) => {
        await withApplication(async (app) => {
          await placeApprovedApplications(app, options);
        });
      }),
    );
  group("pathways")
    .command("arrival")
    .description("record the arrival of a household placed in one of the nation's own places")
    .requiredOption("--nation <ISO3>", "the nation that placed the household")
    .requiredOption("--application <id>", "the application's id")
    .requiredOption("--on <date>", "the day the household arrived (yyyy-mm-dd)")
    .action(
      cliAction(async (options: { nation: string; application: string; on: string }) => {
        await withApplication((app) => recordArrival(app, options));
      }),
    );
}
