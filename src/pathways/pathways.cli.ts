import type { Command } from "commander";

/** Registers the `hemisphere pathways …` commands. */
export function registerPathwaysCommands(program: Command): void {
  program.command("pathways").description("pathways commands (being built)");
}
