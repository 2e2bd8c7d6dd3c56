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
