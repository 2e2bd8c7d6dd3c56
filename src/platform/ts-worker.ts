import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread on a `.ts` entry, the same way whichever form of the code is running. Compiled
 * (`dist/`, built by `npm run build`), the entry's `.js` beside this module runs as is. From the sources (the
 * `hemisphere` command through tsx's loader, or vitest, which transforms on its own), a worker inherits no
 * loader, so the entry is imported through tsx's API inside the worker. Every worker of the project starts here.
 */
export function startTsWorker(
  entry: URL,
  workerData: unknown,
  options: Pick<WorkerOptions, "transferList" | "execArgv" | "resourceLimits"> = {},
): Worker {
  if (import.meta.url.endsWith(".js")) {
    return new Worker(new URL(entry.href.replace(/\.ts$/, ".js")), { ...options, workerData });
  }
  const api = import.meta.resolve("tsx/esm/api");
  const href = JSON.stringify(entry.href);
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${href}, ${href}));`;
  return new Worker(boot, { ...options, eval: true, workerData });
}
