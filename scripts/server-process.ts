// Runs the real `hemisphere` server as a child process on a throwaway database, for the durability check and the
// API benchmark: both must see what a deployment sees (a separate process, a real socket, a real data directory).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "bin", "hemisphere");
/** Variables that would point the child at another database, key set or address. */
const INHERITED_CONFIG = [
  "DATABASE_URL",
  "HEMISPHERE_DATA_DIR",
  "HEMISPHERE_KEYS",
  "HEMISPHERE_KEY_FILE",
  "PORT",
  "HOST",
];

/** A throwaway database: a temporary data directory, plus a fresh database when a server URL is given. */
export interface Target {
  kind: "pglite" | "postgres";
  dataDir: string;
  /** The environment every child process of this target runs with. */
  env: NodeJS.ProcessEnv;
  /** Removes the data directory and drops the database. */
  cleanup(): Promise<void>;
}

/** Creates a temporary data directory and, when `serverUrl` is given, a fresh database on that server. */
export async function createTarget(serverUrl?: string, label = "run"): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hemisphere-${label}-`));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_CONFIG) delete env[name];
  Object.assign(env, { HEMISPHERE_DATA_DIR: dataDir, HOST: "127.0.0.1" });
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!serverUrl) return { kind: "pglite", dataDir, env, cleanup: removeDir };
  const name = `hemisphere_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  await serverQuery(serverUrl, `create database ${name}`);
  env.DATABASE_URL = databaseUrlFor(serverUrl, name);
  return {
    kind: "postgres",
    dataDir,
    env,
    cleanup: async () => {
      await dropDatabase(serverUrl, name);
      await removeDir();
    },
  };
}

/** The URL of database `name` on the server of `url`. */
export function databaseUrlFor(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Drops the throwaway database. Backends the owner may not end (42501) can still be on it for a moment: an
 * autovacuum worker (the superuser's) or a just-stopped server's connections. The drop is tried again for up
 * to 30 s.
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await serverQuery(url, `drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "42501" || attempt >= 120) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function serverQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Prepares the target's database and returns an API token of a new nation_admin of `nation`. Runs in this
 * process (no server holds the database yet); `loadDataDir` starts PGlite from a dump of a migrated database.
 */
export async function provisionAdminToken(
  target: Target,
  options: { nation?: string; loadDataDir?: Blob } = {},
): Promise<string> {
  const nation = options.nation ?? "USA";
  const { createApplication } = await import("../src/app.ts");
  const { loadConfig } = await import("../src/platform/config.ts");
  const { openDatabase } = await import("../src/platform/db/connect.ts");
  const { systemScope } = await import("../src/platform/auth/scope.ts");
  const config = loadConfig(target.env);
  const database =
    options.loadDataDir && target.kind === "pglite"
      ? await openDatabase({ dataDir: config.dataDir, loadDataDir: options.loadDataDir })
      : undefined;
  const app = await createApplication(config, database ? { database } : {});
  try {
    const scope = systemScope(nation, "provision");
    const email = `admin.${randomBytes(3).toString("hex")}@${nation.toLowerCase()}.test`;
    const user = await app.platform.users.createUser(scope, {
      email,
      displayName: "Load and durability admin",
      roles: ["nation_admin"],
    });
    const token = await app.platform.users.createToken(scope, {
      userId: user.id,
      name: "harness",
      expiresAt: null,
    });
    return token.token;
  } finally {
    await app.platform.close();
  }
}

/** A running `hemisphere serve` child process. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** What the server wrote to stdout up to and including its "serving http://…" line. */
  banner: string;
  /** Everything the server wrote to stderr so far (for diagnostics). */
  stderr(): string;
  /** Sends `signal` and resolves once the process has exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `hemisphere serve` on a free loopback port and resolves once it listens. */
export function startServer(target: Target, timeoutMs = 180_000): Promise<ServerProcess> {
  return spawnServing([BIN, "serve", "--port", "0"], target.env, timeoutMs);
}

/** Runs `node <args>` and resolves once it prints `serving http://…` on stdout. */
export function spawnServing(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 180_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  return waitUntilServing(child, timeoutMs);
}

function waitUntilServing(child: ChildProcess, timeoutMs: number): Promise<ServerProcess> {
  let out = "";
  let err = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stderr?.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-20_000);
  });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${why}\n--- server stderr ---\n${err.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`the server did not start within ${timeoutMs / 1000} s`), timeoutMs);
    const onEarlyExit = (code: number | null, signal: string | null) =>
      fail(`the server exited before serving (code ${code}, ${signal})`);
    child.once("exit", onEarlyExit);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/[^\s]+)/.exec(out);
      if (!match?.[1] || child.pid === undefined) return;
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      const stop = async (signal: NodeJS.Signals) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      };
      resolve({ url: match[1], pid: child.pid, banner: out, stderr: () => err, stop });
    });
  });
}

/** Runs a `hemisphere` command against the target and returns its exit code and output. */
export function runHemisphere(
  target: Target,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: target.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
