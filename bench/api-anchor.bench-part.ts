// The same-work anchor of the API benchmark: a minimal Hono handler on @hono/node-server that does what an
// authenticated read of GET /api/v1/nations must do and nothing else. It takes the bearer token, hashes it,
// and in one transaction binds the token's nation for row-level security, finds the token's user by the hash
// (refusing a revoked or expired token) and reads the nations; then answers them as JSON. It connects as the
// platform does: the application role (row-level security applies), a pool of HEMISPHERE_DB_POOL (10)
// connections to the server in DATABASE_URL, or PGlite on the data directory in HEMISPHERE_DATA_DIR (the real
// server must be stopped: the directory is one process's). Started by bench/api.bench.ts; prints
// "serving http://…" when it listens.
import { createHash } from "node:crypto";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import pg from "pg";
import { APP_ROLE } from "../src/platform/db/connect.ts";

type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
type InTransaction = <T>(fn: (query: Query) => Promise<T>) => Promise<T>;

async function openPool(url: string): Promise<InTransaction> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.HEMISPHERE_DB_POOL ?? 10) });
  pool.on("connect", (client) => {
    client.query(`set role ${APP_ROLE}`).catch(() => undefined);
  });
  return async (fn) => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      const result = await fn(async (text, params) => (await client.query(text, params)).rows);
      await client.query("commit");
      return result;
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}

async function openPglite(dataDir: string): Promise<InTransaction> {
  const db = await PGlite.create({ dataDir: path.join(dataDir, "pgdata") });
  await db.exec(`set role ${APP_ROLE}`);
  return (fn) =>
    db.transaction((tx) =>
      fn(async (text, params) => (await tx.query<Record<string, unknown>>(text, params)).rows),
    );
}

const url = process.env.DATABASE_URL;
const dataDir = process.env.HEMISPHERE_DATA_DIR;
if (!url && !dataDir) throw new Error("set DATABASE_URL or HEMISPHERE_DATA_DIR");
const inTransaction = url ? await openPool(url) : await openPglite(dataDir as string);

const app = new Hono().get("/api/v1/nations", async (c) => {
  const secret = /^Bearer (hm_[A-Za-z0-9_.-]+)$/.exec(c.req.header("authorization") ?? "")?.[1];
  const tenant = secret?.slice(3, 6);
  if (!secret || !tenant) return c.json({ error: "unauthenticated" }, 401);
  const hash = createHash("sha256").update(secret).digest("hex");
  const nations = await inTransaction(async (query) => {
    await query("select set_config('app.tenant_id', $1, true)", [tenant]);
    const [user] = await query(
      `select u.id from api_tokens t join users u on u.tenant_id = t.tenant_id and u.id = t.user_id
        where t.tenant_id = $1 and t.token_hash = $2 and t.revoked_at is null
          and (t.expires_at is null or t.expires_at > now())`,
      [tenant, hash],
    );
    if (!user) return null;
    return query("select id, name, kind, joined_on from tenants order by name", []);
  });
  if (!nations) return c.json({ error: "unauthenticated" }, 401);
  return c.json({
    nations: nations.map((n) => ({ code: n.id, name: n.name, kind: n.kind, joinedOn: n.joined_on })),
  });
});

serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`same-work anchor serving http://127.0.0.1:${info.port}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
