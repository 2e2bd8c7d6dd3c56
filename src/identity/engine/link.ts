import { seededRandom } from "../../shared/seeded-random.ts";
import { type BlockingOptions, candidatePairs } from "./blocking.ts";
import { type MatchModel, termFrequencies, weightToProbability } from "./model.ts";
import { type PeopleTable, toPeopleTable } from "./people-table.ts";
import type { Person } from "./person.ts";
import { concatFloats, concatInts, strongestFirst } from "./ranking.ts";
import { type Band, bandOf, LIKELY, POSSIBLE, trainModel } from "./scoring.ts";
import { TableComparer, TableScorer } from "./table-compare.ts";

/** One output row of linking or deduplication. */
export interface LinkRow {
  leftId: string;
  rightId: string;
  score: number;
  band: Exclude<Band, "unlikely">;
}

/** Progress hooks, so a command can show how far a long run has come. */
export interface RunHooks {
  onStage?: (stage: string) => void;
  onScored?: (done: number, total: number) => void;
}

export interface MatchOptions extends RunHooks {
  seed?: number;
  blocking?: BlockingOptions;
  /** Put the people table in shared memory, for scoring in worker threads. */
  sharedTable?: boolean;
}

/** Scored candidate pairs kept above the `possible` threshold, strongest first. */
export interface ScoredPairs {
  model: MatchModel;
  /** Scores further pairs of the same people with the same model (clustering checks groups with it). */
  scorer: TableScorer;
  i: Int32Array;
  j: Int32Array;
  weight: Float64Array;
}

/** Everything decided before the pairs are scored: the people as a table, the candidate pairs, the model. */
export interface ScoringPlan {
  table: PeopleTable;
  pairs: Int32Array;
  model: MatchModel;
  scorer: TableScorer;
}

/** Blocks and learns a model without labels (EM samples at most 300,000 candidate pairs). */
export function planScoring(people: Person[], leftCount: number | null, options: MatchOptions): ScoringPlan {
  const random = seededRandom(options.seed ?? 20240611);
  options.onStage?.("blocking");
  const pairs = candidatePairs(people, leftCount, options.blocking);
  const count = pairs.length / 2;
  options.onStage?.(`learning weights from ${count.toLocaleString("en-US")} candidate pairs`);
  const table = toPeopleTable(people, options.sharedTable);
  const comparer = new TableComparer(table);
  const model = trainModel(comparer, pairs, leftCount, termFrequencies(people), random);
  return { table, pairs, model, scorer: new TableScorer(comparer, model) };
}

/** Scored pairs of one share of the candidates: the pair numbers kept (at least `possible`) and their weights. */
export interface ScoredShare {
  kept: Int32Array;
  weights: Float64Array;
}

const MIN_WEIGHT = Math.log2(POSSIBLE / (1 - POSSIBLE));

/** Scores candidate pairs number `from` to `to` (exclusive), keeping those at least `possible`. */
export function scoreShare(
  scorer: TableScorer,
  pairs: Int32Array,
  from: number,
  to: number,
  onScored?: (done: number) => void,
): ScoredShare {
  const kept: number[] = [];
  const weights: number[] = [];
  for (let k = from; k < to; k++) {
    const w = scorer.weight(pairs[2 * k]!, pairs[2 * k + 1]!);
    if (w >= MIN_WEIGHT) {
      kept.push(k);
      weights.push(w);
    }
    if ((k & 0xffff) === 0xffff) onScored?.(k + 1 - from);
  }
  onScored?.(to - from);
  return { kept: Int32Array.from(kept), weights: Float64Array.from(weights) };
}

/** Puts scored shares together, strongest first (ties in candidate order). */
export function rankShares(plan: ScoringPlan, shares: ScoredShare[]): ScoredPairs {
  const kept = concatInts(shares.map((s) => s.kept));
  const weights = concatFloats(shares.map((s) => s.weights));
  const order = strongestFirst(weights);
  const { pairs } = plan;
  return {
    model: plan.model,
    scorer: plan.scorer,
    i: Int32Array.from(order, (x) => pairs[2 * kept[x]!]!),
    j: Int32Array.from(order, (x) => pairs[2 * kept[x]! + 1]!),
    weight: Float64Array.from(order, (x) => weights[x]!),
  };
}

/** Blocks, learns a model without labels and scores every candidate pair. */
export function scoreCandidates(
  people: Person[],
  leftCount: number | null,
  options: MatchOptions,
): ScoredPairs {
  const plan = planScoring(people, leftCount, options);
  const count = plan.pairs.length / 2;
  const share = scoreShare(plan.scorer, plan.pairs, 0, count, (done) => options.onScored?.(done, count));
  return rankShares(plan, [share]);
}

/**
 * Links two lists of people: likely pairs form a one-to-one assignment (strongest first, each record
 * at most one likely partner); other pairs above the `possible` threshold are returned as possible.
 */
export function linkPeople(left: Person[], right: Person[], options: MatchOptions = {}): LinkRow[] {
  const people = left.concat(right);
  return linkScored(people, scoreCandidates(people, left.length, options));
}

/** Likely pairs one-to-one (strongest first), other pairs above `possible` as possible. */
export function linkScored(people: Person[], scored: ScoredPairs): LinkRow[] {
  const taken = new Uint8Array(people.length);
  const rows: LinkRow[] = [];
  for (let k = 0; k < scored.i.length; k++) {
    const i = scored.i[k]!;
    const j = scored.j[k]!;
    const probability = weightToProbability(scored.weight[k]!);
    const free = taken[i] === 0 && taken[j] === 0;
    const band =
      free && probability >= LIKELY ? "likely" : bandOf(probability) === "unlikely" ? null : "possible";
    if (band === null) continue;
    if (band === "likely") taken[i] = taken[j] = 1;
    rows.push({ leftId: people[i]!.id, rightId: people[j]!.id, score: probability, band });
  }
  return rows;
}
