import type { Command } from "commander";

/** Registers the `hemisphere placement …` commands. */
export function registerPlacementCommands(program: Command): void {
  program.command("placement").description("placement commands (being built)");
}
