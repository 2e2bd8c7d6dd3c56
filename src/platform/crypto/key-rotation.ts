import type { Database, Tx } from "../db/connect.ts";
import { countValuesByKey, lockValuesNotUnderKey, writeValue } from "./encrypted-values.store.ts";
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

async function rewriteBatch(tx: Tx, keyring: Keyring, column: EncryptedColumn): Promise<number> {
  const rows = await lockValuesNotUnderKey(tx, column, keyring.currentId, BATCH);
  for (const row of rows) {
    const stored = row.value as string;
    if (keyIdOf(stored) === keyring.currentId) continue;
    const plain = decryptField(keyring, stored, column.context);
    await writeValue(tx, column, row, encryptField(keyring, plain, column.context));
  }
  return rows.length;
}

/** Counts values per key id in every registered column, to tell when an old key may be retired. */
export async function countByKey(
  database: Database,
  columns: EncryptedColumn[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const column of columns) {
    const rows = await database.asOwner((tx) => countValuesByKey(tx, column));
    for (const r of rows) counts.set(r.key_id, (counts.get(r.key_id) ?? 0) + r.n);
  }
  return counts;
}
