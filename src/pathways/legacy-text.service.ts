import { encryptField } from "../platform/crypto/field-crypto.ts";
import type { EncryptedColumn } from "../platform/crypto/key-rotation.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Database } from "../platform/db/connect.ts";
import { lockMarkedRows, updateTextColumns } from "./legacy-text.store.ts";
import { LEGACY, legacyTextColumns } from "./pathway-text.codec.ts";

// Free text written before it was encrypted carries the migration's `legacy:` mark until the application, at
// start, encrypts it here: in batches that each commit, so an interrupted start resumes where it stopped.

const BATCH = 500;

const reseal = (keyring: Keyring, value: string | null, context: string) =>
  value?.startsWith(LEGACY) ? encryptField(keyring, value.slice(LEGACY.length), context) : value;

/** Encrypts one batch of a table's legacy rows as the schema owner; returns how many rows it took. */
async function sealBatch(database: Database, keyring: Keyring, columns: EncryptedColumn[]): Promise<number> {
  const [marker] = columns;
  if (!marker) return 0;
  return database.asOwner(async (tx) => {
    const rows = await lockMarkedRows(tx, columns, LEGACY, BATCH);
    for (const row of rows) {
      const values = columns.map((c) => ({
        column: c.column,
        value: reseal(keyring, row[c.column] ?? null, c.context),
      }));
      await updateTextColumns(tx, marker.table, { tenant_id: row.tenant_id, id: row.id }, values);
    }
    return rows.length;
  });
}

/** Encrypts every free-text value the migration marked `legacy:`, in batches that each commit; resumable. */
export async function sealLegacyText(database: Database, keyring: Keyring): Promise<number> {
  const byTable = new Map<string, EncryptedColumn[]>();
  for (const c of legacyTextColumns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  let sealed = 0;
  for (const columns of byTable.values()) {
    for (;;) {
      const n = await sealBatch(database, keyring, columns);
      sealed += n;
      if (n < BATCH) break;
    }
  }
  return sealed;
}
