import { Worker } from "node:worker_threads";
import { type BatchOptions, type BatchOutcome, solveBatch } from "./batch-outcome.ts";
import type { PlacementInput } from "./placement-types.ts";
import { PlacementInfeasibleError } from "./solve-placement.ts";

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

/**
 * Starts the worker. This checkout runs TypeScript through tsx without a build, and a worker does not
 * inherit the loader, so the `.ts` entry is imported through tsx's API inside the worker.
 */
function startWorker(data: { input: PlacementInput; options: BatchOptions }): Worker {
  const entry = new URL("./batch.worker.ts", import.meta.url).href;
  const api = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(boot, { eval: true, workerData: data, execArgv: [] });
}
