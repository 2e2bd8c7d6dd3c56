import { sql } from "kysely";
import type { Tx } from "../db/connect.ts";
import { encryptField } from "./field-crypto.ts";
import type { EncryptedColumn } from "./key-rotation.ts";
import type { Keyring } from "./keyring.ts";

const BATCH = 500;

/**
 * Encrypts in place every value of the columns that is still plaintext (not in the `enc1:` form), in the
 * caller's transaction: the data step of a migration that moves a column to encryption. Values already
 * encrypted are left alone, so running it twice changes nothing. Returns how many values were encrypted.
 */
export async function encryptPlaintextValues(
  tx: Tx,
  keyring: Keyring,
  columns: EncryptedColumn[],
): Promise<number> {
  let total = 0;
  for (const column of columns) {
    for (;;) {
      const done = await encryptBatch(tx, keyring, column);
      total += done;
      if (done < BATCH) break;
    }
  }
  return total;
}

async function encryptBatch(tx: Tx, keyring: Keyring, column: EncryptedColumn): Promise<number> {
  const value = sql.ref(column.column);
  const rows = await sql<Record<string, string>>`
    select ${sql.join(column.keyColumns.map((k) => sql.ref(k)))}, ${value} as value
    from ${sql.table(column.table)}
    where ${value} is not null and ${value} not like 'enc1:%'
    limit ${BATCH}`.execute(tx);
  for (const row of rows.rows) {
    const where = sql.join(
      column.keyColumns.map((k) => sql`${sql.ref(k)} = ${row[k]}`),
      sql` and `,
    );
    const stored = encryptField(keyring, row.value as string, column.context);
    await sql`update ${sql.table(column.table)} set ${value} = ${stored} where ${where}`.execute(tx);
  }
  return rows.rows.length;
}
