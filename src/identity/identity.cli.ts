import type { Command } from "commander";
import { cliAction } from "../platform/cli-support.ts";
import type { LinkEncodedCliOptions } from "./encoded.command.ts";
import type { MatchCliOptions } from "./match.command.ts";

const MAP_HELP =
  "field=column,... (fields: given_name, middle_name, surname, second_surname, full_name, sex, date_of_birth, " +
  "birth_place, nationality, document_number, phone, email, address, city, postcode, region)";

/** What `identity generate` is given on the command line. */
interface GenerateCliOptions {
  n: string;
  seed: string;
  out: string;
  truth?: string;
  names?: string;
  heavy?: boolean;
}

/** Registers the `hemisphere identity …` commands. */
export function registerIdentityCommands(program: Command): void {
  const identity = program
    .command("identity")
    .description(
      "find the same person within a nation and across nations, also on privacy-preserving encodings",
    );

  identity
    .command("link")
    .description("link two files of people: likely pairs are one-to-one; possible pairs are for review")
    .argument("<left>", "left CSV file")
    .argument("<right>", "right CSV file")
    .requiredOption("--id <column>", "column holding each record's id")
    .option("--map <pairs>", MAP_HELP, "")
    .requiredOption("--out <file>", "output CSV: left_id,right_id,score,band")
    .option("--seed <n>", "seed for the random pairs that start the weight learning", "20240611")
    .action(
      cliAction(async (left: string, right: string, opts: MatchCliOptions) => {
        const run = await import("./match.command.ts");
        await run.runLink(left, right, opts);
      }),
    );

  identity
    .command("dedupe")
    .description("group the records of one file that are the same person")
    .argument("<file>", "CSV file")
    .requiredOption("--id <column>", "column holding each record's id")
    .option("--map <pairs>", MAP_HELP, "")
    .requiredOption("--out <file>", "output CSV: id,cluster_id for every record")
    .option("--seed <n>", "seed for the random pairs that start the weight learning", "20240611")
    .option("--pairs <file>", "also write the scored pairs: left_id,right_id,score,band")
    .action(
      cliAction(async (file: string, opts: MatchCliOptions & { pairs?: string }) => {
        const run = await import("./match.command.ts");
        await run.runDedupe(file, opts);
      }),
    );

  registerEncodingCommands(identity);
  registerGenerateCommand(identity);
}

function registerEncodingCommands(identity: Command): void {
  identity
    .command("encode")
    .description("encode records as keyed Bloom filters (CLKs); the output holds ids and encodings only")
    .argument("<file>", "CSV file")
    .requiredOption("--key-file <file>", "file holding the secret key shared by the nations that link")
    .requiredOption("--id <column>", "column holding each record's id")
    .option("--map <pairs>", MAP_HELP, "")
    .requiredOption("--out <file>", "output NDJSON: one {id, clk} per line")
    .action(
      cliAction(async (file: string, opts: { keyFile: string; id: string; map: string; out: string }) => {
        const run = await import("./encoded.command.ts");
        await run.runEncode(file, opts);
      }),
    );

  identity
    .command("link-encoded")
    .description("link two encoding files by Dice similarity, one-to-one; outputs ids and scores only")
    .argument("<a>", "first .clk.ndjson file")
    .argument("<b>", "second .clk.ndjson file")
    .requiredOption("--out <file>", "output CSV: left_id,right_id,score,band")
    .option("--likely <dice>", "Dice similarity for a likely match", "0.7")
    .option("--possible <dice>", "Dice similarity for a possible match", "0.6")
    .option(
      "--blocking <mode>",
      "auto (block on the encodings when cheaper than all against all), lsh (always block) or none (all against all)",
      "auto",
    )
    .option("--blocking-seed <n>", "seed of the bit positions sampled for blocking", "20240611")
    .action(
      cliAction(async (a: string, b: string, opts: LinkEncodedCliOptions) => {
        const run = await import("./encoded.command.ts");
        await run.runLinkEncoded(a, b, opts);
      }),
    );
}

function registerGenerateCommand(identity: Command): void {
  identity
    .command("generate")
    .description("generate Latin American and Haitian people with realistic duplicates (seeded, for tests)")
    .requiredOption("--n <count>", "number of records to write")
    .option("--seed <n>", "random seed: the same seed gives the same file", "1")
    .requiredOption("--out <file>", "output CSV of people")
    .option("--truth <file>", "also write the truth: id,cluster_id")
    .option("--names <dir>", "folder with the popnames_* and spanish_first_names_60k.csv lists")
    .option("--heavy", "duplicates also lose names, dates and birthplaces, as old sparse records do")
    .action(
      cliAction(async (opts: GenerateCliOptions) => {
        const run = await import("./generate.command.ts");
        await run.runGenerate(opts);
      }),
    );
}
