import { availableParallelism } from "node:os";
import path from "node:path";
import { AppError } from "./errors.ts";

/** Everything the platform reads from the environment, read once and validated. */
export interface Config {
  /** Directory of the embedded database, its lock and the default key file. */
  dataDir: string;
  /** When set, a PostgreSQL 15+ server is used instead of the embedded database. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  production: boolean;
  /** Path of the key file holding field-encryption keys (never stored in the database). */
  keyFile: string;
  /** Keys given directly in the environment (`HEMISPHERE_KEYS`), which win over the key file. */
  keysFromEnv: string | undefined;
  /** Directory of the built web app served at `/`. */
  webDir: string;
  /** Trust `X-Forwarded-For` for the client address (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Run the daily retention sweep in `serve` (`RETENTION_TIMER=off` turns it off). */
  retentionTimer: boolean;
  /**
   * Server processes `serve` runs on PostgreSQL (`HEMISPHERE_WORKERS`, default one per core); the embedded
   * database belongs to one process, so on PGlite there is always one.
   */
  workers: number;
}

/** Reads and checks the configuration from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.HEMISPHERE_DATA_DIR || ".hemisphere");
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError("BAD_INPUT", `PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
  }
  const workers = Number(env.HEMISPHERE_WORKERS || availableParallelism());
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new AppError(
      "BAD_INPUT",
      `HEMISPHERE_WORKERS must be a whole number from 1 to 64, got "${env.HEMISPHERE_WORKERS}"`,
    );
  }
  return {
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    port,
    host: env.HOST || "127.0.0.1",
    production: env.NODE_ENV === "production",
    keyFile: path.resolve(env.HEMISPHERE_KEY_FILE || path.join(dataDir, "keys.json")),
    keysFromEnv: env.HEMISPHERE_KEYS || undefined,
    trustProxy: env.HEMISPHERE_TRUST_PROXY === "1",
    retentionTimer: env.RETENTION_TIMER !== "off",
    workers,
    webDir: path.resolve(env.HEMISPHERE_WEB_DIR || new URL("../../web/dist", import.meta.url).pathname),
  };
}
