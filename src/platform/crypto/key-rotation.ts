import { sql } from "kysely";
import type { Database } from "../db/connect.ts";
import { decryptField, encryptField, keyIdOf } from "./field-crypto.ts";
import type { Keyring } from "./keyring.ts";

/** An encrypted column: its table, the columns that identify a row, and the context its values are bound to. */
export interface EncryptedColumn {
  table: string;
  keyColumns: string[];
  column: string;
  context: string;
}

export interface RotationProgress {
  column: string;
  rewritten: number;
}

const BATCH = 500;

/**
 * Re-encrypts every value of every registered column that is not yet under the keyring's current key. Each batch
 * commits on its own, so an interrupted rotation resumes where it stopped when run again.
 */
export async function reencryptAll(
  database: Database,
  keyring: Keyring,
  columns: EncryptedColumn[],
  onBatch?: (progress: RotationProgress) => void,
): Promise<number> {
  let total = 0;
  for (const column of columns) {
    for (;;) {
      const rewritten = await database.asOwner((tx) => rewriteBatch(tx, keyring, column));
      total += rewritten;
      onBatch?.({ column: `${column.table}.${column.column}`, rewritten });
      if (rewritten < BATCH) break;
    }
  }
  return total;
}

async function rewriteBatch(
  tx: Parameters<Parameters<Database["asOwner"]>[0]>[0],
  keyring: Keyring,
  column: EncryptedColumn,
): Promise<number> {
  const keys = column.keyColumns.map((k) => sql.ref(k));
  const value = sql.ref(column.column);
  const rows = await sql<Record<string, string>>`
    select ${sql.join(keys)}, ${value} as value from ${sql.table(column.table)}
    where ${value} is not null and ${value} not like ${`enc1:${keyring.currentId}:%`}
    limit ${BATCH} for update`.execute(tx);
  for (const row of rows.rows) {
    const stored = row.value as string;
    if (keyIdOf(stored) === keyring.currentId) continue;
    const plain = decryptField(keyring, stored, column.context);
    const where = sql.join(
      column.keyColumns.map((k) => sql`${sql.ref(k)} = ${row[k]}`),
      sql` and `,
    );
    await sql`update ${sql.table(column.table)} set ${value} = ${encryptField(keyring, plain, column.context)} where ${where}`.execute(
      tx,
    );
  }
  return rows.rows.length;
}

/** Counts values per key id in every registered column, to tell when an old key may be retired. */
export async function countByKey(
  database: Database,
  columns: EncryptedColumn[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const column of columns) {
    const value = sql.ref(column.column);
    const rows = await database.asOwner((tx) =>
      sql<{ key_id: string; n: number }>`
        select split_part(${value}, ':', 2) as key_id, count(*)::int as n from ${sql.table(column.table)}
        where ${value} is not null group by 1`.execute(tx),
    );
    for (const r of rows.rows) counts.set(r.key_id, (counts.get(r.key_id) ?? 0) + r.n);
  }
  return counts;
}
