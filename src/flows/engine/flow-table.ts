import { readDelimitedRecords } from "../../shared/delimited-records.ts";
import { detectDelimiter, firstLine, normaliseHeaderName, parseNumber, stripBom } from "./delimited-text.ts";
import { type FlowRow, ProblemList } from "./flows-types.ts";

/** Column positions by normalised header name, with the header as written (for messages). */
export interface Columns {
  index: Map<string, number>;
  names: string[];
}

/** Reports a problem in one field of the current record. */
export type FieldReporter = (column: string, expected: string, message: string) => void;

/** How one source turns a record into rows; `required` columns must all be in the header. */
export interface TableSpec {
  required: readonly string[];
  /** Columns allowed besides the required ones; undefined means any extra column is accepted. */
  optional?: readonly string[];
  toRows(fields: string[], columns: Columns, emit: (row: FlowRow) => void, report: FieldReporter): void;
}

/** What a table parse produced: rows, problems, and how many data records were read. */
export interface TableResult {
  rows: FlowRow[];
  problems: ProblemList;
  recordCount: number;
}

/** Reads a header and every record of a delimited table through a source's spec, locating each problem. */
export function parseTable(text: string, file: string, spec: TableSpec): TableResult {
  const clean = stripBom(text);
  const problems = new ProblemList(file);
  const rows: FlowRow[] = [];
  const records = readDelimitedRecords(clean, detectDelimiter(firstLine(clean)));
  const head = records.next();
  if (head.done) {
    problems.add({ line: 1, expected: "a header line", message: "the file is empty" });
    return { rows, problems, recordCount: 0 };
  }
  const columns = headerColumns(head.value.fields);
  if (!checkHeader(columns, spec, problems, head.value.line)) return { rows, problems, recordCount: 0 };
  // One figure per series and period in a file: a second one is a mistake to show, never a sum to make.
  const seenAt = new Map<string, number>();
  let line = head.value.line;
  const emit = (row: FlowRow): void => {
    const key = figureKey(row);
    const first = seenAt.get(key);
    if (first === undefined) {
      seenAt.set(key, line);
      rows.push(row);
      return;
    }
    problems.add({
      line,
      expected: "one figure per series and period in a file",
      message: `duplicate figure: ${describeFigure(row)} is already given on line ${first}`,
    });
  };
  let recordCount = 0;
  for (const record of records) {
    recordCount++;
    line = record.line;
    if (record.fields.length !== columns.names.length) {
      problems.add({
        line: record.line,
        expected: `${columns.names.length} columns`,
        message: `expected ${columns.names.length} columns, found ${record.fields.length}`,
      });
      continue;
    }
    const report: FieldReporter = (column, expected, message) => {
      const at = columns.index.get(column) ?? 0;
      problems.add({ line: record.line, column: at + 1, field: columns.names[at], expected, message });
    };
    spec.toRows(record.fields, columns, emit, report);
  }
  return { rows, problems, recordCount };
}

/** What identifies a figure within a file: its period, measure and every dimension (in a fixed order). */
function figureKey(row: FlowRow): string {
  const dims = Object.entries(row.dims).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([row.period, row.measure, dims]);
}

function describeFigure(row: FlowRow): string {
  const dims = Object.entries(row.dims).map(([name, value]) => `${name} "${value}"`);
  const text = [`period ${row.period}`, `measure ${row.measure}`, ...dims].join(", ");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Maps normalised header names to their positions. */
export function headerColumns(fields: string[]): Columns {
  const names = fields.map((f) => f.trim());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    index.set(normaliseHeaderName(name), i);
  });
  return { index, names };
}

function checkHeader(columns: Columns, spec: TableSpec, problems: ProblemList, line: number): boolean {
  const missing = spec.required.filter((name) => !columns.index.has(name));
  for (const name of missing) {
    problems.add({ line, expected: `a column "${name}"`, message: `missing column "${name}"` });
  }
  if (spec.optional !== undefined) {
    const allowed = new Set([...spec.required, ...spec.optional]);
    columns.names.forEach((name, i) => {
      if (allowed.has(normaliseHeaderName(name))) return;
      problems.add({
        line,
        column: i + 1,
        field: name,
        expected: [...allowed].join(", "),
        message: `unknown column "${name}"`,
      });
    });
  }
  return problems.count === 0;
}

/** The trimmed text of a named column in a record ("" when the column is absent). */
export function field(fields: string[], columns: Columns, name: string): string {
  const at = columns.index.get(name);
  return at === undefined ? "" : (fields[at] ?? "").trim();
}

/** Reads a whole non-negative count from a named column, reporting it when it is not one. */
export function countField(
  fields: string[],
  columns: Columns,
  name: string,
  report: FieldReporter,
): number | undefined {
  const text = field(fields, columns, name);
  const value = parseNumber(text);
  if (value === undefined || value < 0 || !Number.isInteger(value)) {
    report(name, "a whole non-negative number", `"${text}" is not a count`);
    return undefined;
  }
  return value;
}
