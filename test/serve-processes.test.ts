import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTarget, type ServerProcess, startServer, type Target } from "../scripts/server-process.ts";

// `serve` runs one serving process per HEMISPHERE_WORKERS on PostgreSQL, and one on the embedded database.
// The real command, on a throwaway database: PostgreSQL when TEST_DATABASE_URL is set, else PGlite.

const serverUrl = process.env.TEST_DATABASE_URL;
let target: Target;
let server: ServerProcess;
let line: string;

/** The pids of a process's children, from /proc. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return /^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${name}/status`, "utf8"))?.[1] === String(pid);
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  target = await createTarget(serverUrl, "serve");
  target.env.HEMISPHERE_WORKERS = "2";
  server = await startServer(target);
  line = server.banner;
}, 180_000);
afterAll(async () => {
  await server?.stop("SIGTERM");
  await target?.cleanup();
});

describe("serve's processes", () => {
  it.runIf(!serverUrl)(
    "serves from one process on the embedded database, whatever HEMISPHERE_WORKERS says",
    () => {
      expect(line).toMatch(/\(pglite, ready in/);
      expect(childrenOf(server.pid)).toEqual([]);
    },
  );

  it.runIf(serverUrl)(
    "serves from HEMISPHERE_WORKERS processes on PostgreSQL, and replaces one that dies",
    async () => {
      expect(line).toMatch(/\(postgres, 2 processes, ready in/);
      const workers = childrenOf(server.pid);
      expect(workers).toHaveLength(2);
      for (let i = 0; i < 6; i++) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      process.kill(workers[0] as number, "SIGKILL");
      const replaced = await until("a replacement", () => {
        const now = childrenOf(server.pid);
        return now.length === 2 && !now.includes(workers[0] as number) ? now : undefined;
      });
      expect(replaced).toContain(workers[1]);
      for (let i = 0; i < 6; i++) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    },
  );

  it("stops every process it started on SIGTERM", async () => {
    const workers = childrenOf(server.pid);
    await server.stop("SIGTERM");
    for (const pid of [server.pid, ...workers]) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
  });
});
