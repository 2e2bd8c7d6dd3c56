import { createReadStream } from "node:fs";
import { CsvError, parse } from "csv-parse";
import { failOnProblems } from "../platform/errors.ts";
import { pipeStrictText } from "../platform/text-input.ts";
import {
  type CsvProblem,
  type ImportedPerson,
  REGISTRY_CSV_OPTIONS,
  type RegistryRowReader,
  type RowRules,
  registryRowReader,
} from "./engine/registry-csv.ts";

export interface PeopleFileOptions {
  idColumn: string;
  requested: Map<string, string>;
  rules: RowRules;
  /** People per batch. */
  batchSize: number;
}

/**
 * Reads a people file as it streams, in batches, so a file of millions never sits in memory whole. Once a row
 * has a problem no further batch is given (the import would be refused anyway), but the file is read to its end
 * to report every problem; then the iteration fails with them all, which rolls the importing transaction back.
 */
export async function* peopleFileBatches(
  file: string,
  options: PeopleFileOptions,
): AsyncGenerator<ImportedPerson[]> {
  const parser = pipeStrictText(createReadStream(file), file, parse(REGISTRY_CSV_OPTIONS), {
    delimiter: ",",
  });
  let reader: RegistryRowReader | null = null;
  let batch: ImportedPerson[] = [];
  let people = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!reader) {
        reader = registryRowReader(record, options.idColumn, options.requested, options.rules);
        failOnProblems(located(file, reader.problems), `${file}: nothing was imported`);
        continue;
      }
      const person = reader.read(record, info.lines);
      if (!person) continue;
      people++;
      if (reader.problems.length > 0) continue;
      batch.push(person);
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      failOnProblems([{ file, line, message: error.message }], `${file}: nothing was imported`);
    }
    throw error;
  }
  if (!reader) {
    failOnProblems([{ file, message: "the file is empty" }], `${file}: nothing was imported`);
    return;
  }
  const problems = located(file, reader.finish(people));
  failOnProblems(problems, `${file}: nothing was imported`);
  if (batch.length > 0) yield batch;
}

function located(file: string, problems: CsvProblem[]) {
  return problems.map((p) => ({ file, ...p }));
}
