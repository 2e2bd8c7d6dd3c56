import { findTextFault } from "./text-rule.ts";

// Every file the project reads goes from bytes to text here, and only here: strict UTF-8 (no byte is ever
// replaced by U+FFFD), a leading byte-order mark dropped, and the text rule of `text-rule.ts` applied (no NUL,
// no other C0 control but tab, line feed and carriage return, no lone surrogate). The first fault is located
// by line, column and, for a delimited file, the header name of the field it sits in. Pure and free of any
// runtime module: the importers, the command line and the browser share it.

/** Where a file's text cannot be read, for the person who has to fix it. */
export interface TextFault {
  /** 1-based physical line. */
  line: number;
  /** 1-based character position within that line. */
  character: number;
  /** For a delimited file: the header name of the field holding the fault (`the header` on the first line). */
  field?: string;
  /** For a delimited file: the 1-based number of that field in its record. */
  column?: number;
  message: string;
}

/** Thrown by {@link StrictTextDecoder}; carries the located fault. */
export class TextFaultError extends Error {
  constructor(readonly fault: TextFault) {
    super(
      `line ${fault.line}${fault.field ? `, field ${fault.field}` : ""}: ${fault.message} (at character ${fault.character})`,
    );
    this.name = "TextFaultError";
  }
}

export interface StrictTextOptions {
  /**
   * The field separator of a delimited file, to name the field a fault sits in; "auto" takes the most
   * frequent of `,` `;` `|` and tab in the first line. Without it faults carry line and column only.
   */
  delimiter?: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });
// Controls the rule refuses and any surrogate (pairs included: the full rule then tells them apart).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const MAYBE_FAULT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/;
const AUTO_DELIMITERS = [",", ";", "|", "\t"];
const LATIN1_HINT = "; save the file as UTF-8 (it may be Latin-1 or Windows-1252)";

/** Length of the well-formed UTF-8 sequence starting at `i`, 0 when the bytes there are not one, -1 when cut short. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  if (b < 0x80) return 1;
  let need: number;
  let low = 0x80;
  let high = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) low = 0xa0;
    if (b === 0xed) high = 0x9f; // above: UTF-16 surrogates, which UTF-8 may not carry
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) low = 0x90;
    if (b === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    if (i + k >= bytes.length) return -1;
    const c = bytes[i + k] as number;
    const [lo, hi] = k === 1 ? [low, high] : [0x80, 0xbf];
    if (c < lo || c > hi) return 0;
  }
  return need + 1;
}

/** Offset of the first byte that does not start a well-formed sequence (a cut-short end counts), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n <= 0) return i;
    i += n;
  }
  return -1;
}

/** Where the complete sequences of a chunk end: the bytes after it may be the start of a character. */
function completeEnd(bytes: Uint8Array): number {
  const last = Math.max(0, bytes.length - 3);
  for (let i = bytes.length - 1; i >= last; i--) {
    const b = bytes[i] as number;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need > bytes.length ? i : bytes.length;
    }
  }
  return bytes.length;
}

function describeBadBytes(bytes: Uint8Array, at: number): string {
  const shown = Array.from(bytes.subarray(at, at + 3), (b) => b.toString(16).toUpperCase().padStart(2, "0"));
  const b = bytes[at] as number;
  const c = bytes[at + 1] ?? 0;
  if (b === 0xed && c >= 0xa0 && c <= 0xbf)
    return `is not valid UTF-8: bytes ${shown.join(" ")} encode a lone UTF-16 surrogate (CESU-8 or WTF-8), which UTF-8 may not carry`;
  if (at + 1 >= bytes.length && b >= 0xc0) return "is not valid UTF-8: the file ends inside a character";
  return `is not valid UTF-8: byte 0x${shown[0]} cannot start or continue a character here${LATIN1_HINT}`;
}

function pickDelimiter(header: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of AUTO_DELIMITERS) {
    const count = header.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** Header cells of a first line, split on the delimiter outside quotes, unquoted and trimmed. */
function headerCells(header: string, delimiter: string): string[] {
  const cells: string[] = [""];
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) cells.push("");
    else cells[cells.length - 1] += ch;
  }
  return cells.map((c) => c.trim());
}

