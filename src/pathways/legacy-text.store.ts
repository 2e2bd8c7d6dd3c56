import { sql } from "kysely";
import type { Tx } from "../platform/db/connect.ts";

// SQL of sealing legacy free text: rows of any pathway table whose free-text columns a migration marked as
// still in clear. It runs as the schema owner across every nation (no scope), one batch per transaction.

/** Text columns of one table; the first is the marker the migration's partial index covers. */
export type TextColumns = readonly { table: string; column: string }[];

/**
 * Locks up to `limit` rows of the columns' table whose marker column starts with `prefix`; answers each row's
 * key and the columns' stored values.
 */
export async function lockMarkedRows(
  tx: Tx,
  columns: TextColumns,
  prefix: string,
  limit: number,
): Promise<Record<string, string | null>[]> {
  const [marker] = columns;
  if (!marker) return [];
  // The literal pattern lets PostgreSQL use the partial index the migration made for exactly this predicate.
  const rows = await sql<Record<string, string | null>>`
      select tenant_id, id, ${sql.join(columns.map((c) => sql.ref(c.column)))}
      from ${sql.table(marker.table)}
      where ${sql.ref(marker.column)} like ${sql.lit(`${prefix}%`)}
      limit ${limit} for update`.execute(tx);
  return rows.rows;
}

/** Writes the given text columns of one row of `table`, found by its key. */
export async function updateTextColumns(
  tx: Tx,
  table: string,
  key: { tenant_id: string | null | undefined; id: string | null | undefined },
  values: { column: string; value: string | null }[],
): Promise<void> {
  const sets = values.map((v) => sql`${sql.ref(v.column)} = ${v.value}`);
  await sql`update ${sql.table(table)} set ${sql.join(sets)}
        where tenant_id = ${key.tenant_id} and id = ${key.id}`.execute(tx);
}
