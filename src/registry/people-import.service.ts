import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import { type PersonKeys, sealPerson } from "./person-seal.service.ts";
import { insertPeople } from "./registry.store.ts";
import type { ImportedPerson } from "./registry-csv.ts";

/** What an import did. */
export interface ImportResult {
  read: number;
  inserted: number;
  unchanged: number;
}

const BATCH = 500;

/**
 * Imports people in one transaction: all or nothing. People whose external id the nation already holds are left
 * as they are, so importing the same file again creates nothing and changes nothing.
 */
export function importPeople(
  platform: Platform,
  keys: PersonKeys,
  scope: Scope,
  people: ImportedPerson[],
  options: { officeId?: string | null; onProgress?: (n: number) => void; source?: string } = {},
): Promise<ImportResult> {
  return inScope(platform.database.db, scope, async (tx) => {
    let inserted = 0;
    for (let start = 0; start < people.length; start += BATCH) {
      const batch = people.slice(start, start + BATCH);
      const rows = batch.map((p) => ({
        ...sealPerson(keys, p.person, p.externalId),
        office_id: options.officeId ?? null,
      }));
      inserted += (await insertPeople(tx, scope, rows)).length;
      options.onProgress?.(batch.length);
    }
    const result = { read: people.length, inserted, unchanged: people.length - inserted };
    await recordAudit(tx, scope, {
      action: "person.import",
      targetType: "person",
      details: { ...result, source: options.source ?? null },
    });
    return result;
  });
}
