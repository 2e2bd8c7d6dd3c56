// The one CSV writer of the project, on the server and in the browser. Cells are quoted as RFC 4180 says
// (a cell holding a comma, a double quote, CR or LF is put in double quotes, its quotes doubled), and a cell
// a spreadsheet would run as a formula is neutralised by the OWASP rule: when it starts with `=`, `+`, `-`,
// `@`, tab or CR, a single quote `'` is put in front of it. A cell that is a plain decimal number (`-120`,
// `+3.5`, `1e-3`) is left as it is: a spreadsheet reads it as a number, never as a formula, and the figures the
// project writes (a revision of -120, a forecast bound below zero) stay numbers for whoever opens the file.
// Records end with a line feed, as every file the project reads and writes does; RFC 4180 readers take it.

/** What a cell may be given as; null and undefined are written as an empty cell. */
export type CsvValue = string | number | boolean | bigint | null | undefined;

export interface CsvWriteOptions {
  /**
   * Whether to neutralise cells a spreadsheet would run (the default). Only files made to be read back by
   * the project's own importers (generated test data, whose phone numbers start with `+`) turn it off.
   */
  neutraliseFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** True when a spreadsheet could take the text as a formula: it starts with a trigger and is not a number. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** One cell as written to a CSV file. */
export function csvCell(value: CsvValue, options: CsvWriteOptions = {}): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (options.neutraliseFormulas !== false && looksLikeFormula(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record (without its line end). */
export function csvRow(values: readonly CsvValue[], options: CsvWriteOptions = {}): string {
  return values.map((v) => csvCell(v, options)).join(",");
}

/** A whole file: the header, then every row, each record ended by a line feed. */
export function csvDocument(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  options: CsvWriteOptions = {},
): string {
  const lines = [csvRow(header, options)];
  for (const row of rows) lines.push(csvRow(row, options));
  return `${lines.join("\n")}\n`;
}
