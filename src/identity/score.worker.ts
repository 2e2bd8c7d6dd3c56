/**
 * Worker thread entry: scores one share of the candidate pairs with a model learned in the main thread.
 * The people table arrives as a shared buffer and its texts; results go back as transferred buffers.
 */
import { parentPort, workerData } from "node:worker_threads";
import { scoreShare } from "./engine/link.ts";
import type { MatchModel } from "./engine/model.ts";
import { TableComparer, TableScorer } from "./engine/table-compare.ts";

/** What the main thread sends a scoring worker. */
export interface ScoreWorkerInput {
  count: number;
  rows: SharedArrayBuffer;
  texts: string[];
  nameIds: Int32Array;
  nameTokens: string[][];
  model: MatchModel;
  /** This worker's pairs, and the number of the first of them among all candidates. */
  pairs: Int32Array;
  first: number;
  /** Pairs scored so far, per worker, for the progress display. */
  progress: SharedArrayBuffer;
  slot: number;
}

const input = workerData as ScoreWorkerInput;
const tokens: string[][] = new Array(input.texts.length).fill([]);
input.nameIds.forEach((id, k) => {
  tokens[id] = input.nameTokens[k]!;
});
const table = { count: input.count, rows: new Int32Array(input.rows), texts: input.texts, tokens };
const scorer = new TableScorer(new TableComparer(table), input.model);
const progress = new Int32Array(input.progress);
const share = scoreShare(scorer, input.pairs, 0, input.pairs.length / 2, (done) =>
  Atomics.store(progress, input.slot, done),
);
for (let k = 0; k < share.kept.length; k++) share.kept[k]! += input.first;
parentPort?.postMessage(share, [share.kept.buffer as ArrayBuffer, share.weights.buffer as ArrayBuffer]);
