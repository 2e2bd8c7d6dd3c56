import type { Worker } from "node:worker_threads";
import { startTsWorker } from "../platform/ts-worker.ts";
import {
  linkScored,
  type MatchOptions,
  planScoring,
  rankShares,
  type ScoredPairs,
  type ScoredShare,
  type ScoringPlan,
  scoreShare,
} from "./engine/link.ts";
import type { PeopleTable } from "./engine/people-table.ts";
import type { Person } from "./engine/person.ts";
import type { ScoreWorkerInput } from "./score.worker.ts";

export interface ParallelOptions extends MatchOptions {
  /** Threads that score pairs, this one included (default 2). */
  threads?: number;
}

/** `linkPeople` with the pairs scored in several threads; same result. */
export async function linkPeopleInParallel(left: Person[], right: Person[], options: ParallelOptions = {}) {
  const people = left.concat(right);
  return linkScored(people, await scoreCandidatesInParallel(people, left.length, options));
}

/** Below this many candidate pairs, starting a worker costs more than it saves. */
const MIN_PARALLEL_PAIRS = 200_000;

/**
 * `scoreCandidates` with the scoring spread over threads: this thread scores one share while worker
 * threads score the others, each with the same people table (shared memory) and model. Same result.
 * When a worker cannot start (no TypeScript loader, say), its share is scored here instead.
 */
export async function scoreCandidatesInParallel(
  people: Person[],
  leftCount: number | null,
  options: ParallelOptions,
): Promise<ScoredPairs> {
  const threads = Math.max(1, Math.floor(options.threads ?? 2));
  const plan = planScoring(people, leftCount, { ...options, sharedTable: threads > 1 });
  const count = plan.pairs.length / 2;
  const parts = threads > 1 && count >= MIN_PARALLEL_PAIRS ? threads : 1;
  const bounds = Array.from(
    { length: parts },
    (_, t) => [Math.floor((count * t) / parts), Math.floor((count * (t + 1)) / parts)] as const,
  );
  options.onStage?.(`scoring ${count.toLocaleString("en-US")} pairs in ${parts} thread(s)`);
  const progress = new Int32Array(new SharedArrayBuffer(4 * parts));
  const report = () =>
    options.onScored?.(
      progress.reduce((a, b) => a + b, 0),
      count,
    );
  const others = bounds.slice(1).map(([from, to], t) => scoreInWorker(plan, from, to, progress, t + 1));
  const [from, to] = bounds[0]!;
  const mine = scoreShare(plan.scorer, plan.pairs, from, to, (done) => {
    progress[0] = done;
    report();
  });
  const shares = [mine];
  for (const [t, pending] of others.entries()) {
    const [a, b] = bounds[t + 1]!;
    const share = await pending;
    if (typeof share === "string")
      options.onStage?.(`a scoring thread failed (${share}); scoring its share here`);
    shares.push(typeof share === "string" ? scoreShare(plan.scorer, plan.pairs, a, b) : share);
    report();
  }
  options.onScored?.(count, count);
  return rankShares(plan, shares);
}

/** Scores pairs [from, to) in a worker thread; when the worker fails, why (the caller scores them). */
function scoreInWorker(plan: ScoringPlan, from: number, to: number, progress: Int32Array, slot: number) {
  return new Promise<ScoredShare | string>((resolve) => {
    let worker: Worker;
    try {
      worker = startWorker(workerInput(plan, from, to, progress, slot));
    } catch (error) {
      resolve((error as Error).message);
      return;
    }
    worker.once("message", (share: ScoredShare) => resolve(share));
    worker.once("error", (error) => resolve(error.message));
    worker.once("exit", (code) => resolve(`exit code ${code}`));
  });
}

function workerInput(
  plan: ScoringPlan,
  from: number,
  to: number,
  progress: Int32Array,
  slot: number,
): ScoreWorkerInput {
  const { table } = plan;
  const names = nameTokenIds(table);
  return {
    count: table.count,
    rows: table.rows.buffer as SharedArrayBuffer,
    texts: table.texts,
    nameIds: names.ids,
    nameTokens: names.tokens,
    model: plan.model,
    pairs: plan.pairs.slice(2 * from, 2 * to),
    first: from,
    progress: progress.buffer as SharedArrayBuffer,
    slot,
  };
}

/** The texts that are names, with their tokens: a few thousand, not one entry per text. */
function nameTokenIds(table: PeopleTable): { ids: Int32Array; tokens: string[][] } {
  const ids: number[] = [];
  const tokens: string[][] = [];
  table.tokens.forEach((t, id) => {
    if (t.length > 0) {
      ids.push(id);
      tokens.push(t);
    }
  });
  return { ids: Int32Array.from(ids), tokens };
}

/** Starts one worker on its entry (see `startTsWorker`). */
function startWorker(input: ScoreWorkerInput): Worker {
  return startTsWorker(new URL("./score.worker.ts", import.meta.url), input, {
    transferList: [input.pairs.buffer as ArrayBuffer],
  });
}
