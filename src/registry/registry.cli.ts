import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";

const MAP_HELP =
  "field=column,... (fields: given_name, middle_name, surname, second_surname, full_name, sex, date_of_birth, " +
  "birth_place, nationality, document_number, phone, email, address, city, postcode, region)";

/** Registers the `hemisphere registry …` commands. */
export function registerRegistryCommands(program: Command): void {
  const registry = program
    .command("registry")
    .description("people and cases of a nation: import, search (personal data encrypted at rest)");

  registry
    .command("import")
    .description("import people from a CSV file: all or nothing; ids already registered are left unchanged")
    .argument("<file>", "CSV file with a header")
    .requiredOption("--nation <ISO3>", "the nation the people are registered in")
    .requiredOption("--id <column>", "column holding each person's id in the file")
    .option("--map <pairs>", MAP_HELP, "")
    .option("--office <id>", "office the people are registered at")
    .action(
      cliAction(async (file: string, opts: { nation: string; id: string; map: string; office?: string }) => {
        const run = await import("./registry.command.ts");
        await run.runImport(file, opts);
      }),
    );

  registry
    .command("search")
    .description("search a nation's people; prints JSON [{ id, score, band, reasons }], best first")
    .requiredOption("--nation <ISO3>", "the nation whose registry is searched")
    .option("--given <name>", "given name(s)")
    .option("--surname <name>", "surname(s)")
    .option("--dob <YYYY-MM-DD>", "date of birth (also YYYY-MM or YYYY)")
    .option("--limit <n>", "most results", "20")
    .action(
      cliAction(
        async (opts: { nation: string; given?: string; surname?: string; dob?: string; limit: string }) => {
          const run = await import("./registry.command.ts");
          await run.runSearch(opts);
        },
      ),
    );
}
