import { readDelimitedRecords } from "../../shared/delimited-records.ts";
import type { LineProblem } from "../../shared/input-problem.ts";

/** One parsed CSV record with the 1-based line it started on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A parsed CSV file: lower-cased trimmed header names and the data records. */
export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** A located problem in a CSV text (the caller adds the file name). */
export type CsvProblem = LineProblem;

/** Parses RFC 4180 CSV text (quotes, doubled quotes, CRLF, BOM) with the project's one tokenizer. */
export function parseCsv(text: string): { table: CsvTable; problems: CsvProblem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problems: CsvProblem[] = [];
  const rows: CsvRecord[] = [];
  for (const record of readDelimitedRecords(body, ",")) {
    if (record.unterminated) problems.push({ line: record.line, message: "unterminated quoted field" });
    rows.push({ line: record.line, fields: record.fields });
  }
  const first = rows.shift();
  const header = (first?.fields ?? []).map((h) => h.trim().toLowerCase());
  return { table: { header, records: rows }, problems };
}
