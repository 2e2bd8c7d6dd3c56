import { type BlockingOptions, candidatePairs } from "./blocking.ts";
import { type MatchModel, termFrequencies, weightToProbability } from "./model.ts";
import type { Person } from "./person.ts";
import { seededRandom } from "./random.ts";
import { type Band, bandOf, LIKELY, POSSIBLE, pairWeight, trainModel } from "./scoring.ts";

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
}

/** Scored candidate pairs kept above the `possible` threshold, strongest first. */
export interface ScoredPairs {
  model: MatchModel;
  i: Int32Array;
  j: Int32Array;
  weight: Float64Array;
}

/** Blocks, learns a model without labels and scores every candidate pair. */
export function scoreCandidates(
  people: Person[],
  leftCount: number | null,
  options: MatchOptions,
): ScoredPairs {
  const random = seededRandom(options.seed ?? 20240611);
  options.onStage?.("blocking");
  const pairs = candidatePairs(people, leftCount, options.blocking);
  const count = pairs.length / 2;
  options.onStage?.(`learning weights from ${count.toLocaleString("en-US")} candidate pairs`);
  const model = trainModel(people, pairs, leftCount, termFrequencies(people), random);
  const minWeight = Math.log2(POSSIBLE / (1 - POSSIBLE));
  const kept: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < count; k++) {
    const w = pairWeight(model, people[pairs[2 * k]!]!, people[pairs[2 * k + 1]!]!);
    if (w >= minWeight) {
      kept.push(k);
      weights.push(w);
    }
    if ((k & 0xffff) === 0xffff) options.onScored?.(k + 1, count);
  }
  options.onScored?.(count, count);
  const order = kept.map((_, x) => x).sort((a, b) => weights[b]! - weights[a]!);
  return {
    model,
    i: Int32Array.from(order, (x) => pairs[2 * kept[x]!]!),
    j: Int32Array.from(order, (x) => pairs[2 * kept[x]! + 1]!),
    weight: Float64Array.from(order, (x) => weights[x]!),
  };
}

/**
 * Links two lists of people: likely pairs form a one-to-one assignment (strongest first, each record
 * at most one likely partner); other pairs above the `possible` threshold are returned as possible.
 */
export function linkPeople(left: Person[], right: Person[], options: MatchOptions = {}): LinkRow[] {
  const people = left.concat(right);
  const scored = scoreCandidates(people, left.length, options);
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
