import cluster, { type Worker } from "node:cluster";
import { serve } from "@hono/node-server";
import { type Application, createApplication } from "../app.ts";
import { startAuditSequencer } from "../platform/audit/audit-sequencer.ts";
import { type Config, loadConfig } from "../platform/config.ts";
import { DEMO_PASSWORD, seedDemoUsers } from "../platform/demo-users.ts";
import { AppError } from "../platform/errors.ts";
import { startRetentionTimer } from "../platform/retention/retention-timer.ts";

export interface ServeOptions {
  port?: string | undefined;
  host?: string | undefined;
  demo: boolean;
  skipData: boolean;
}

// One process serves on the embedded database (it belongs to one process). On PostgreSQL, `serve` runs one
// process per core (HEMISPHERE_WORKERS): this process migrates, seeds, runs the audit sequencer and the
// retention timer, and starts the serving processes, which share the port. Nothing the processes must agree on
// lives in one process's memory: sessions, limits, budgets, spent challenges and the audit log are in the
// database, and caches are keyed by what they cache or refreshed within seconds.

/** A worker that dies is replaced, unless workers die this often: then the server stops. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** Starts the server; in demo mode seeds users (and data) first. Stops cleanly on SIGINT and SIGTERM. */
export async function runServer(options: ServeOptions): Promise<void> {
  const config = loadConfig({
    ...process.env,
    ...(options.port ? { PORT: options.port } : {}),
    ...(options.host ? { HOST: options.host } : {}),
  });
  if (options.demo && config.production)
    throw new AppError("FORBIDDEN", "demo mode is refused when NODE_ENV=production");
  if (cluster.isWorker) return serveAsWorker(config);
  const started = performance.now();
  const app = await createApplication(config);
  if (config.production && app.platform.database.kind === "pglite") {
    // The embedded database survives a killed process but does not force commits to disk (see docs/durability.md).
    process.stderr.write(
      "warning: the embedded database does not fsync; use DATABASE_URL for personal records in production\n",
    );
  }
  if (options.demo) {
    const created = await seedDemoUsers(app.platform);
    if (created > 0) process.stderr.write(`demo: created ${created} demo users\n`);
    if (!options.skipData) await app.seedDemoData();
  }
  const processes = app.platform.database.kind === "postgres" ? config.workers : 1;
  const announce = (port: number) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const where = config.host === "0.0.0.0" ? "localhost" : config.host;
    const how = processes > 1 ? `, ${processes} processes` : "";
    process.stdout.write(
      `Hemisphere is serving http://${where}:${port} (${app.platform.database.kind}${how}, ready in ${seconds}s)\n`,
    );
    if (options.demo) {
      process.stdout.write(
        `demo sign-in: analyst@usa.demo, nation_admin@mex.demo, regional_admin@reg.demo … password ${DEMO_PASSWORD}\n`,
      );
    }
  };
  const background = startBackgroundWork(app, config);
  const stopServing = processes > 1 ? startWorkers(processes, announce) : serveHere(app, config, announce);
  onStopSignal(async () => {
    await stopServing();
    await background.stop();
    await app.platform.close();
  });
}

/** The work one process does for all: placing audit events in their log, and the daily retention sweep. */
function startBackgroundWork(app: Application, config: Config) {
  // Gives committed audit events their place in each nation's log, in batches under a Merkle root.
  const sequencer = startAuditSequencer(app.platform.database, {
    onError: (error) => process.stderr.write(`audit sequencer: ${String(error)}\n`),
  });
  // Erases once a day what has outlived each nation's retention periods (none are set by default).
  const retention = config.retentionTimer
    ? startRetentionTimer(app.retention, { log: (line) => process.stderr.write(`${line}\n`) })
    : null;
  return {
    async stop() {
      await retention?.stop();
      await sequencer.stop();
    },
  };
}

/** Serves HTTP in this process; resolves a stop function. */
function serveHere(app: Application, config: Config, onListening: (port: number) => void) {
  const server = serve({ fetch: app.http.fetch, port: config.port, hostname: config.host }, (info) =>
    onListening(info.port),
  );
  return async () => {
    // Requests under way may finish (for a few seconds at most); idle connections close at once.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  };
}

/** A serving process: the application on the migrated database, the HTTP server on the shared port. */
async function serveAsWorker(config: Config): Promise<void> {
  const app = await createApplication(config);
  const stop = serveHere(app, config, () => {});
  onStopSignal(async () => {
    await stop();
    await app.platform.close();
  });
}

/** Starts `count` serving processes, replaces one that dies, and announces once every one listens. */
function startWorkers(count: number, announce: (port: number) => void) {
  const listening = new Set<number>();
  const restarts: number[] = [];
  let stopping = false;
  cluster.on("listening", (worker, address) => {
    listening.add(worker.id);
    if (listening.size === count) announce(address.port);
  });
  cluster.on("exit", (worker: Worker, code, signal) => {
    listening.delete(worker.id);
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while ((restarts[0] ?? now) < now - 60_000) restarts.shift();
    process.stderr.write(`serving process ${worker.process.pid} exited (${signal ?? code})\n`);
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      process.stderr.write("serving processes keep exiting: stopping\n");
      process.kill(process.pid, "SIGTERM");
      return;
    }
    cluster.fork();
  });
  for (let i = 0; i < count; i++) cluster.fork();
  return async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
            worker.process.kill("SIGTERM");
          }),
      ),
    );
  };
}

/** Runs `stop` once on the first SIGINT or SIGTERM, then exits. */
function onStopSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) process.stderr.write(`${signal}: stopping\n`);
    void stop().then(() => process.exit(0));
  };
  process.on("SIGINT", () => handle("SIGINT"));
  process.on("SIGTERM", () => handle("SIGTERM"));
}
