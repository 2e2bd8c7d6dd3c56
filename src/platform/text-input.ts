import { createReadStream, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { Readable, type Writable } from "node:stream";
import {
  decodeStrictText,
  StrictTextDecoder,
  type StrictTextOptions,
  type TextFault,
  TextFaultError,
} from "../shared/strict-text.ts";
import { AppError, failOnProblems, type InputProblem } from "./errors.ts";

// Every file a command reads and every file a route receives becomes text here, through the one strict
// decoder of src/shared/strict-text.ts: a fault is bad input (HTTP 400, exit 2) naming the file, the line and
// the field, and nothing has been written when it is found.

/** A located text fault as an input problem of `file`. */
export function textFaultProblem(file: string, fault: TextFault): InputProblem {
  const message = `${fault.message} (at character ${fault.character})`;
  if (fault.field === undefined) return { file, line: fault.line, message };
  return { file, line: fault.line, field: `${fault.field} (column ${fault.column})`, message };
}

function refuse(file: string, fault: TextFault): never {
  failOnProblems([textFaultProblem(file, fault)], `${file} cannot be read as text; nothing was imported`);
  throw new AppError("BAD_INPUT", `${file} cannot be read as text`);
}

/** The text of a file's bytes (or of text already decoded, checked by the same rule), or BAD_INPUT. */
export function strictText(
  content: Uint8Array | string,
  file: string,
  options: StrictTextOptions = {},
): string {
  const result = decodeStrictText(content, options);
  return result.ok ? result.text : refuse(file, result.fault);
}

function unreadable(path: string, error: unknown): AppError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error);
  return new AppError("BAD_INPUT", `cannot read ${path}: ${reason}`);
}

/** A file's bytes, for a parser that decodes them with the strict decoder itself (BAD_INPUT when unreadable). */
export function readFileBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw unreadable(path, error);
  }
}

/** Reads a file named by the person at the command line as strict text (BAD_INPUT when unreadable). */
export function readTextFileSync(path: string, options: StrictTextOptions = {}): string {
  return strictText(readFileBytes(path), path, options);
}

/** The same as {@link readTextFileSync}, without blocking the event loop while the file is read. */
export async function readTextFile(path: string, options: StrictTextOptions = {}): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  return strictText(bytes, path, options);
}

async function* decodeChunks(
  source: AsyncIterable<Uint8Array | string>,
  file: string,
  options: StrictTextOptions,
) {
  const decoder = new StrictTextDecoder(options);
  try {
    for await (const chunk of source) {
      const text = decoder.write(chunk);
      if (text !== "") yield text;
    }
    const rest = decoder.end();
    if (rest !== "") yield rest;
  } catch (error) {
    if (error instanceof TextFaultError) refuse(file, error.fault);
    throw error;
  }
}

/**
 * Streams a file's bytes through the strict decoder into `parser` (a CSV parser, say) and returns the parser:
 * a fault fails the parser's iteration with BAD_INPUT, as a failure to read the file does.
 */
export function pipeStrictText<T extends Writable>(
  source: AsyncIterable<Uint8Array | string>,
  file: string,
  parser: T,
  options: StrictTextOptions = {},
): T {
  const text = Readable.from(decodeChunks(source, file, options), { objectMode: false });
  text.on("error", (error) => parser.destroy(error));
  return text.pipe(parser);
}

/**
 * The number of data rows of a file (its lines after the header), read as bytes in one pass, for a progress
 * line's total and time left; `eachChunk` sees every chunk on the way (to hash the file in the same read).
 */
export async function countDataRows(path: string, eachChunk?: (bytes: Buffer) => void): Promise<number> {
  let newlines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    eachChunk?.(bytes);
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) newlines++;
    if (bytes.length > 0) last = bytes[bytes.length - 1] as number;
  }
  return Math.max(newlines + (last === 10 ? 0 : 1) - 1, 0);
}
