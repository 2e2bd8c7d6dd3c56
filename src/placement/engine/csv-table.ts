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

/**
 * Parses RFC 4180 CSV text (quotes, doubled quotes, CRLF, BOM). Written by hand rather than with csv-parse
 * because score files reach millions of rows and the unquoted fast path is several times quicker.
 */
export function parseCsv(text: string): { table: CsvTable; problems: CsvProblem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problems: CsvProblem[] = [];
  const rows: CsvRecord[] = [];
  let pos = 0;
  let line = 1;
  while (pos < body.length) {
    const end = body.indexOf("\n", pos);
    const stop = end === -1 ? body.length : end;
    const startLine = line;
    let raw = body.slice(pos, stop);
    if (raw.includes('"')) {
      const quoted = readQuotedRecord(body, pos);
      if (quoted.error) problems.push({ line: startLine, message: quoted.error });
      rows.push({ line: startLine, fields: quoted.fields });
      line += quoted.newlines + 1;
      pos = quoted.next;
      continue;
    }
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    if (raw.trim() !== "") rows.push({ line: startLine, fields: raw.split(",") });
    line += 1;
    pos = stop + 1;
  }
  const first = rows.shift();
  const header = (first?.fields ?? []).map((h) => h.trim().toLowerCase());
  return { table: { header, records: rows }, problems };
}

/** Reads one record that contains quotes, possibly spanning lines. */
function readQuotedRecord(
  text: string,
  start: number,
): { fields: string[]; next: number; newlines: number; error?: string } {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let newlines = 0;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else {
        if (ch === "\n") newlines++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n") break;
    else if (ch !== "\r") field += ch;
  }
  fields.push(field);
  const error = inQuotes ? "unterminated quoted field" : undefined;
  return { fields, next: i + 1, newlines, ...(error ? { error } : {}) };
}
