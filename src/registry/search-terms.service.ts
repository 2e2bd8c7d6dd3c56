import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import { personTerms } from "./engine/person-record.ts";
import { hashTerm, openPerson, type PersonKeys } from "./person-seal.codec.ts";
import { setTerms, storedPeoplePage } from "./registry.store.ts";

const PAGE = 1_000;

/**
 * Rewrites the search terms of every stored person from their decrypted record (migration 0010's data step:
 * the blocking terms are new). Runs in the migration's transaction, a page at a time; returns how many.
 */
export async function rewriteSearchTerms(tx: Tx, keyring: Keyring): Promise<number> {
  const keys: PersonKeys = { keyring, clkKeys: new Map() };
  let after: { tenant: string; id: string } | null = null;
  let rewritten = 0;
  for (;;) {
    const page = await storedPeoplePage(tx, after, PAGE);
    const byTenant = new Map<string, { id: string; terms: string[] }[]>();
    for (const row of page) {
      const { person } = openPerson(keyring, row);
      const terms = personTerms(person).map((t) => hashTerm(keys, t));
      byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), { id: row.id, terms }]);
    }
    for (const [tenant, rows] of byTenant) await setTerms(tx, tenant, rows);
    rewritten += page.length;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return rewritten;
    after = { tenant: last.tenant_id, id: last.id };
  }
}
