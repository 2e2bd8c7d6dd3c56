import type { Worker } from "node:worker_threads";
import { startTsWorker } from "../platform/ts-worker.ts";
import { type BatchOptions, type BatchOutcome, solveBatch } from "./batch-outcome.pool.ts";
import type { PlacementInput } from "./engine/placement-types.ts";
import { PlacementInfeasibleError } from "./solve-placement.pool.ts";

/** How a batch is run: inline below `inlineBelowPairs` scored pairs, otherwise in a worker thread. */
export interface BatchRunSettings {
  inlineBelowPairs: number;
  /** The worker is terminated when it has not answered after this long. */
  timeoutMs: number;
}

/**
 * Solves a batch without holding up the caller's event loop for long: small batches (milliseconds) inline,
 * larger ones in a worker thread that is terminated past `timeoutMs` (a crash rejects, nothing else breaks).
 */
export function runBatch(
  input: PlacementInput,
  options: BatchOptions,
  settings: BatchRunSettings,
): Promise<BatchOutcome> {
  if (input.scores.score.length < settings.inlineBelowPairs) {
    return solveBatch(input, options, () => performance.now());
  }
  const worker = startWorker({ input, options });
  return new Promise<BatchOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the batch did not finish within ${settings.timeoutMs / 1000}s`));
    }, settings.timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once("message", (answer: WorkerAnswer) => {
      settle();
      if (answer.ok) resolve(answer.outcome);
      else
        reject(answer.infeasible ? new PlacementInfeasibleError(answer.message) : new Error(answer.message));
    });
    worker.once("error", (error) => {
      settle();
      reject(new Error(`the placement worker failed: ${error.message}`));
    });
    worker.once("exit", (code) => {
      settle();
      reject(new Error(`the placement worker exited with code ${code} before answering`));
    });
  });
}

type WorkerAnswer = { ok: true; outcome: BatchOutcome } | { ok: false; infeasible: boolean; message: string };

/** Starts one worker on its entry (see `startTsWorker`). */
function startWorker(data: { input: PlacementInput; options: BatchOptions }): Worker {
  return startTsWorker(new URL("./batch.worker.ts", import.meta.url), data, { execArgv: [] });
}
