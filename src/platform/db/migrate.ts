import { createHash } from "node:crypto";
import fs from "node:fs";
import { sql } from "kysely";
import type { Keyring } from "../crypto/keyring.ts";
import { AppError } from "../errors.ts";
import type { Database, Tx } from "./connect.ts";

/** One forward-only schema change, named `<capability>/<file>`. */
export interface Migration {
  id: string;
  sql: string;
  /**
   * Work SQL cannot do, run after `sql` in the same transaction: encrypting values already stored needs the
   * keys, which never reach the database. Its checksum is that of `sql`; like the SQL, it runs once.
   */
  data?: (tx: Tx, keyring: Keyring) => Promise<void>;
}

/** Reads the `NNNN-name.sql` files of one folder, in order, as migrations named `<prefix>/<file>`. */
export function migrationsFromDir(prefix: string, dir: URL): Migration[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{4}-[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ id: `${prefix}/${name}`, sql: fs.readFileSync(new URL(name, dir), "utf8") }));
}

/** The migrations with `step` attached to the one named `id` (which must be among them). */
export function withDataStep(
  migrations: Migration[],
  id: string,
  step: NonNullable<Migration["data"]>,
): Migration[] {
  if (!migrations.some((m) => m.id === id)) throw new AppError("INTERNAL", `no migration ${id} to attach to`);
  return migrations.map((m) => (m.id === id ? { ...m, data: step } : m));
}

/** The platform's own migrations; capabilities add theirs after these. */
export const platformMigrations = (): Migration[] =>
  migrationsFromDir("platform", new URL("./migrations/", import.meta.url));

function checksum(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Applies every migration not yet applied, each in its own transaction, in order. An applied migration whose
 * text has changed since is an error: migrations only move forward. A migration with a data step needs the
 * keyring when it has yet to run.
 */
export async function migrate(
  database: Database,
  migrations: Migration[],
  keyring?: Keyring,
): Promise<string[]> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new AppError("INTERNAL", `migration ${m.id} is listed twice`);
    ids.add(m.id);
  }
  await database.asOwner(async (tx) => {
    await sql`select pg_advisory_xact_lock(4242001)`.execute(tx);
    await sql`create table if not exists schema_migrations (
      id text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(
      tx,
    );
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await database.asOwner(async (tx) => {
      await sql`select pg_advisory_xact_lock(4242001)`.execute(tx);
      const found = await sql<{
        checksum: string;
      }>`select checksum from schema_migrations where id = ${migration.id}`.execute(tx);
      const row = found.rows[0];
      if (row) {
        if (row.checksum !== checksum(migration.sql)) {
          throw new AppError(
            "INTERNAL",
            `migration ${migration.id} was changed after it was applied; add a new one instead`,
          );
        }
        return false;
      }
      await sql.raw(migration.sql).execute(tx);
      if (migration.data) {
        if (!keyring)
          throw new AppError(
            "INTERNAL",
            `migration ${migration.id} encrypts stored values and needs the keys`,
          );
        await migration.data(tx, keyring);
      }
      await sql`insert into schema_migrations (id, checksum) values (${migration.id}, ${checksum(migration.sql)})`.execute(
        tx,
      );
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
