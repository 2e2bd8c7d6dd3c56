import { AppError } from "./errors.ts";

/**
 * Wraps a CLI action so that every failure ends with a clear message on stderr and the agreed exit code:
 * 0 ok, 1 failure, 2 bad input.
 */
export function cliAction<A extends unknown[]>(action: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (error) {
      process.exitCode = reportCliError(error);
    }
  };
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
