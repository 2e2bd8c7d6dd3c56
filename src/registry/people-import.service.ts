import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import type { ImportedPerson } from "./engine/registry-csv.ts";
import { externalKey, type PersonKeys } from "./person-seal.codec.ts";
import { type SealOptions, sealChunks } from "./person-seal.pool.ts";
import { existingExternalKeys, insertPeopleBulk } from "./registry.store.ts";

/** What an import did. */
export interface ImportResult {
  read: number;
  inserted: number;
  unchanged: number;
}

export interface ImportOptions
  extends Pick<SealOptions, "threads" | "interrupted" | "onFallback" | "minParallel"> {
  officeId?: string | null;
  onProgress?: (n: number) => void;
  source?: string;
  /** Rows per insert statement (and per sealing chunk). */
  batchSize?: number;
}

/**
 * Imports people in one transaction: all or nothing. Ids the nation already holds are found first (by their
 * blind index) and skipped before any sealing, so importing the same file again creates and changes nothing
 * and costs little. The others are sealed in worker threads while this thread inserts the chunks already sealed.
 */
export function importPeople(
  platform: Platform,
  keys: PersonKeys,
  scope: Scope,
  people: ImportedPerson[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  return inScope(platform.database.db, scope, async (tx) => {
    const withKeys = people.map((p) => ({ p, key: externalKey(keys, p.externalId) }));
    const known = await existingExternalKeys(
      tx,
      scope,
      withKeys.map((k) => k.key),
    );
    const fresh = withKeys.filter((k) => !known.has(k.key)).map((k) => k.p);
    options.onProgress?.(people.length - fresh.length);
    let inserted = 0;
    const { officeId: _office, onProgress: _progress, source: _source, batchSize, ...sealing } = options;
    const chunks = sealChunks(keys, scope.tenantId, fresh, { ...sealing, chunkSize: batchSize ?? 1_000 });
    for await (const rows of chunks) {
      inserted += await insertPeopleBulk(tx, scope, options.officeId ?? null, rows);
      options.onProgress?.(rows.length);
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
