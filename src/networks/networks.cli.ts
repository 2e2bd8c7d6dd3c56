import type { Command } from "commander";

/** Registers the `hemisphere networks …` commands. */
export function registerNetworksCommands(program: Command): void {
  program.command("networks").description("networks commands (being built)");
}
