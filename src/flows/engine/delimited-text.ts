/** One record of a delimited file: its 1-based starting line and its fields, unquoted. */
export interface TextRecord {
  line: number;
  fields: string[];
}

/** Field separators the importers accept. */
export type Delimiter = "," | "|" | "\t" | ";";

/** Removes a UTF-8 byte-order mark so the first header name reads clean. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Picks the delimiter that occurs most often (outside quotes) in the header line. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>([
    [",", 0],
    ["|", 0],
    ["\t", 0],
    [";", 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter))
      counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ",";
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** The first line of a text (without its line ending), for header sniffing. */
export function firstLine(text: string): string {
  const end = text.indexOf("\n");
  const line = end < 0 ? text : text.slice(0, end);
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/**
 * Splits delimited text into records. Lines without a quote take a fast split; quoted fields may hold the
 * delimiter, doubled quotes and line breaks. Blank lines are skipped. CRLF and LF both end a line.
 */
export function* readRecords(text: string, delimiter: Delimiter): Generator<TextRecord> {
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
    if (raw.indexOf('"') < 0) {
      if (raw.trim() !== "") yield { line, fields: raw.split(delimiter) };
      pos = end + 1;
      line += 1;
      continue;
    }
    const quoted = readQuotedRecord(text, pos, delimiter);
    yield { line, fields: quoted.fields };
    line += quoted.lines;
    pos = quoted.next;
  }
}

interface QuotedRecord {
  fields: string[];
  next: number;
  lines: number;
}

/** Character-level reader for a record that contains quotes; returns where the next record starts. */
function readQuotedRecord(text: string, start: number, delimiter: string): QuotedRecord {
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let lines = 1;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else {
        if (ch === "\n") lines++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\n") break;
    else if (ch !== "\r") field += ch;
  }
  fields.push(field);
  return { fields, next: i + 1, lines };
}

/** Header names made comparable: `Month (abbv)` and `month_abbv` both become `month_abbv`. */
export function normaliseHeaderName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * Reads a non-negative or signed number written with optional thousands separators (`1,234`, `1 234`).
 * Returns undefined when the text is not a number.
 */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (/^-?\d{1,3}([, ]\d{3})+(\.\d+)?$/.test(trimmed)) return Number(trimmed.replace(/[, ]/g, ""));
  return undefined;
}
