import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Database } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError, failOnProblems, type InputProblem } from "../platform/errors.ts";
import { nextTurn } from "../platform/next-turn.ts";
import type { FlowSource, ParsedFlowFile } from "./engine/flows-types.ts";
import type { GenericSchema } from "./engine/generic-import.ts";
import { parseFlowFile } from "./engine/parse-flow-file.ts";
import { type PreparedFlowFile, prepareFlowFile } from "./engine/prepare-flow-file.ts";
import { insertRollups } from "./flow-rollups.store.ts";
import type { ImportResult } from "./flows.contract.ts";
import {
  findFileRelease,
  findOwnRelease,
  insertObservationColumns,
  insertRelease,
  periodToDate,
  type ReleaseRecord,
  recordReleaseContent,
  releasePeriods,
} from "./flows.store.ts";

/** One file handed to an import: a name for messages and its bytes. */
export interface ImportFile {
  name: string;
  content: Uint8Array | string;
}

/** Where files are parsed: a worker thread (the server's way), or this thread (commands, and comparisons). */
export type ParseThread = "worker" | "inline";

export interface ImportOptions {
  source?: FlowSource | "auto";
  /** The release label; files of one source join the release of that label (created when new). */
  label?: string;
  schema?: GenericSchema;
  publish?: boolean;
  /** Called with the number of rows just written, and once with the total to write. */
  onProgress?: (written: number, total?: number) => void;
  /** The time used for a default label. */
  now?: Date;
  /** Where `importFiles` parses (default: a worker thread, so the server keeps answering meanwhile). */
  thread?: ParseThread;
}

/** Parses every file; all of them or none: a bad-input error carries the first problems of all files. */
export function parseAll(files: ImportFile[], options: ImportOptions): ParsedFlowFile[] {
  const parsed = files.map((f) =>
    parseFlowFile(f.content, {
      file: f.name,
      source: options.source ?? "auto",
      ...(options.schema ? { schema: options.schema } : {}),
    }),
  );
  failOnParseProblems(parsed);
  return parsed;
}

/** Throws one bad-input error carrying the first problems of every file, when any file has one. */
export function failOnParseProblems(parsed: readonly ParsedFlowFile[]): void {
  const problems: InputProblem[] = parsed.flatMap((p) =>
    p.problems.map((q) => ({
      file: q.file,
      line: q.line,
      ...(q.field === undefined ? {} : { field: `${q.field} (column ${q.column})` }),
      message: q.expected ? `${q.message} (expected ${q.expected})` : q.message,
    })),
  );
  const total = parsed.reduce((sum, p) => sum + p.problemCount, 0);
  while (problems.length < total) problems.push({ message: "(not shown)" });
  failOnProblems(problems, "the files were not imported (nothing changed)");
}

/** Imports parsed files in ONE transaction with its audit events: every file is written, or none is. */
export function importParsed(
  database: Database,
  scope: Scope,
  parsed: ParsedFlowFile[],
  options: ImportOptions,
): Promise<ImportResult> {
  return importPrepared(database, scope, parsed.map(prepareFlowFile), options);
}

/**
 * Imports prepared files in ONE transaction with its audit events: every file is written, or none is. Each
 * statement is short and the event loop gets a turn between statements, so other requests are answered while a
 * large file is written (on PGlite too, whose queries run in this thread).
 */
export async function importPrepared(
  database: Database,
  scope: Scope,
  prepared: PreparedFlowFile[],
  options: ImportOptions,
): Promise<ImportResult> {
  if (options.publish && !scope.permissions.has("flows.publish"))
    throw new AppError("FORBIDDEN", "publishing a release needs the flows.publish permission");
  const label = options.label ?? defaultLabel(options.now ?? new Date());
  options.onProgress?.(
    0,
    prepared.reduce((n, p) => n + p.rowCount, 0),
  );
  return inScope(database.db, scope, async (tx) => {
    const files: ImportResult["files"] = [];
    const touched = new Map<string, ReleaseRecord>();
    for (const p of prepared) {
      const source = p.source;
      const existing = await findFileRelease(tx, scope, source, p.contentHash);
      if (existing) {
        files.push(fileResult(p, 0, "unchanged", existing.releaseId, existing.label));
        options.onProgress?.(p.rowCount);
        continue;
      }
      const release = touched.get(source) ?? (await openRelease(tx, scope, source, label, p.grain, options));
      touched.set(source, release);
      await checkNoOverlap(tx, scope, release, p);
      for (const chunk of p.observations) {
        await nextTurn();
        await insertObservationColumns(tx, scope, release, chunk);
        options.onProgress?.(chunk.period.length);
      }
      options.onProgress?.(p.rowCount - p.storedCount);
      await nextTurn();
      await insertRollups(tx, scope, release, p.rollups.cells);
      await nextTurn();
      await recordReleaseContent(tx, scope, release, {
        name: p.file,
        sha256: p.contentHash,
        recordCount: p.recordCount,
        periods: p.periods,
        stored: p.storedCount,
        rollupSets: p.rollups.sets,
        dimensionCounts: p.dimensionCounts,
      });
      files.push(fileResult(p, p.storedCount, "imported", release.id, release.label));
    }
    for (const release of touched.values()) {
      const mine = files.filter((f) => f.releaseId === release.id);
      await recordAudit(tx, scope, {
        action: "flows.import",
        targetType: "flow_release",
        targetId: release.id,
        details: {
          source: release.source,
          label: release.label,
          published: release.published,
          files: mine.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.stored })),
        },
      });
    }
    return { changed: touched.size > 0, files };
  });
}

function fileResult(
  p: PreparedFlowFile,
  stored: number,
  status: "imported" | "unchanged",
  releaseId: string,
  releaseLabel: string,
): ImportResult["files"][number] {
  return {
    name: p.file,
    sha256: p.contentHash,
    source: p.source,
    rows: p.rowCount,
    stored,
    status,
    releaseId,
    releaseLabel,
  };
}

async function openRelease(
  tx: Parameters<typeof findOwnRelease>[0],
  scope: Scope,
  source: FlowSource,
  label: string,
  grain: "month" | "year",
  options: ImportOptions,
): Promise<ReleaseRecord> {
  const found = await findOwnRelease(tx, scope, source, label);
  if (!found) return insertRelease(tx, scope, { source, label, grain, published: Boolean(options.publish) });
  if (found.published !== Boolean(options.publish))
    throw new AppError(
      "CONFLICT",
      `release "${label}" of ${source} is ${found.published ? "" : "un"}published; add files with the same publish setting`,
    );
  return found;
}

/** Two files of one release must not cover the same period, or their figures would be counted twice. */
async function checkNoOverlap(
  tx: Parameters<typeof findOwnRelease>[0],
  scope: Scope,
  release: ReleaseRecord,
  p: PreparedFlowFile,
): Promise<void> {
  const held = new Set(await releasePeriods(tx, scope, release.id));
  const clash = p.periods.find((period) => held.has(periodToDate(period)));
  if (clash) {
    throw new AppError(
      "BAD_INPUT",
      `${p.file}: release "${release.label}" of ${release.source} already holds ${clash} from another file; import it as a new release (--release LABEL) to record a revision`,
    );
  }
}

/** A label for an import given none: its UTC time to the second. */
export function defaultLabel(now: Date): string {
  return now.toISOString().slice(0, 19).replace("T", " ");
}
