import { AppError } from "./errors.ts";
import type { Platform } from "./platform.ts";

type Opener = <T>(fn: (platform: Platform) => Promise<T>) => Promise<T>;

let opener: Opener | undefined;

/**
 * Set once by the command line's entry point: how a command opens the whole application (every capability's
 * migrations applied) and gets the platform. Capabilities' commands use `withPlatform` and so never import
 * the composition root, which keeps the dependency arrows pointing one way.
 */
export function providePlatformOpener(open: Opener): void {
  opener = open;
}

/** Opens the platform for one command and closes it afterwards. */
export function withPlatform<T>(fn: (platform: Platform) => Promise<T>): Promise<T> {
  if (!opener)
    throw new AppError("INTERNAL", "no platform opener: commands must run through src/cli/main.ts");
  return opener(fn);
}
