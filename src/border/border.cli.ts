import type { Command } from "commander";

/** Registers the `hemisphere border …` commands. */
export function registerBorderCommands(program: Command): void {
  program.command("border").description("border commands (being built)");
}
