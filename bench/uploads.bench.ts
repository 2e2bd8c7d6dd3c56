// Upload benchmark: how long the server keeps other requests waiting while it imports a large statistics file.
// The application runs in this process on an in-memory PGlite, served on loopback; a prober in its own thread
// sends `GET /healthz` every 20 ms during each import and records how long each took to be answered. Each size
// is imported twice in the same run: parsed in this thread (the anchor: how uploads were read before) and in the
// worker thread the server uses. Files are real CBP area-of-responsibility rows (FY2020–FY2023) repeated with
// earlier fiscal years until the size is reached (`largeCbpFile`), so every row is distinct.
//   npm run bench:uploads -- [--sizes 5.6,15]
import fs from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { getRequestListener } from "@hono/node-server";
import { createApplication } from "../src/app.ts";
import { largeCbpFile } from "../src/flows/large-cbp-file.test-support.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { loadConfig } from "../src/platform/config.ts";
import { newKeyFile } from "../src/platform/crypto/keyring.ts";
import { openDatabase } from "../src/platform/db/connect.ts";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "5.6,15" } } });
const sizes = (values.sizes ?? "5.6,15").split(",").map(Number);

// The prober: plain JavaScript in its own thread, so its clock and its requests never wait for this thread.
const PROBER = `
const { parentPort, workerData } = require("node:worker_threads");
const latencies = [];
let stop = false;
parentPort.on("message", () => { stop = true; });
(async () => {
  while (!stop) {
    const sent = performance.now();
    await fetch(workerData.url).then((r) => r.text());
    latencies.push(performance.now() - sent);
    const wait = 20 - (performance.now() - sent);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  parentPort.postMessage(latencies);
})();`;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function probeDuring<T>(url: string, work: () => Promise<T>) {
  const prober = new Worker(PROBER, { eval: true, workerData: { url } });
  await new Promise((r) => setTimeout(r, 100));
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const done = new Promise<number[]>((resolve) => prober.once("message", resolve));
  prober.postMessage("stop");
  const latencies = (await done).sort((a, b) => a - b);
  await prober.terminate();
  return {
    seconds,
    probes: latencies.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hemisphere-bench-uploads-"));
const database = await openDatabase({ dataDir: "", inMemory: true });
const config = loadConfig({
  HEMISPHERE_DATA_DIR: dataDir,
  HEMISPHERE_KEYS: JSON.stringify(newKeyFile("bench")),
  NODE_ENV: "test",
});
const app = await createApplication(config, { database });
const server = createServer(getRequestListener(app.http.fetch));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/healthz`;
const scope = systemScope("USA", "bench", ["nation_admin"]);

// The worker starts once per server, at the first upload: measured apart, then kept warm.
const warm = performance.now();
await app.flows.importFiles(scope, [{ name: "warm.csv", content: largeCbpFile(10_000, 200) }], {
  label: "warm",
});
process.stderr.write(`worker start and a 10 kB upload: ${(performance.now() - warm).toFixed(0)} ms\n`);

const rows: string[] = [];
let shift = 0;
for (const mb of sizes) {
  const figures: Record<string, Awaited<ReturnType<typeof probeDuring>>> = {};
  for (const thread of ["inline", "worker"] as const) {
    // Each import gets rows of its own (earlier fiscal years), so none is recognised as already imported.
    shift += 40;
    const content = new TextEncoder().encode(largeCbpFile(mb * 1e6, shift));
    figures[thread] = await probeDuring(url, () =>
      app.flows.importFiles(scope, [{ name: `${mb}mb-${thread}.csv`, content }], {
        label: `${mb}mb-${thread}`,
        thread,
      }),
    );
    process.stderr.write(`  ${mb} MB ${thread}: ${JSON.stringify(figures[thread])}\n`);
  }
  const before = figures.inline as Awaited<ReturnType<typeof probeDuring>>;
  const after = figures.worker as Awaited<ReturnType<typeof probeDuring>>;
  rows.push(
    `| ${mb} MB | ${before.seconds.toFixed(1)} s / ${after.seconds.toFixed(1)} s | ${before.p50.toFixed(0)} / ${before.p99.toFixed(0)} / ${before.max.toFixed(0)} ms | ${after.p50.toFixed(0)} / ${after.p99.toFixed(0)} / ${after.max.toFixed(0)} ms | ${(before.p99 / after.p99).toFixed(1)}× |`,
  );
}

process.stdout.write(
  [
    "",
    "/healthz while a flows file is imported (PGlite in memory; p50 / p99 / max of probes every 20 ms)",
    "",
    "| upload | import time (parsed here / in the worker) | /healthz parsed here | /healthz parsed in the worker | p99 ratio |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n"),
);
server.close();
await app.platform.close();
fs.rmSync(dataDir, { recursive: true, force: true });
