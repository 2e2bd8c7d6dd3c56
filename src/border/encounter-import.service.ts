import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError, failOnProblems } from "../platform/errors.ts";
import { nextTurn } from "../platform/next-turn.ts";
import { pipeStrictText } from "../platform/text-input.ts";
import { personExistsInScope, recordProtectionRequest } from "../registry/index.ts";
import { isNotFutureEncounter } from "./border.contract.ts";
import {
  addToMonthlyCounts,
  type EncounterRow,
  findImportByHash,
  insertEncounterBatch,
  insertImport,
} from "./border.store.ts";
import type { EncounterRecord, ImportResult } from "./border-records.contract.ts";
import { toEncounterRow } from "./encounter-rows.store.ts";
import { type CsvProblem, encounterFromCsvRow, headerProblems } from "./engine/encounter-csv.ts";

// Bulk import of an encounter CSV: all or nothing in one transaction, streamed so a million rows never sit
// in memory at once, with every problem located by line and column; the same file twice changes nothing.
// Rows go in batches of one statement each, the next batch prepared (validated, encrypted) while the last
// one is written; the monthly counts are refreshed once, set-wise, at the end.

const BATCH = 2000;
/** Rows validated and sealed between two turns of the event loop, so other requests are served meanwhile. */
const ROWS_PER_TURN = 250;
const PROBLEM_LIMIT = 1000;

export interface ImportInput {
  fileName: string;
  /** SHA-256 of the file's bytes: the same content is imported once. */
  contentHash: string;
  /** Opens the file's bytes (called once, only when the content is new). */
  open: () => Readable;
  onRows?: (count: number) => void;
  /** Stops the import between batches; the transaction is rolled back and nothing is kept. */
  signal?: AbortSignal;
}

export interface ImportDeps {
  db: Db;
  keyring: Keyring;
  /** The authority in force for a record, from the pack in force when the import starts. */
  authorityFor: (tx: Tx, scope: Scope) => Promise<(record: EncounterRecord) => string | null>;
}

/** Imports an encounter CSV for the scope's nation and refreshes its monthly counts. */
export function importEncounterCsv(
  deps: ImportDeps,
  scope: Scope,
  input: ImportInput,
): Promise<ImportResult> {
  return inScope(deps.db, scope, async (tx) => {
    const existing = await findImportByHash(tx, scope, input.contentHash);
    if (existing) return { importId: existing.id, rows: existing.row_count, alreadyImported: true };
    const importId = randomUUID();
    const authorityOf = await deps.authorityFor(tx, scope);
    const toRow = (record: EncounterRecord) =>
      toEncounterRow(deps.keyring, record, {
        tenantId: scope.tenantId,
        authority: authorityOf(record),
        importId,
        createdBy: scope.actorLabel,
      });
    const rows = await streamRows(tx, scope, deps.keyring, input, toRow);
    await addToMonthlyCounts(tx, scope, { importId });
    await insertImport(tx, scope, {
      id: importId,
      contentHash: input.contentHash,
      fileName: input.fileName,
      rowCount: rows,
    });
    await recordAudit(tx, scope, {
      action: "border.encounters.import",
      targetType: "border_import",
      targetId: importId,
      details: { rows, contentHash: input.contentHash },
    });
    return { importId, rows, alreadyImported: false };
  });
}

async function streamRows(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  input: ImportInput,
  toRow: (record: EncounterRecord) => EncounterRow,
): Promise<number> {
  const problems: CsvProblem[] = [];
  const claims: { personId: string; line: number }[] = [];
  const writer = batchWriter(tx, scope, input.onRows);
  let batch: EncounterRow[] = [];
  let count = 0;
  try {
    for await (const { record, line } of validRecords(input, problems)) {
      count++;
      if (count % ROWS_PER_TURN === 0) await nextTurn();
      if (record.personId) {
        if (!(await personExistsInScope(tx, scope, record.personId)))
          problems.push({ line, field: "person_id", message: "no such person in your nation's registry" });
        else if (record.fearClaim) claims.push({ personId: record.personId, line });
      }
      // After the first problem rows are still validated, to report them all, but no longer written.
      if (problems.length > 0) continue;
      batch.push(toRow(record));
      if (batch.length < BATCH) continue;
      stopIfAborted(input);
      await writer.write(batch);
      batch = [];
    }
  } finally {
    await writer.settle();
  }
  failOnProblems(
    problems.map((p) => ({ file: input.fileName, line: p.line, field: p.field, message: p.message })),
    `invalid encounter file ${input.fileName}; nothing was imported`,
  );
  stopIfAborted(input);
  await writer.write(batch);
  await writer.flush();
  // A fear claim about a registered person shields them from the nations they fled, as for one encounter.
  for (const claim of claims)
    await recordProtectionRequest(
      tx,
      scope,
      keyring,
      claim.personId,
      `fear claim at the border, ${input.fileName} line ${claim.line}`,
    );
  return count;
}

/** The file's valid records in order; every problem (header, row or CSV syntax) goes to `problems`. */
async function* validRecords(
  input: ImportInput,
  problems: CsvProblem[],
): AsyncGenerator<{ record: EncounterRecord; line: number }> {
  let header: string[] | null = null;
  // One clock for the whole file, so a long import judges every row against the same moment.
  const now = Date.now();
  const source = input.open();
  const parser = pipeStrictText(
    source,
    input.fileName,
    parse({ info: true, skip_empty_lines: true, trim: false }),
    { delimiter: "," },
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header === null) {
        header = record.map((h) => h.trim().toLowerCase());
        problems.push(...headerProblems(header));
        // Rows cannot be read against a wrong header: report the header alone.
        if (problems.length > 0) return;
        continue;
      }
      const result = encounterFromCsvRow(rowObject(header, record), info.lines);
      if (result.ok && !isNotFutureEncounter(result.value.date, now)) {
        if (problems.length < PROBLEM_LIMIT)
          problems.push({
            line: info.lines,
            field: "date",
            message: "an encounter cannot be dated in the future",
          });
      } else if (result.ok) yield { record: result.value, line: info.lines };
      else if (problems.length < PROBLEM_LIMIT) problems.push(...result.problems);
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.push({ line: (error as { lines?: number }).lines ?? 0, field: "(row)", message: error.message });
  } finally {
    source.destroy();
  }
  if (header === null) problems.push({ line: 1, field: "(header)", message: "the file is empty" });
}

function stopIfAborted(input: ImportInput): void {
  if (input.signal?.aborted)
    throw new AppError("UNAVAILABLE", `import of ${input.fileName} interrupted; nothing was imported`);
}

/**
 * Writes batches one at a time, returning as soon as a batch is sent so the caller prepares the next one
 * while the database works; a failed batch surfaces at the next write or flush.
 */
function batchWriter(tx: Tx, scope: Scope, onRows: ((count: number) => void) | undefined) {
  let inFlight: Promise<void> = Promise.resolve();
  return {
    async write(rows: EncounterRow[]): Promise<void> {
      await inFlight;
      if (rows.length === 0) return;
      inFlight = insertEncounterBatch(tx, scope, rows).then(() => onRows?.(rows.length));
      // Observed here so a failure waits for the next write or flush instead of going unhandled.
      inFlight.catch(() => undefined);
    },
    flush: (): Promise<void> => inFlight,
    /** Waits for the statement in flight whatever its outcome, before the transaction may end. */
    settle: (): Promise<void> => inFlight.catch(() => undefined),
  };
}

function rowObject(header: string[], fields: string[]): Record<string, string> {
  const row: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) row[header[i] as string] = fields[i] ?? "";
  return row;
}
