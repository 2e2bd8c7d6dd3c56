import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import type { OutcomeRecord } from "./engine/outcome-history.ts";
import type { TrainingRun } from "./engine/train-scores.ts";
import { parseNumber, readInput, writeAtomically } from "./placement-files.command.ts";

interface TrainFlags {
  history: string;
  cases: string;
  places: string;
  out: string;
  model?: string;
  holdout: string;
  seed: string;
  shrinkage?: string;
  minCount: string;
  fairness?: string;
  acknowledgeFlag?: string;
}

/** Registers `hemisphere placement train` and `generate-history`. */
export function registerTrainCommands(placement: Command): void {
  placement
    .command("train")
    .description(
      "fit an outcome model per locality from past cases, evaluate it, and score new cases × places",
    )
    .requiredOption(
      "--history <file>",
      "HISTORY.csv: locality,outcome[,case_id,size,languages,needs,education,work_experience,specific_needs,nationality]",
    )
    .requiredOption(
      "--cases <file>",
      "CASES.csv to score: case_id[,size,languages,needs,education,work_experience]",
    )
    .requiredOption(
      "--places <file>",
      "PLACES.csv: place_id[,locality] (a place is scored by its locality's model)",
    )
    .requiredOption("--out <file>", "SCORES.csv to write: case_id,place_id,score (input of placement solve)")
    .option("--model <file>", "MODEL.json to write: coefficients per locality and the held-out evaluation")
    .option(
      "--fairness <file>",
      "FAIRNESS.json to write: calibration and placement share by specific-needs group and nationality, flags",
    )
    .option(
      "--acknowledge-flag <reason>",
      "use a model flagged for steering a needs group away from places where it does as well (reason recorded)",
    )
    .option("--holdout <share>", "share of the history held out for evaluation (0 skips it)", "0.2")
    .option("--seed <n>", "seed of the held-out split", "1")
    .option(
      "--shrinkage <rows>",
      "pull of each locality towards the pooled model (default: chosen by validation)",
    )
    .option(
      "--min-count <rows>",
      "a language or need becomes a feature when this many past cases have it",
      "20",
    )
    .action(cliAction(runTrain));
  placement
    .command("generate-history")
    .description("write a synthetic history, new cases and places (for trying train; not real outcomes)")
    .requiredOption("--dir <folder>", "folder to write history.csv, cases.csv and places.csv into")
    .option("--history <rows>", "past cases", "5000")
    .option("--cases <rows>", "new cases", "500")
    .option("--localities <count>", "localities (one place each)", "20")
    .option("--seed <n>", "seed", "1")
    .action(cliAction(runGenerateHistory));
}

async function runTrain(flags: TrainFlags): Promise<void> {
  const holdout = parseNumber(flags.holdout, "--holdout");
  if (holdout < 0 || holdout >= 1)
    throw new AppError("BAD_INPUT", `--holdout: expected a share in [0, 1), got "${flags.holdout}"`);
  const settings = {
    holdout,
    seed: parseNumber(flags.seed, "--seed", { whole: true }),
    minCount: parseNumber(flags.minCount, "--min-count", { whole: true }),
    ...(flags.shrinkage === undefined
      ? {}
      : { shrinkage: parseNumber(flags.shrinkage, "--shrinkage", { positive: true }) }),
  };
  const input = await import("./engine/outcome-input.ts");
  const history = input.readHistory(await readInput(flags.history), flags.history);
  const cases = input.readFeatureCases(await readInput(flags.cases), flags.cases);
  const places = input.readScoredPlaces(await readInput(flags.places), flags.places);
  failOnProblems([...history.problems, ...cases.problems, ...places.problems], "training input is not valid");
  const { trainOutcomeModel, formatScoresCsv } = await import("./engine/train-scores.ts");
  const run = trainOutcomeModel(history.records, history.columns, settings);
  await reportTraining(run);
  const fairness = await checkFairness(run, history.records, flags);
  const scores = formatScoresCsv(run.model, cases.cases, places.places);
  if (scores.unseen.length > 0)
    process.stderr.write(
      `placement train: no history for ${scores.unseen.join(", ")}: scored by the pooled model\n`,
    );
  await writeAtomically(flags.out, scores.text);
  if (flags.model) {
    const { describeOutcomeModel } = await import("./engine/outcome-model.ts");
    const evaluation = { heldOut: run.evaluation ?? null, pooledOnHeldOut: run.pooledEvaluation ?? null };
    const document = describeOutcomeModel(run.model, {
      trainedOnRows: history.records.length,
      evaluation,
      fairness,
    });
    await writeAtomically(flags.model, `${JSON.stringify(document, null, 2)}\n`);
  }
}

