import type { Command } from "commander";
import { textFault } from "./contract/primitives.contract.ts";
import { AppError } from "./errors.ts";

/**
 * Wraps a CLI action so that every failure ends with a clear message on stderr and the agreed exit code:
 * 0 ok, 1 failure, 2 bad input. Every argument and option is checked first (`refuseMalformedArguments`).
 */
export function cliAction<A extends unknown[]>(action: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      refuseMalformedArguments(args);
      await action(...args);
    } catch (error) {
      process.exitCode = reportCliError(error);
    }
  };
}

const isCommand = (value: unknown): value is Command =>
  typeof value === "object" && value !== null && "registeredArguments" in value && "options" in value;

// The shell hands over bytes; Node turns bytes that are not UTF-8 into U+FFFD, so that mark is all that is
// left of them to refuse (a NUL cannot reach argv at all, but arguments also come from tests and scripts).
function argumentFault(value: string): string | null {
  const replaced = value.indexOf("\ufffd");
  if (replaced >= 0) return `is not valid UTF-8 (undecodable bytes at character ${replaced + 1})`;
  return textFault(value);
}

function checkValue(name: string, value: unknown): void {
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (typeof item !== "string") continue;
    const fault = argumentFault(item);
    // The value itself is never echoed: it may hold terminal control sequences.
    if (fault) throw new AppError("BAD_INPUT", `${name}: ${fault}`, { field: name });
  }
}

/**
 * Refuses, as bad input naming the option or argument, any string a command received that is not
 * well-formed text: the same rule as the HTTP edge (`textFault`), plus bytes that were not UTF-8.
 * `args` are what commander passes to an action: the arguments, the options object, the command.
 */
export function refuseMalformedArguments(args: readonly unknown[]): void {
  const command = args.at(-1);
  if (!isCommand(command)) {
    args.forEach((value, i) => {
      checkValue(`argument ${i + 1}`, value);
    });
    return;
  }
  const positional = args.slice(0, -2);
  positional.forEach((value, i) => {
    checkValue(`<${command.registeredArguments[i]?.name() ?? i + 1}>`, value);
  });
  const options = (args.at(-2) ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) {
    const option = command.options.find((o) => o.attributeName() === key);
    checkValue(option?.long ?? option?.short ?? `--${key}`, value);
  }
}

/** Prints an error for a person at a terminal and returns the exit code it maps to. */
export function reportCliError(error: unknown): number {
  if (error instanceof AppError) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`error: ${message}\n`);
  return 1;
}

/** Parses `field=column,field=column` into a map, rejecting malformed pairs as bad input. */
export function parseKeyValueList(text: string, what: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of text.split(",")) {
    const trimmed = part.trim();
    if (trimmed === "") continue;
    const eq = trimmed.indexOf("=");
    if (eq <= 0 || eq === trimmed.length - 1) {
      throw new AppError("BAD_INPUT", `${what}: expected name=value, got "${trimmed}"`);
    }
    pairs.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1).trim());
  }
  return pairs;
}