/** Index of the field a line prefix ends in: delimiters counted outside quotes. */
function fieldIndex(prefix: string, delimiter: string): number {
  let index = 0;
  let quoted = false;
  for (const ch of prefix) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) index++;
  }
  return index;
}

/**
 * Decodes a file's bytes chunk by chunk, strictly: `write` returns the text of the complete characters so far
 * and `end` the rest; either throws {@link TextFaultError} at the first fault. Only the current line is kept
 * between chunks (and the first, to name fields), so a file of any size streams through it.
 */
export class StrictTextDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private started = false;
  private line = 1;
  /** Text of the current physical line seen so far. */
  private tail = "";
  private header: string | undefined;

  constructor(private readonly options: StrictTextOptions = {}) {}

  /** Decodes the next chunk of bytes (or checks the next chunk of text already decoded). */
  write(chunk: Uint8Array | string): string {
    if (typeof chunk === "string") {
      const first = !this.started;
      this.started = true;
      return this.accept(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
    }
    let bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    if (!this.started) {
      if (bytes.length < 3 && isBomPrefix(bytes)) {
        this.carry = bytes;
        return "";
      }
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    const end = completeEnd(bytes);
    this.carry = bytes.slice(end);
    return this.accept(this.decode(bytes.subarray(0, end)));
  }

  /** Finishes the file: bytes left over are a character cut short. */
  end(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    if (rest.length === 0 || (!this.started && isBomPrefix(rest))) return "";
    return this.accept(this.decode(rest));
  }

  private decode(bytes: Uint8Array): string {
    try {
      return utf8.decode(bytes);
    } catch {
      const at = Math.max(0, firstInvalidUtf8(bytes));
      const before = lenient.decode(bytes.subarray(0, at));
      return this.fail(before, before.length, describeBadBytes(bytes, at));
    }
  }

  private accept(text: string): string {
    // The native scan answers for almost every chunk; the character loop runs only when something may be wrong.
    const fault = MAYBE_FAULT.test(text) ? findTextFault(text) : null;
    if (fault !== null) this.fail(text, fault.index, fault.message);
    this.advance(text);
    return text;
  }

  /** Moves the line count and the kept tail past `text`. */
  private advance(text: string): void {
    let from = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", from)) {
      if (this.header === undefined) this.header = stripCr(this.tail + text.slice(from, nl));
      this.line++;
      this.tail = "";
      from = nl + 1;
    }
    this.tail += text.slice(from);
  }

  private fail(text: string, index: number, message: string): never {
    this.advance(text.slice(0, index));
    const fault: TextFault = { line: this.line, character: this.tail.length + 1, message };
    throw new TextFaultError({ ...fault, ...this.fieldOf() });
  }

  /** The field the current line's tail ends in, named by the header (`the header` on the first line). */
  private fieldOf(): { field: string; column: number } | undefined {
    if (this.options.delimiter === undefined) return undefined;
    const header = this.header ?? this.tail;
    const delimiter = this.options.delimiter === "auto" ? pickDelimiter(header) : this.options.delimiter;
    const at = fieldIndex(this.tail, delimiter);
    if (this.header === undefined) return { field: "the header", column: at + 1 };
    return { field: headerCells(header, delimiter)[at] || `column ${at + 1}`, column: at + 1 };
  }
}

const isBomPrefix = (bytes: Uint8Array) => bytes.every((b, i) => b === [0xef, 0xbb, 0xbf][i]);
const stripCr = (line: string) => (line.endsWith("\r") ? line.slice(0, -1) : line);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A whole file's text, or its first located fault. */
export type StrictText = { ok: true; text: string } | { ok: false; fault: TextFault };

/** Decodes a whole file strictly (bytes, or text already decoded to be checked by the same rule). */
export function decodeStrictText(content: Uint8Array | string, options: StrictTextOptions = {}): StrictText {
  const decoder = new StrictTextDecoder(options);
  try {
    return { ok: true, text: decoder.write(content) + decoder.end() };
  } catch (error) {
    if (error instanceof TextFaultError) return { ok: false, fault: error.fault };
    throw error;
  }
}
