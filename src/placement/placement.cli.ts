import type { Command } from "commander";
import { cliAction, parseKeyValueList } from "../platform/cli-support.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import type { PlacementInput, PlacementOptions } from "./engine/placement-types.ts";
import { parseNumber, readInput, writeAtomically } from "./placement-files.command.ts";
import { registerSimulateCommand } from "./placement-simulate.cli.ts";
import { registerTrainCommands } from "./placement-train.cli.ts";
import type { solvePlacement } from "./solve-placement.pool.ts";

interface SolveFlags {
  cases: string;
  places: string;
  scores: string;
  out: string;
  summary?: string;
  explain?: string;
  priority: string;
  preferenceWeight: string;
  tieWeight: string;
  honourTies: boolean;
  honourPreferences: boolean;
  floors?: string;
  timeLimit: string;
  seed: string;
}

/** Registers the `hemisphere placement …` commands. */
export function registerPlacementCommands(program: Command): void {
  const placement = program.command("placement").description("allocate resettlement cases to pledged places");
  placement
    .command("solve")
    .description("assign cases to places, maximising the total score within capacities")
    .requiredOption(
      "--cases <file>",
      "CASES.csv: case_id,size[,needs,languages,language_required,preferences,ties]",
    )
    .requiredOption(
      "--places <file>",
      "PLACES.csv: place_id,nation,capacity_persons[,capacity_cases,locality,services,languages]",
    )
    .requiredOption("--scores <file>", "SCORES.csv: case_id,place_id,score (a missing pair is not allowed)")
    .requiredOption("--out <file>", "ASSIGN.csv to write: case_id,place_id,score")
    .option("--summary <file>", "SUMMARY.json to write: objective, bound, gap, assigned, unassigned, seconds")
    .option("--explain <file>", "EXPLAIN.csv to write: why each case went where it went")
    .option(
      "--priority <mode>",
      "score: maximise total score; cases: most cases placed first, then score",
      "score",
    )
    .option("--preference-weight <w>", "bonus for a family's first stated preference (scaled by rank)", "0")
    .option("--tie-weight <w>", "bonus for a place where the family has relatives", "0")
    .option(
      "--no-honour-ties",
      "weigh family ties only by --tie-weight (default: a tie is honoured whenever capacity allows)",
    )
    .option(
      "--no-honour-preferences",
      "weigh stated preferences only by --preference-weight (default: honoured whenever capacity allows)",
    )
    .option("--floors <list>", "minimum cases per nation, e.g. CAN=40,MEX=25")
    .option("--time-limit <seconds>", "time budget for the heuristic or HiGHS", "10")
    .option("--seed <n>", "seed for the local search", "1")
    .action(cliAction(runSolve));
  registerTrainCommands(placement);
  registerSimulateCommand(placement);
}

async function runSolve(flags: SolveFlags): Promise<void> {
  const started = performance.now();
  const options = parseOptions(flags);
  const [{ readPlacementInput }, { solvePlacement, PlacementInfeasibleError }] = await Promise.all([
    import("./engine/placement-input.ts"),
    import("./solve-placement.pool.ts"),
  ]);
  const texts = {
    cases: { name: flags.cases, text: await readInput(flags.cases) },
    places: { name: flags.places, text: await readInput(flags.places) },
    scores: { name: flags.scores, text: await readInput(flags.scores) },
  };
  const { input, problems } = readPlacementInput(texts);
  failOnProblems(problems, "placement input is not valid");
  if (!input) throw new AppError("BAD_INPUT", "placement input is not valid");
  const solved = await solvePlacement(input, options, () => performance.now()).catch((error: unknown) => {
    if (error instanceof PlacementInfeasibleError) throw new AppError("BAD_INPUT", error.message);
    throw error;
  });
  await writeOutputs(flags, input, solved, options, (performance.now() - started) / 1000);
}

async function writeOutputs(
  flags: SolveFlags,
  input: PlacementInput,
  solved: Awaited<ReturnType<typeof solvePlacement>>,
  options: PlacementOptions,
  seconds: number,
): Promise<void> {
  const out = await import("./engine/assignment-output.ts");
  const { checkAssignment } = await import("./engine/check-assignment.ts");
  const { model, result } = solved;
  const broken = checkAssignment(model, result.placeOf, options.nationFloors);
  if (broken.length > 0)
    throw new AppError("INTERNAL", `solver produced an invalid assignment: ${broken[0]}`);
  await writeAtomically(flags.out, out.formatAssignmentCsv(input, model, result.placeOf));
  if (flags.summary) await writeAtomically(flags.summary, out.formatSummary(result, seconds));
  if (flags.explain) {
    const { explainAssignment } = await import("./engine/explain.ts");
    const { wishOutcomes } = await import("./engine/wishes.ts");
    await writeAtomically(
      flags.explain,
      out.formatExplanationCsv(
        input,
        explainAssignment(model, result.placeOf),
        wishOutcomes(input, model, result.placeOf),
      ),
    );
  }
  const gap = (result.gap * 100).toFixed(3);
  process.stderr.write(
    `placement: ${result.assigned}/${model.n} cases placed, objective ${result.objective.toFixed(6)}, ` +
      `bound ${result.bound.toFixed(6)}, gap ${gap}% (${result.method}) in ${seconds.toFixed(2)}s` +
      `${result.wishesHonoured > 0 ? `; ${result.wishesHonoured} families' ties or preferences honoured` : ""}\n`,
  );
}

/** Validates the numeric and enumerated flags (exit 2 on a bad value). */
function parseOptions(flags: SolveFlags): PlacementOptions {
  if (flags.priority !== "score" && flags.priority !== "cases") {
    throw new AppError("BAD_INPUT", `--priority must be "score" or "cases", got "${flags.priority}"`);
  }
  const floors = new Map<string, number>();
  for (const [nation, value] of parseKeyValueList(flags.floors ?? "", "--floors")) {
    floors.set(nation.toUpperCase(), parseNumber(value, `--floors ${nation}`, { whole: true }));
  }
  return {
    priority: flags.priority,
    preferenceWeight: parseNumber(flags.preferenceWeight, "--preference-weight"),
    tieWeight: parseNumber(flags.tieWeight, "--tie-weight"),
    honourTies: flags.honourTies,
    honourPreferences: flags.honourPreferences,
    nationFloors: floors,
    timeLimitSeconds: parseNumber(flags.timeLimit, "--time-limit", { positive: true }),
    seed: parseNumber(flags.seed, "--seed", { whole: true }),
  };
}
