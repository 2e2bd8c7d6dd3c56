import { parentPort, workerData } from "node:worker_threads";
import { type BatchOptions, solveBatch } from "./batch-outcome.pool.ts";
import type { PlacementInput } from "./engine/placement-types.ts";
import { PlacementInfeasibleError } from "./solve-placement.pool.ts";

// Worker entry: solves one batch off the HTTP thread and posts the outcome, or the error's kind and message.

const { input, options } = workerData as { input: PlacementInput; options: BatchOptions };
solveBatch(input, options, () => performance.now()).then(
  (outcome) => parentPort?.postMessage({ ok: true, outcome }),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      infeasible: error instanceof PlacementInfeasibleError,
      message: error instanceof Error ? error.message : String(error),
    }),
);
