import { sql } from "kysely";
import type { Tx } from "../db/connect.ts";

// SQL over any encrypted column, named at run time by its table, key columns and value column: key rotation and
// the migrations' step that encrypts values stored in clear. It runs as the schema owner across every nation
// (no scope), in the caller's transaction.

/** Where a column's values are: its table, the columns that identify a row, and the value column. */
export interface ValueColumn {
  table: string;
  keyColumns: string[];
  column: string;
}

/** A row's key columns and its value (as `value`). */
export type StoredValue = Record<string, string>;

/** Locks up to `limit` rows whose value is present and not encrypted under `keyId`. */
export async function lockValuesNotUnderKey(
  tx: Tx,
  column: ValueColumn,
  keyId: string,
  limit: number,
): Promise<StoredValue[]> {
  const keys = column.keyColumns.map((k) => sql.ref(k));
  const value = sql.ref(column.column);
  const rows = await sql<StoredValue>`
    select ${sql.join(keys)}, ${value} as value from ${sql.table(column.table)}
    where ${value} is not null and ${value} not like ${`enc1:${keyId}:%`}
    limit ${limit} for update`.execute(tx);
  return rows.rows;
}

/** Up to `limit` rows whose value is present and still in clear (not in the `enc1:` form). */
export async function plaintextValues(tx: Tx, column: ValueColumn, limit: number): Promise<StoredValue[]> {
  const value = sql.ref(column.column);
  const rows = await sql<StoredValue>`
    select ${sql.join(column.keyColumns.map((k) => sql.ref(k)))}, ${value} as value
    from ${sql.table(column.table)}
    where ${value} is not null and ${value} not like 'enc1:%'
    limit ${limit}`.execute(tx);
  return rows.rows;
}

/** Replaces the value of the row whose key columns are those of `row`. */
export async function writeValue(
  tx: Tx,
  column: ValueColumn,
  row: StoredValue,
  stored: string,
): Promise<void> {
  const value = sql.ref(column.column);
  const where = sql.join(
    column.keyColumns.map((k) => sql`${sql.ref(k)} = ${row[k]}`),
    sql` and `,
  );
  await sql`update ${sql.table(column.table)} set ${value} = ${stored} where ${where}`.execute(tx);
}

/** How many present values the column holds under each key id (the second field of `enc1:<key>:…`). */
export async function countValuesByKey(
  tx: Tx,
  column: ValueColumn,
): Promise<{ key_id: string; n: number }[]> {
  const value = sql.ref(column.column);
  const rows = await sql<{ key_id: string; n: number }>`
        select split_part(${value}, ':', 2) as key_id, count(*)::int as n from ${sql.table(column.table)}
        where ${value} is not null group by 1`.execute(tx);
  return rows.rows;
}
