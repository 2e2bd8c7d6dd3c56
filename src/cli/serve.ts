import { serve } from "@hono/node-server";
import { createApplication } from "../app.ts";
import { startAuditSequencer } from "../platform/audit/audit-sequencer.ts";
import { loadConfig } from "../platform/config.ts";
import { DEMO_PASSWORD, seedDemoUsers } from "../platform/demo-users.ts";
import { AppError } from "../platform/errors.ts";
import { startRetentionTimer } from "../platform/retention/retention-timer.ts";

export interface ServeOptions {
  port?: string | undefined;
  host?: string | undefined;
  demo: boolean;
  skipData: boolean;
}

/** Starts the server; in demo mode seeds users (and data) first. Stops cleanly on SIGINT and SIGTERM. */
export async function runServer(options: ServeOptions): Promise<void> {
  const config = loadConfig({
    ...process.env,
    ...(options.port ? { PORT: options.port } : {}),
    ...(options.host ? { HOST: options.host } : {}),
  });
  if (options.demo && config.production)
    throw new AppError("FORBIDDEN", "demo mode is refused when NODE_ENV=production");
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
  const server = serve({ fetch: app.http.fetch, port: config.port, hostname: config.host }, (info) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Hemisphere is serving http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${info.port} (${app.platform.database.kind}, ready in ${seconds}s)\n`,
    );
    if (options.demo) {
      process.stdout.write(
        `demo sign-in: analyst@usa.demo, nation_admin@mex.demo, regional_admin@reg.demo … password ${DEMO_PASSWORD}\n`,
      );
    }
  });
  // Gives committed audit events their place in each nation's log, in batches under a Merkle root.
  const sequencer = startAuditSequencer(app.platform.database, {
    onError: (error) => process.stderr.write(`audit sequencer: ${String(error)}\n`),
  });
  // Erases once a day what has outlived each nation's retention periods (none are set by default).
  const retention = config.retentionTimer
    ? startRetentionTimer(app.retention, { log: (line) => process.stderr.write(`${line}\n`) })
    : null;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    server.close();
    void Promise.resolve(retention?.stop())
      .then(() => sequencer.stop())
      .then(() => app.platform.close())
      .then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}
