import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { CsvError, parse } from "csv-parse";
import type { CountryCode } from "libphonenumber-js";
import { AppError, failOnProblems, type InputProblem } from "../platform/errors.ts";
import { startProgress } from "../platform/progress.ts";
import { pipeStrictText } from "../platform/text-input.ts";
import { createIdNormaliser } from "./engine/entities.ts";
import { type LinkGraph, LinkGraphBuilder } from "./engine/link-graph.ts";
import { type ColumnIndex, parseLinkRecord, readLinksHeader } from "./engine/links-csv.ts";

const maxProblemsKept = 200;

/** Streams a LINKS.csv into a link graph, all or nothing: any bad row fails the whole file (exit 2). */
export async function readLinksFile(path: string, defaultRegion?: CountryCode): Promise<LinkGraph> {
  const name = basename(path);
  const size = await stat(path).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      throw new AppError("BAD_INPUT", `${name}: cannot read the links file (${error.code ?? error.message})`);
    },
  );
  const progress = startProgress({ label: `reading ${name}`, total: size });
  const builder = new LinkGraphBuilder();
  const normaliseId = createIdNormaliser({ defaultRegion });
  const problems: InputProblem[] = [];
  let problemCount = 0;
  let index: ColumnIndex | undefined;
  const parser = pipeStrictText(
    createReadStream(path),
    name,
    parse({ relax_column_count: true, skip_empty_lines: true, info: true }),
    { delimiter: "," },
  );
  let read = 0;
  // The line of each link kept, by its position in the builder, to name both lines of a repeat.
  const lineOf: number[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; bytes: number };
    }>) {
      progress.tick(info.bytes - read);
      read = info.bytes;
      if (!index) {
        const header = readLinksHeader(record);
        failOnProblems(located(name, header.problems), `${name} has a bad header`);
        index = header.index;
        continue;
      }
      if (record.every((v) => v.trim() === "")) continue;
      const { link, problems: found } = parseLinkRecord(record, info.lines, index, normaliseId);
      if (link && builder.add(link)) lineOf.push(info.lines);
      problemCount += found.length;
      if (problems.length < maxProblemsKept) problems.push(...located(name, found));
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new AppError(
        "BAD_INPUT",
        `${name}${line ? `, line ${line}` : ""}: not readable as CSV (${error.message})`,
      );
    }
    throw error;
  }
  progress.done();
  if (!index) throw new AppError("BAD_INPUT", `${name}: the file is empty (expected a header row)`);
  if (problemCount > problems.length)
    problems.push({ message: `${problemCount - problems.length} more problems` });
  failOnProblems(problems, `${name} has ${problemCount} problem(s); nothing was analysed`);
  failOnProblems(
    builder.repeatedLinks(maxProblemsKept).map(([first, repeat]) => ({
      file: name,
      line: lineOf[repeat],
      message: `the same link (both ends, kind, date and case) is already given on line ${lineOf[first]}`,
    })),
    `${name} gives a link more than once; nothing was analysed`,
  );
  failOnProblems(
    builder.roleConflicts(maxProblemsKept).map((c) => ({
      file: name,
      line: lineOf[c.second.at],
      field: c.second.column,
      message: `${c.type} ${c.id} is given the role ${c.second.role} here but ${c.first.role} on line ${lineOf[c.first.at]}`,
    })),
    `${name} gives an entity two roles; nothing was analysed`,
  );
  return builder.build();
}

function located(
  file: string,
  problems: { line: number; field?: string; message: string }[],
): InputProblem[] {
  return problems.map((p) => ({ file, line: p.line, field: p.field, message: p.message }));
}
