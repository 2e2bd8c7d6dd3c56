import type { Tx } from "../db/connect.ts";
import { plaintextValues, writeValue } from "./encrypted-values.store.ts";
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
  const rows = await plaintextValues(tx, column, BATCH);
  for (const row of rows) {
    const stored = encryptField(keyring, row.value as string, column.context);
    await writeValue(tx, column, row, stored);
  }
  return rows.length;
}