/**
 * The fairness report of the held-out model, printed and (with --fairness) written. A flagged model stops
 * here, before any score is written, unless --acknowledge-flag gives the reason to use it anyway.
 */
async function checkFairness(run: TrainingRun, records: OutcomeRecord[], flags: TrainFlags) {
  if (!run.trial) {
    process.stdout.write("no held-out rows: fairness not assessed (--holdout 0)\n");
    return null;
  }
  const trial = run.trial;
  const { assessFairness, formatFairness } = await import("./engine/outcome-fairness.ts");
  const { predictOutcome } = await import("./engine/outcome-model.ts");
  const report = assessFairness({
    heldOut: run.heldOut,
    history: records,
    predict: (c, locality) => predictOutcome(trial, c, locality),
  });
  process.stdout.write(`${formatFairness(report).join("\n")}\n`);
  const reason = flags.acknowledgeFlag?.trim();
  if (reason !== undefined && reason.length < 5)
    throw new AppError("BAD_INPUT", "--acknowledge-flag: give a reason (at least 5 characters)");
  const document = {
    ...report,
    acknowledgement: report.flagged && reason ? { reason } : null,
  };
  if (flags.fairness) await writeAtomically(flags.fairness, `${JSON.stringify(document, null, 2)}\n`);
  if (report.flagged && !reason) {
    throw new AppError(
      "BAD_INPUT",
      `--acknowledge-flag: the model steers ${[...new Set(report.flags.map((f) => f.group))].join(", ")} away from ` +
        "places where the group does as well (FLAG lines above); no scores written. Pass --acknowledge-flag " +
        '"<reason>" to use it anyway',
    );
  }
  if (report.flagged) process.stderr.write(`placement train: flagged model used, acknowledged: ${reason}\n`);
  return document;
}

async function reportTraining(run: TrainingRun): Promise<void> {
  const { formatEvaluation } = await import("./engine/outcome-evaluation.ts");
  const lines = [`shrinkage ${run.shrinkage} (rows' worth of evidence towards the pooled model)`];
  if (run.evaluation && run.pooledEvaluation) {
    lines.push(...formatEvaluation("per-locality model", run.evaluation));
    lines.push(formatEvaluation("pooled model only", run.pooledEvaluation)[0]!);
  } else lines.push("no held-out rows: not evaluated (--holdout 0)");
  lines.push(`final model refitted on all ${run.trainRows + (run.evaluation?.rows ?? 0)} history rows`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

interface GenerateFlags {
  dir: string;
  history: string;
  cases: string;
  localities: string;
  seed: string;
}

async function runGenerateHistory(flags: GenerateFlags): Promise<void> {
  const whole = (text: string, flag: string) => parseNumber(text, flag, { whole: true, positive: true });
  const spec = {
    history: whole(flags.history, "--history"),
    newCases: whole(flags.cases, "--cases"),
    localities: whole(flags.localities, "--localities"),
    seed: parseNumber(flags.seed, "--seed", { whole: true }),
  };
  const { join } = await import("node:path");
  const { mkdir } = await import("node:fs/promises");
  const made = await import("./engine/outcome-history.ts");
  const generated = made.generateHistory(spec);
  const persons = generated.cases.reduce((sum, c) => sum + (c.size ?? 1), 0);
  await mkdir(flags.dir, { recursive: true });
  await writeAtomically(join(flags.dir, "history.csv"), made.formatHistoryCsv(generated.records));
  await writeAtomically(join(flags.dir, "cases.csv"), made.formatFeatureCasesCsv(generated.cases));
  await writeAtomically(join(flags.dir, "places.csv"), made.formatLocalityPlacesCsv(generated, persons));
  process.stderr.write(`wrote history.csv, cases.csv, places.csv to ${flags.dir} (synthetic data)\n`);
}
