import type { Command } from "commander";

/** Registers the `hemisphere registry …` commands. */
export function registerRegistryCommands(program: Command): void {
  program.command("registry").description("registry commands (being built)");
}
