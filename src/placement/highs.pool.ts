import { Worker } from "node:worker_threads";
import type { LinearModel } from "./engine/highs-model.ts";

/** What one HiGHS run reports back. */
export interface HighsOutcome {
  status: string;
  objective: number;
  /** Best proven upper bound (the LP optimum for an LP, the dual bound for a MILP). */
  bound: number;
  primal: Float64Array | undefined;
}

/** Options for one run. */
export interface HighsRun {
  integer: boolean;
  timeLimitSeconds: number;
  /** Extra HiGHS options (snake_case names), e.g. `{ solver: "simplex" }`. */
  options?: Record<string, string | number | boolean>;
  /** Memory cap for the worker's heap, in megabytes. */
  maxMemoryMb?: number;
}

const graceMs = 15_000;

/**
 * Solves a linear model with HiGHS in its own worker thread. The worker is terminated past the time limit
 * plus a grace period, and a crash or out-of-memory rejects this promise without touching the caller.
 */
export function runHighs(model: LinearModel, run: HighsRun): Promise<HighsOutcome> {
  const worker = new Worker(new URL("./highs-worker.mjs", import.meta.url), {
    workerData: {
      model,
      integer: run.integer,
      options: { time_limit: run.timeLimitSeconds, ...run.options },
    },
    resourceLimits: { maxOldGenerationSizeMb: run.maxMemoryMb ?? 4096 },
    execArgv: [],
  });
  return new Promise<HighsOutcome>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        void worker.terminate();
        reject(new Error(`HiGHS did not stop within ${run.timeLimitSeconds}s plus ${graceMs / 1000}s grace`));
      },
      run.timeLimitSeconds * 1000 + graceMs,
    );
    const finish = () => clearTimeout(timer);
    worker.once("message", (outcome: HighsOutcome) => {
      finish();
      void worker.terminate();
      resolve(outcome);
    });
    worker.once("error", (error) => {
      finish();
      reject(new Error(`HiGHS worker failed: ${error.message}`));
    });
    worker.once("exit", (code) => {
      finish();
      reject(new Error(`HiGHS worker exited with code ${code} before answering`));
    });
  });
}
