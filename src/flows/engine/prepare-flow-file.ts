import { dimensionColumns, isDimensionColumn } from "./dimension-columns.ts";
import { type DimensionCount, dimensionCounts } from "./dimension-counts.ts";
import { type RollupCell, rollUpFile } from "./flow-rollups.ts";
import type { FlowRow, FlowSource, ParsedFlowFile } from "./flows-types.ts";

// A parsed file turned into exactly what its import writes: observations as columns in statement-sized chunks,
// its periods, rollups and dimension counts. Pure and compact, so it can be computed on another thread and
// passed back cheaply (arrays of strings and numbers, not one object per row).

/** Observations per insert statement: each one a short statement, so other work runs between them. */
export const OBSERVATION_CHUNK = 2000;

/** One insert's observations, one array per column (`dims` in the order of `dimensionColumns`). */
export interface ObservationColumns {
  period: string[];
  measure: string[];
  value: number[];
  dims: (string | null)[][];
  /** Dimensions without a column of their own, as JSON (null when none). */
  extra: (string | null)[];
}

/** Everything an import writes for one valid file, without its rows. */
export interface PreparedFlowFile {
  file: string;
  source: FlowSource;
  contentHash: string;
  recordCount: number;
  /** Rows read (figures of zero included). */
  rowCount: number;
  /** Rows kept (figures of zero are not stored). */
  storedCount: number;
  grain: "month" | "year";
  /** The distinct periods the file covers (`YYYY-MM` or `YYYY`), zero figures included. */
  periods: string[];
  observations: ObservationColumns[];
  rollups: { cells: RollupCell[]; sets: string[] };
  dimensionCounts: DimensionCount[];
}

/** The date a period is stored as: `2021-12` → `2021-12-01`, `2024` → `2024-01-01`. */
export function periodToDate(period: string): string {
  return period.length === 4 ? `${period}-01-01` : `${period}-01`;
}

function extraDims(dims: Record<string, string>): string | null {
  let extra: Record<string, string> | null = null;
  for (const [key, value] of Object.entries(dims)) {
    if (isDimensionColumn(key)) continue;
    extra ??= {};
    extra[key] = value;
  }
  return extra ? JSON.stringify(extra) : null;
}

/** `rows` as insert-ready columns, `size` rows per chunk. */
export function observationColumns(rows: readonly FlowRow[], size = OBSERVATION_CHUNK): ObservationColumns[] {
  const chunks: ObservationColumns[] = [];
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size);
    chunks.push({
      period: chunk.map((r) => periodToDate(r.period)),
      measure: chunk.map((r) => r.measure),
      value: chunk.map((r) => r.value),
      dims: dimensionColumns.map((name) => chunk.map((r) => r.dims[name] ?? null)),
      extra: chunk.map((r) => extraDims(r.dims)),
    });
  }
  return chunks;
}

/** What an import of a file that parsed without problems writes. */
export function prepareFlowFile(parsed: ParsedFlowFile): PreparedFlowFile {
  if (parsed.source === null || parsed.problemCount > 0)
    throw new Error(`${parsed.file} has problems and cannot be prepared for import`);
  const stored = parsed.rows.filter((r) => r.value !== 0);
  return {
    file: parsed.file,
    source: parsed.source,
    contentHash: parsed.contentHash,
    recordCount: parsed.recordCount,
    rowCount: parsed.rows.length,
    storedCount: stored.length,
    grain: parsed.rows[0]?.period.length === 4 ? "year" : "month",
    periods: [...new Set(parsed.rows.map((r) => r.period))],
    observations: observationColumns(stored),
    rollups: rollUpFile(stored),
    dimensionCounts: dimensionCounts(parsed.rows),
  };
}
