import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import { personNameDobEncoding } from "./engine/residence-answer.ts";
import { CONTEXT, regionalClkKeys } from "./person-seal.codec.ts";
import { peopleWithoutNameDobEncoding, setNameDobEncoding } from "./residence.store.ts";

const BATCH = 1000;

/**
 * Gives every stored person without one the name-and-birth-date encoding (migration 0007's data step, with the
 * keys): names and date of birth are decrypted in memory, batch by batch, and never written in clear. People
 * without a full date of birth keep none (a question always carries one). Returns how many were encoded.
 */
export async function encodeStoredPeopleByNameDob(tx: Tx, keyring: Keyring): Promise<number> {
  const keys = regionalClkKeys(keyring);
  let after: { tenantId: string; id: string } | null = null;
  let encoded = 0;
  for (;;) {
    const rows = await peopleWithoutNameDobEncoding(tx, after, BATCH);
    for (const r of rows) {
      const encoding = personNameDobEncoding(keys, {
        givenNames: JSON.parse(decryptField(keyring, r.given_names_enc, CONTEXT.givenNames)) as string[],
        surnames: JSON.parse(decryptField(keyring, r.surnames_enc, CONTEXT.surnames)) as string[],
        birthDate:
          r.birth_date_enc === null ? null : decryptField(keyring, r.birth_date_enc, CONTEXT.birthDate),
      });
      if (encoding) {
        await setNameDobEncoding(tx, r.tenant_id, r.id, encoding);
        encoded++;
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return encoded;
    after = { tenantId: last.tenant_id, id: last.id };
  }
}
