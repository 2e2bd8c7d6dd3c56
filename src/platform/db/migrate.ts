import { createHash } from "node:crypto";
import fs from "node:fs";
import { sql } from "kysely";
import { AppError } from "../errors.ts";
import type { Database } from "./connect.ts";

/** One forward-only schema change, named `<capability>/<file>`. */
export interface Migration {
  id: string;
  sql: string;
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

/** The platform's own migrations; capabilities add theirs after these. */
export const platformMigrations = (): Migration[] =>
  migrationsFromDir("platform", new URL("./migrations/", import.meta.url));

function checksum(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Applies every migration not yet applied, each in its own transaction, in order. An applied migration whose
 * text has changed since is an error: migrations only move forward.
 */
export async function migrate(database: Database, migrations: Migration[]): Promise<string[]> {
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
      await sql`insert into schema_migrations (id, checksum) values (${migration.id}, ${checksum(migration.sql)})`.execute(
        tx,
      );
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
