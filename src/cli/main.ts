import { Command, CommanderError } from "commander";
import { registerBorderCommands } from "../border/border.cli.ts";
import { registerFlowsCommands } from "../flows/flows.cli.ts";
import { registerIdentityCommands } from "../identity/identity.cli.ts";
import { registerNetworksCommands } from "../networks/networks.cli.ts";
import { registerPathwaysCommands } from "../pathways/pathways.cli.ts";
import { registerPlacementCommands } from "../placement/placement.cli.ts";
import { providePlatformOpener } from "../platform/open-platform.ts";
import { registerRegistryCommands } from "../registry/registry.cli.ts";
import { registerJourneyCommands } from "./journey.cli.ts";
import { registerPlatformCommands } from "./platform.cli.ts";
import { withApplication } from "./with-application.ts";

/** Builds the `hemisphere` command with every capability's sub-commands. */
export function buildProgram(): Command {
  const program = new Command("hemisphere")
    .description("Hemisphere: the shared platform for managing migration together across the Americas")
    .showHelpAfterError()
    .exitOverride();
  registerPlatformCommands(program);
  registerFlowsCommands(program);
  registerRegistryCommands(program);
  registerIdentityCommands(program);
  registerPathwaysCommands(program);
  registerPlacementCommands(program);
  registerBorderCommands(program);
  registerNetworksCommands(program);
  registerJourneyCommands(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  providePlatformOpener((fn) => withApplication((app) => fn(app.platform)));
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; a usage mistake is bad input.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    throw error;
  }
}

await main(process.argv);
