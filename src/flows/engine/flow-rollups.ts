import { dimensionColumns, isDimensionColumn } from "./dimension-columns.ts";
import type { FlowRow } from "./flows-types.ts";

/** The sums of one measure in one period per combination of a dimension set's values, packed as parallel arrays. */
export interface RollupCell {
  period: string;
  measure: string;
  /** The set's name: its dimension names sorted and comma-joined; "" for the total. */
  dims: string;
  /** Values of the set's first dimension (null for the total). */
  keys1: (string | null)[] | null;
  /** Values of its second dimension (null for a set of fewer than two). */
  keys2: (string | null)[] | null;
  values: number[];
}

/** A file's rollups: the dimension sets rolled up (each period of the file has all of them) and their cells. */
export interface FileRollups {
  sets: string[];
  cells: RollupCell[];
}

/** Sets of at most this many dimensions are rolled up; a query needing more reads the figures. */
export const maxRollupDimensions = 2;

/**
 * A set is kept when it has at most max(figures / `rollupShrink`, `rollupFloor`) cells: reading it must cost
 * several times less than reading the figures, and small files are rolled up whole.
 */
const rollupShrink = 4;
const rollupFloor = 2000;

/** The name of a dimension set: sorted, comma-joined. */
export function rollupSetName(dimensions: readonly string[]): string {
  return [...dimensions].sort().join(",");
}

/** The rollup set a query over these filters and group-by can read, or null when only the figures answer it. */
export function rollupSetFor(filterDimensions: readonly string[], groupBy?: string): string | null {
  const needed = new Set(filterDimensions);
  if (groupBy) needed.add(groupBy);
  if (needed.size > maxRollupDimensions) return null;
  if (![...needed].every(isDimensionColumn)) return null;
  return rollupSetName([...needed]);
}

/** Rows encoded as small integers: a (period, measure) code and, per dimension, a value code (null included). */
interface EncodedRows {
  values: Float64Array;
  pm: Int32Array;
  pmLabels: [string, string][];
  codes: Map<string, Int32Array>;
  labels: Map<string, (string | null)[]>;
}

function intern<T>(table: Map<T, number>, labels: T[], value: T): number {
  let code = table.get(value);
  if (code === undefined) {
    code = labels.length;
    table.set(value, code);
    labels.push(value);
  }
  return code;
}

function encodeRows(rows: readonly FlowRow[], dimensions: readonly string[]): EncodedRows {
  const pmIndex = new Map<string, number>();
  const pmKeys: string[] = [];
  const pm = new Int32Array(rows.length);
  const values = Float64Array.from(rows, (r) => r.value);
  rows.forEach((r, i) => {
    pm[i] = intern(pmIndex, pmKeys, `${r.period}\u0001${r.measure}`);
  });
  const codes = new Map<string, Int32Array>();
  const labels = new Map<string, (string | null)[]>();
  for (const dim of dimensions) {
    const index = new Map<string | null, number>();
    const seen: (string | null)[] = [];
    codes.set(
      dim,
      Int32Array.from(rows, (r) => intern(index, seen, r.dims[dim] ?? null)),
    );
    labels.set(dim, seen);
  }
  const pmLabels = pmKeys.map((k) => k.split("\u0001") as [string, string]);
  return { values, pm, pmLabels, codes, labels };
}

/** Sums per (period, measure, codes of the set) under one numeric key, in key order. */
function sumBySet(
  rows: EncodedRows,
  set: readonly string[],
): { keys: number[]; sums: number[]; radix: number[] } {
  const cols = set.map((d) => rows.codes.get(d) as Int32Array);
  const radix = set.map((d) => (rows.labels.get(d) as unknown[]).length);
  const sums = new Map<number, number>();
  for (let i = 0; i < rows.values.length; i++) {
    let key = rows.pm[i] as number;
    for (let j = 0; j < cols.length; j++)
      key = key * (radix[j] as number) + ((cols[j] as Int32Array)[i] as number);
    sums.set(key, (sums.get(key) ?? 0) + (rows.values[i] as number));
  }
  const keys = [...sums.keys()].sort((a, b) => a - b);
  return { keys, sums: keys.map((k) => sums.get(k) as number), radix };
}

function packCells(
  rows: EncodedRows,
  set: readonly string[],
  summed: ReturnType<typeof sumBySet>,
): RollupCell[] {
  const cells: RollupCell[] = [];
  const labels = set.map((d) => rows.labels.get(d) as (string | null)[]);
  let cell: RollupCell | undefined;
  let cellPm = -1;
  summed.keys.forEach((key, at) => {
    const parts: number[] = [];
    for (let j = set.length - 1; j >= 0; j--) {
      const r = summed.radix[j] as number;
      parts[j] = key % r;
      key = Math.floor(key / r);
    }
    if (key !== cellPm || !cell) {
      const [period, measure] = rows.pmLabels[key] as [string, string];
      cell = {
        period,
        measure,
        dims: rollupSetName(set),
        keys1: set.length >= 1 ? [] : null,
        keys2: set.length >= 2 ? [] : null,
        values: [],
      };
      cellPm = key;
      cells.push(cell);
    }
    cell.keys1?.push(labels[0]?.[parts[0] as number] ?? null);
    cell.keys2?.push(labels[1]?.[parts[1] as number] ?? null);
    cell.values.push(summed.sums[at] as number);
  });
  return cells;
}

function candidateSets(present: readonly string[]): string[][] {
  const sets: string[][] = [[], ...present.map((c) => [c])];
  for (let i = 0; i < present.length; i++)
    for (let j = i + 1; j < present.length; j++) sets.push([present[i] as string, present[j] as string]);
  return sets.map((s) => s.sort());
}

/**
 * Rolls up one file's figures: the total and every set of one or two column dimensions whose rollup is small
 * enough to be worth reading (see `rollupShrink`). Dimensions held only in `extra` are never rolled up.
 */
export function rollUpFile(rows: readonly FlowRow[]): FileRollups {
  const budget = Math.max(rows.length / rollupShrink, rollupFloor);
  const present = dimensionColumns.filter((c) => rows.some((r) => r.dims[c] !== undefined));
  const encoded = encodeRows(rows, present);
  const sets: string[] = [];
  const cells: RollupCell[] = [];
  for (const set of candidateSets(present)) {
    const summed = sumBySet(encoded, set);
    if (set.length > 0 && summed.keys.length > budget) continue;
    sets.push(rollupSetName(set));
    cells.push(...packCells(encoded, set, summed));
  }
  return { sets, cells };
}
