import type { Command } from "commander";

/** Registers the `hemisphere identity …` commands. */
export function registerIdentityCommands(program: Command): void {
  program.command("identity").description("identity commands (being built)");
}
