import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import { parseNumber, readInput, writeAtomically } from "./placement-files.command.ts";

/** Registers `hemisphere placement simulate`: batches over time, dynamic against greedy and hindsight. */
export function registerSimulateCommand(placement: Command): void {
  placement
    .command("simulate")
    .description("replay cases as arriving batches: dynamic planner against greedy and the hindsight optimum")
    .requiredOption("--cases <file>", "CASES.csv in arrival order (as for solve)")
    .requiredOption(
      "--places <file>",
      "PLACES.csv with capacity in cases (capacity_cases, or families of size 1)",
    )
    .requiredOption("--scores <file>", "SCORES.csv: case_id,place_id,score")
    .option("--batches <count>", "consecutive batches the cases arrive in", "12")
    .option("--scenarios <count>", "sampled futures per batch for the dynamic planner", "5")
    .option("--seed <n>", "seed of the sampled futures", "1")
    .option("--out <file>", "ASSIGN.csv to write with the dynamic planner's decisions")
    .option("--summary <file>", "SUMMARY.json to write: objectives and ratios of the three policies")
    .action(cliAction(runSimulate));
}

interface SimulateFlags {
  cases: string;
  places: string;
  scores: string;
  batches: string;
  scenarios: string;
  seed: string;
  out?: string;
  summary?: string;
}

async function runSimulate(flags: SimulateFlags): Promise<void> {
  const settings = {
    batches: parseNumber(flags.batches, "--batches", { whole: true, positive: true }),
    scenarios: parseNumber(flags.scenarios, "--scenarios", { whole: true }),
    seed: parseNumber(flags.seed, "--seed", { whole: true }),
  };
  const [{ readPlacementInput }, { buildModel, unitCapacities }, simulation] = await Promise.all([
    import("./engine/placement-input.ts"),
    import("./engine/placement-model.ts"),
    import("./engine/simulate-arrivals.ts"),
  ]);
  const { input, problems } = readPlacementInput({
    cases: { name: flags.cases, text: await readInput(flags.cases) },
    places: { name: flags.places, text: await readInput(flags.places) },
    scores: { name: flags.scores, text: await readInput(flags.scores) },
  });
  failOnProblems(problems, "placement input is not valid");
  if (!input) throw new AppError("BAD_INPUT", "placement input is not valid");
  const model = buildModel(input);
  const caps = unitCapacities(model);
  if (!caps)
    throw new AppError(
      "BAD_INPUT",
      `${flags.places}: batches over time need capacity in cases (capacity_cases)`,
    );
  const sequence = simulation.sequenceFromModel(
    model,
    caps,
    Math.min(settings.batches, Math.max(1, model.n)),
  );
  const outcome = simulation.simulateBatches(sequence, settings);
  process.stdout.write(`${simulation.formatSimulation(outcome, sequence.batches.length).join("\n")}\n`);
  if (flags.out) {
    const { formatAssignmentCsv } = await import("./engine/assignment-output.ts");
    await writeAtomically(flags.out, formatAssignmentCsv(input, model, outcome.placeOf));
  }
  if (flags.summary) {
    const total = (plan: { objective: number }) => Math.round(plan.objective * 1e9) / 1e9;
    const summary = {
      dynamic: total(outcome.dynamic),
      greedy: total(outcome.greedy),
      hindsight: total(outcome.hindsight),
      dynamicRatio: outcome.dynamic.objective / outcome.hindsight.objective,
      greedyRatio: outcome.greedy.objective / outcome.hindsight.objective,
      batches: sequence.batches.length,
      scenarios: settings.scenarios,
    };
    await writeAtomically(flags.summary, `${JSON.stringify(summary, null, 2)}\n`);
  }
}
