import { rename, writeFile } from "node:fs/promises";
import { AppError } from "../platform/errors.ts";
import { readTextFile } from "../platform/text-input.ts";

/** Parses a numeric flag (exit 2 on a bad value): `whole` asks for an integer ≥ 0, `positive` for > 0. */
export function parseNumber(
  text: string,
  flag: string,
  rules: { whole?: boolean; positive?: boolean } = {},
): number {
  const value = Number(text);
  const ok =
    text.trim() !== "" &&
    Number.isFinite(value) &&
    (!rules.whole || (Number.isInteger(value) && value >= 0)) &&
    (!rules.positive || value > 0);
  if (!ok)
    throw new AppError(
      "BAD_INPUT",
      `${flag}: expected a ${rules.whole ? "whole " : ""}number, got "${text}"`,
    );
  return value;
}

/** Reads a CSV input file strictly; a missing or undecodable one is bad input (exit 2) naming the path. */
export function readInput(path: string): Promise<string> {
  return readTextFile(path, { delimiter: "," });
}

/** Writes through a temporary file and a rename, so an interrupted run never leaves half a file. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, "utf8");
  await rename(temporary, path);
}
