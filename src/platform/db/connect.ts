import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.ts";
import { PgliteDialect } from "./pglite-dialect.ts";
import type { Schema } from "./schema.ts";

/** The non-superuser role every application query runs as; row-level security applies to it. */
export const APP_ROLE = "hemisphere_app";

export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;

/** An open database: PGlite embedded in this process, or a pool to a PostgreSQL server. */
export interface Database {
  readonly kind: "pglite" | "postgres";
  /** Queries run as the application role. */
  readonly db: Db;
  /** Runs `fn` in a transaction as the owner of the schema (migrations, audit verification, key rotation). */
  asOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A compressed copy of the embedded database's files (test templates); absent on a server. */
  dumpEmbedded?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** A dump of a migrated embedded database to start from (test templates). */
  loadDataDir?: Blob;
  /** Keep the embedded database in memory only (tests). */
  inMemory?: boolean;
}

// 64-bit integers and dates come back the same way from both databases: numbers and ISO date strings.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1082, (value) => value);
pg.types.setTypeParser(1700, (value) => Number(value));

const pgliteParsers = {
  1082: (value: string) => value,
  1700: (value: string) => Number(value),
};

/** Opens the configured database; PGlite unless a `databaseUrl` is given. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options);
}

/** Creates the application role once per cluster; safe when several processes race to do it. */
const ENSURE_APP_ROLE = `
do $$ begin
  if not exists (select from pg_roles where rolname = '${APP_ROLE}') then
    create role ${APP_ROLE} nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;
grant ${APP_ROLE} to current_user;`;

async function openPglite(options: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (!options.inMemory) {
    lock = lockDataDir(options.dataDir);
    dataDir = path.join(options.dataDir, "pgdata");
    fs.mkdirSync(dataDir, { recursive: true });
  }
  try {
    const client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: pgliteParsers,
    });
    await client.exec(ENSURE_APP_ROLE);
    await client.exec(`set role ${APP_ROLE}`);
    const db = new Kysely<Schema>({ dialect: new PgliteDialect(client) });
    return {
      kind: "pglite",
      db,
      asOwner: (fn) => runAsOwner(db, fn),
      dumpEmbedded: () => client.dumpDataDir("gzip"),
      close: async () => {
        await db.destroy();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const bootstrap = new pg.Client({ connectionString: url });
  await bootstrap.connect();
  try {
    await bootstrap.query(ENSURE_APP_ROLE);
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.HEMISPHERE_DB_POOL ?? 10) });
  // The first query queued on a new connection, so it runs before any application query.
  pool.on("connect", (client) => {
    client.query(`set role ${APP_ROLE}`).catch(() => undefined);
  });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is an error on the
  // pool, not on any request: the pool discards it and opens another when needed. Unheard, it ends the process.
  pool.on("error", (error) => {
    process.stderr.write(`database: an idle connection was closed (${error.message}); it will be replaced\n`);
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    db,
    asOwner: (fn) => runAsOwner(db, fn),
    close: () => db.destroy(),
  };
}

function runAsOwner<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`set local role none`.execute(tx);
    return fn(tx);
  });
}

/** Whether the database answers: the readiness probe's one statement. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
