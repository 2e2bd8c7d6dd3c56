import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread on a `.ts` entry. This checkout runs TypeScript through tsx without a build (the
 * `hemisphere` command registers tsx's loader, vitest transforms on its own), and a worker inherits neither, so
 * the entry is imported through tsx's API inside the worker: the same code loads under both. Every worker of
 * the project starts here.
 */
export function startTsWorker(
  entry: URL,
  workerData: unknown,
  options: Pick<WorkerOptions, "transferList" | "execArgv" | "resourceLimits"> = {},
): Worker {
  const api = import.meta.resolve("tsx/esm/api");
  const href = JSON.stringify(entry.href);
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${href}, ${href}));`;
  return new Worker(boot, { ...options, eval: true, workerData });
}
