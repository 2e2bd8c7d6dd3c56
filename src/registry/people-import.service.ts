import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import type { ImportedPerson } from "./engine/registry-csv.ts";
import { externalKey, type PersonKeys } from "./person-seal.codec.ts";
import { type SealOptions, sealChunks } from "./person-seal.pool.ts";
import {
  analyzePeople,
  existingExternalKeys,
  holdsExternalKeys,
  insertPeopleBulk,
} from "./registry.store.ts";

/** What an import did. */
export interface ImportResult {
  read: number;
  inserted: number;
  unchanged: number;
}

export interface ImportOptions
  extends Pick<SealOptions, "threads" | "interrupted" | "onFallback" | "minParallel" | "expected"> {
  officeId?: string | null;
  onProgress?: (n: number) => void;
  source?: string;
  /** Rows per insert statement (and per sealing chunk) when the people come as one list. */
  batchSize?: number;
}

/** Batches of people, read afresh on each call (a file may be read twice: for the ids known, then to import). */
export type PeopleSource = () => AsyncIterable<ImportedPerson[]>;

/**
 * Imports people in one transaction: all or nothing. They come as one list, or as batches read from a file
 * while it is imported (a batch source that throws, a file found bad on its last line say, rolls everything
 * back). The ids the nation already holds are found first, before anything is written (so every lookup is
 * planned on the table as it is, not on one the import is growing), and skipped before any sealing: importing
 * the same file again creates and changes nothing and costs little. The others are sealed in worker threads
 * while this thread inserts the chunks already sealed.
 */
export async function importPeople(
  platform: Platform,
  keys: PersonKeys,
  scope: Scope,
  people: ImportedPerson[] | PeopleSource,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { officeId, onProgress, source, batchSize, ...sealing } = options;
  const batches = Array.isArray(people) ? () => batchesOf(people, batchSize ?? 1_000) : people;
  const expected = Array.isArray(people) ? people.length : sealing.expected;
  const result = await inScope(platform.database.db, scope, async (tx) => {
    const counts = { read: 0, inserted: 0 };
    const known = await knownKeys(tx, scope, keys, batches);
    const fresh = freshOnly(keys, known, batches(), (read, skipped) => {
      counts.read += read;
      if (skipped > 0) onProgress?.(skipped);
    });
    for await (const batch of sealChunks(keys, scope.tenantId, fresh, { ...sealing, expected })) {
      counts.inserted += await insertPeopleBulk(tx, scope, officeId ?? null, batch);
      onProgress?.(batch.count);
    }
    const done = { ...counts, unchanged: counts.read - counts.inserted };
    await recordAudit(tx, scope, {
      action: "person.import",
      targetType: "person",
      details: { ...done, source: source ?? null },
    });
    return done;
  });
  // A table that grew by much is planned as if it had not: searches and the next import's lookups would scan it.
  if (result.inserted >= ANALYZE_AFTER) await platform.database.asOwner(analyzePeople);
  return result;
}

/** New rows after which an import refreshes the table's statistics. */
const ANALYZE_AFTER = 10_000;

async function* batchesOf(people: ImportedPerson[], size: number): AsyncGenerator<ImportedPerson[]> {
  for (let i = 0; i < people.length; i += size) yield people.slice(i, i + size);
}

/**
 * The blind indexes of the source's ids that the nation already holds. A nation that holds nobody from a file
 * holds none of them: the source is not read (a first import reads its file once less).
 */
async function knownKeys(
  tx: Tx,
  scope: Scope,
  keys: PersonKeys,
  batches: () => AsyncIterable<ImportedPerson[]>,
): Promise<Set<string>> {
  const known = new Set<string>();
  if (!(await holdsExternalKeys(tx, scope))) return known;
  for await (const batch of batches()) {
    const found = await existingExternalKeys(
      tx,
      scope,
      batch.map((p) => externalKey(keys, p.externalId)),
    );
    for (const key of found) known.add(key);
  }
  return known;
}

/** Each batch without the people whose id is known; `seen` is told what was read and skipped. */
async function* freshOnly(
  keys: PersonKeys,
  known: Set<string>,
  batches: AsyncIterable<ImportedPerson[]>,
  seen: (read: number, skipped: number) => void,
): AsyncGenerator<ImportedPerson[]> {
  for await (const batch of batches) {
    const fresh = known.size === 0 ? batch : batch.filter((p) => !known.has(externalKey(keys, p.externalId)));
    seen(batch.length, batch.length - fresh.length);
    if (fresh.length > 0) yield fresh;
  }
}
