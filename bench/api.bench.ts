// API benchmark: autocannon on loopback against the real server (a child process) for an authenticated read
// (GET /api/v1/nations) and an audited write (POST /api/v1/users: a user and its hash-chained audit event in one
// transaction), on PGlite and on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL). Two anchors, measured in
// the same run: a bare Hono handler on @hono/node-server answering c.json({ ok: true }) (what the platform's
// layers and the database cost together), and, on each database, the same-work anchor of
// bench/api-anchor.bench-part.ts: a minimal handler doing the read's token lookup and its row-level-security
// transaction on the same data, and nothing else (what the platform's own layers cost).
//   npm run bench:api -- [--duration 10] [--connections 10]
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import {
  createTarget,
  provisionAdminToken,
  type ServerProcess,
  spawnServing,
  startServer,
} from "../scripts/server-process.ts";

interface Figures {
  scenario: string;
  /** The same-work anchor of this scenario, measured in the same run. */
  sameWork?: Figures;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

interface Load {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  /** A fresh body per request (writes must not collide). */
  body?: () => string;
}

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: process.env.BENCH_DURATION ?? "10" },
    connections: { type: "string", default: "10" },
    "bare-server": { type: "boolean", default: false },
  },
});

/** The anchor: the least a Hono app on node-server can do per request. */
async function serveBareHono(): Promise<void> {
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const app = new Hono().get("/", (c) => c.json({ ok: true }));
  serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
    process.stdout.write(`bare hono serving http://127.0.0.1:${info.port}\n`);
  });
}

async function measure(scenario: string, url: string, load: Load, seconds: number, connections: number) {
  const request: autocannon.Request = { method: load.method, path: load.path, headers: load.headers ?? {} };
  const body = load.body;
  if (body) request.setupRequest = (r) => ({ ...r, body: body() });
  const options = { url, connections, requests: [request] };
  await autocannon({ ...options, duration: Math.min(2, seconds) }); // warm-up: JIT, pools, caches
  const result = await autocannon({ ...options, duration: seconds });
  const figures: Figures = {
    scenario,
    requestsPerSecond: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors,
  };
  process.stderr.write(`  ${scenario}: ${figures.requestsPerSecond.toFixed(0)} req/s\n`);
  return figures;
}

/** Reads and writes against the real server on one database. */
async function measureDatabase(
  kind: string,
  serverUrl: string | undefined,
  seconds: number,
  connections: number,
) {
  const target = await createTarget(serverUrl, "bench");
  let server: ServerProcess | undefined;
  try {
    const token = await provisionAdminToken(target);
    server = await startServer(target);
    const auth = { authorization: `Bearer ${token}` };
    const run = randomBytes(3).toString("hex");
    let n = 0;
    const read = await measure(
      `${kind}: GET /api/v1/nations`,
      server.url,
      { method: "GET", path: "/api/v1/nations", headers: auth },
      seconds,
      connections,
    );
    const write = await measure(
      `${kind}: POST /api/v1/users (audited)`,
      server.url,
      {
        method: "POST",
        path: "/api/v1/users",
        headers: { ...auth, "content-type": "application/json" },
        body: () =>
          JSON.stringify({
            email: `bench.${run}.${n++}@usa.test`,
            displayName: "Bench",
            roles: ["registrar"],
          }),
      },
      seconds,
      connections,
    );
    await server.stop("SIGTERM"); // PGlite's data directory is one process's: the anchor opens it next
    server = undefined;
    process.stderr.write(`${kind}: same-work anchor\n`);
    const anchor = await spawnServing(
      ["--import", "tsx", fileURLToPath(new URL("./api-anchor.bench-part.ts", import.meta.url))],
      target.env,
    );
    read.sameWork = await measure(
      `${kind}: same-work anchor, GET /api/v1/nations`,
      anchor.url,
      { method: "GET", path: "/api/v1/nations", headers: auth },
      seconds,
      connections,
    ).finally(() => anchor.stop("SIGTERM"));
    return [read.sameWork, read, write];
  } finally {
    await server?.stop("SIGTERM");
    await target.cleanup();
  }
}

function printTable(rows: Figures[], anchor: Figures, connections: number, seconds: number): void {
  const pad = (text: string, width: number) => text.padStart(width);
  const lines = [
    `API benchmark — autocannon on loopback, ${connections} connections, ${seconds} s per scenario (after a warm-up)`,
    `${"scenario".padEnd(56)}${pad("req/s", 9)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("failed", 8)}${pad("vs bare", 9)}${pad("vs same work", 14)}`,
  ];
  for (const r of [anchor, ...rows]) {
    const ratio = r === anchor ? "1" : (r.requestsPerSecond / anchor.requestsPerSecond).toFixed(3);
    const sameWork = r.sameWork
      ? `${(r.requestsPerSecond / r.sameWork.requestsPerSecond).toFixed(2)}× (≥ 0.6)`
      : "";
    lines.push(
      `${r.scenario.padEnd(56)}${pad(r.requestsPerSecond.toFixed(0), 9)}${pad(String(r.p50), 8)}${pad(String(r.p99), 8)}${pad(String(r.failed), 8)}${pad(`${ratio}×`, 9)}${pad(sameWork, 14)}`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  if (!(seconds > 0) || !(connections > 0))
    throw new Error("--duration and --connections must be positive numbers");
  const self = fileURLToPath(import.meta.url);
  process.stderr.write("bare Hono handler (anchor)\n");
  const bare = await spawnServing(["--import", "tsx", self, "--bare-server"]);
  const anchor = await measure(
    "bare hono: GET / → {ok:true}",
    bare.url,
    { method: "GET", path: "/" },
    seconds,
    connections,
  ).finally(() => bare.stop("SIGTERM"));
  process.stderr.write("PGlite (embedded)\n");
  const rows = await measureDatabase("pglite", undefined, seconds, connections);
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    process.stderr.write("PostgreSQL server\n");
    rows.push(...(await measureDatabase("postgres", serverUrl, seconds, connections)));
  }
  printTable(rows, anchor, connections, seconds);
  if (!serverUrl)
    process.stdout.write(
      "PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server URL\n",
    );
}

if (values["bare-server"]) await serveBareHono();
else await main();
