import type { Command } from "commander";

/** Registers the `hemisphere flows …` commands. */
export function registerFlowsCommands(program: Command): void {
  program.command("flows").description("flows commands (being built)");
}
