import { csvCell } from "../../shared/csv-write.ts";
import { seededRandom } from "../../shared/seeded-random.ts";
import { evaluateOutcomes, type OutcomeEvaluation } from "./outcome-evaluation.ts";
import type { CaseFeatures, OutcomeRecord } from "./outcome-history.ts";
import type { ScoredPlace } from "./outcome-input.ts";
import {
  chooseFeatures,
  fitOutcomeModel,
  type NumericColumns,
  type OutcomeModel,
  predictOutcome,
} from "./outcome-model.ts";

/** How to train: share held out for evaluation, seed of the split, shrinkage (chosen when undefined). */
export interface TrainSettings {
  holdout: number;
  seed: number;
  shrinkage?: number;
  /** A language or need becomes a feature when at least this many history rows have it. */
  minCount: number;
}

/** A trained model with its held-out evaluation (absent when nothing was held out). */
export interface TrainingRun {
  model: OutcomeModel;
  shrinkage: number;
  trainRows: number;
  evaluation?: OutcomeEvaluation;
  /** The pooled model alone on the same held-out rows: what the per-locality terms add. */
  pooledEvaluation?: OutcomeEvaluation;
  /** The rows held out, and the model fitted without them (what the held-out figures are of). */
  heldOut: OutcomeRecord[];
  trial?: OutcomeModel;
}

const SHRINKAGE_GRID = [1, 3, 10, 30, 100, 300];

/** Splits rows by a seeded shuffle into (kept, held out); the held-out share is rounded down. */
export function splitRows<T>(rows: T[], share: number, seed: number): { kept: T[]; heldOut: T[] } {
  const random = seededRandom(seed);
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const cut = Math.floor(rows.length * share);
  return { heldOut: order.slice(0, cut).map((i) => rows[i]!), kept: order.slice(cut).map((i) => rows[i]!) };
}

function predictAll(model: OutcomeModel, rows: OutcomeRecord[], pooled = false): Float64Array {
  return Float64Array.from(rows, (r) => predictOutcome(model, r, pooled ? "" : r.locality));
}

/** Picks the shrinkage with the lowest log loss on an inner validation split of the training rows. */
function chooseShrinkage(rows: OutcomeRecord[], columns: NumericColumns, settings: TrainSettings): number {
  if (settings.shrinkage !== undefined) return settings.shrinkage;
  const { kept, heldOut } = splitRows(rows, 0.25, settings.seed + 1);
  if (heldOut.length < 20) return 10;
  const features = chooseFeatures(kept, columns, settings.minCount);
  const outcome = Uint8Array.from(heldOut, (r) => r.outcome);
  let best = { shrinkage: 10, loss: Number.POSITIVE_INFINITY };
  for (const shrinkage of SHRINKAGE_GRID) {
    const model = fitOutcomeModel(kept, features, shrinkage);
    const loss = evaluateOutcomes(predictAll(model, heldOut), outcome).logLoss;
    if (loss < best.loss) best = { shrinkage, loss };
  }
  return best.shrinkage;
}

/**
 * Holds out a share of the history, chooses the shrinkage on the rest, evaluates on the held-out rows,
 * then refits on every row so the scores use all the evidence.
 */
export function trainOutcomeModel(
  records: OutcomeRecord[],
  columns: NumericColumns,
  settings: TrainSettings,
): TrainingRun {
  const { kept, heldOut } = splitRows(records, settings.holdout, settings.seed);
  const shrinkage = chooseShrinkage(kept, columns, settings);
  const run: Omit<TrainingRun, "model"> = { shrinkage, trainRows: kept.length, heldOut };
  if (heldOut.length > 0) {
    const trial = fitOutcomeModel(kept, chooseFeatures(kept, columns, settings.minCount), shrinkage);
    run.trial = trial;
    const outcome = Uint8Array.from(heldOut, (r) => r.outcome);
    run.evaluation = evaluateOutcomes(predictAll(trial, heldOut), outcome);
    run.pooledEvaluation = evaluateOutcomes(predictAll(trial, heldOut, true), outcome);
  }
  const model = fitOutcomeModel(records, chooseFeatures(records, columns, settings.minCount), shrinkage);
  return { ...run, model };
}

/** SCORES.csv text for every case × place, and the places' localities the history never saw. */
export function formatScoresCsv(
  model: OutcomeModel,
  cases: CaseFeatures[],
  places: ScoredPlace[],
): { text: string; unseen: string[] } {
  const lines = ["case_id,place_id,score"];
  for (const c of cases) {
    for (const p of places) {
      const score = Math.round(predictOutcome(model, c, p.locality) * 1e6) / 1e6;
      lines.push(`${csvCell(c.id)},${csvCell(p.id)},${score}`);
    }
  }
  const unseen = [...new Set(places.map((p) => p.locality).filter((l) => !model.localities.has(l)))];
  return { text: `${lines.join("\n")}\n`, unseen };
}
