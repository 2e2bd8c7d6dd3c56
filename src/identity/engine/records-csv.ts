import { parse } from "csv-parse/sync";
import type { InputProblem } from "../../shared/input-problem.ts";
import { PERSON_FIELDS, type PersonField, type RawPerson } from "./person.ts";

/** A problem in an input file or map, located for the person who has to fix it. */
export type RecordProblem = InputProblem;

/** Which column feeds each person field. */
export type FieldMap = Map<PersonField, string>;

/**
 * Checks a `field=column` map against the known fields and the file's header. Fields left out of the
 * map are read from a column of the same name when the header has one.
 */
export function resolveFieldMap(
  requested: Map<string, string>,
  header: string[],
): {
  map: FieldMap;
  problems: RecordProblem[];
} {
  const problems: RecordProblem[] = [];
  const map: FieldMap = new Map();
  const known = new Set<string>(PERSON_FIELDS);
  for (const [field, column] of requested) {
    if (!known.has(field)) {
      problems.push({
        field,
        message: `unknown field "${field}" in --map; known: ${PERSON_FIELDS.join(", ")}`,
      });
    } else if (!header.includes(column)) {
      problems.push({
        field,
        message: `column "${column}" (for ${field}) is not in the header: ${header.join(", ")}`,
      });
    } else {
      map.set(field as PersonField, column);
    }
  }
  for (const field of PERSON_FIELDS) {
    if (!requested.has(field) && header.includes(field)) map.set(field, field);
  }
  if (problems.length === 0 && map.size === 0) {
    problems.push({ message: "no person field is mapped: use --map field=column,..." });
  }
  return { map, problems };
}

/** Parses CSV text into rows of trimmed strings (header included); problems carry the line. */
export function parseCsvRows(text: string): { rows: string[][]; problems: RecordProblem[] } {
  try {
    const rows = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }) as string[][];
    return { rows, problems: rows.length === 0 ? [{ message: "the file is empty" }] : [] };
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return { rows: [], problems: [{ line: e.lines, message: e.message ?? "not a readable CSV file" }] };
  }
}

/** Reads person records from CSV text with an id column and a field map; all problems are reported together. */
export function readPeopleCsv(
  text: string,
  idColumn: string,
  requested: Map<string, string>,
): { people: RawPerson[]; problems: RecordProblem[] } {
  const { rows, problems } = parseCsvRows(text);
  if (problems.length > 0) return { people: [], problems };
  const header = rows[0]!;
  const resolved = resolveFieldMap(requested, header);
  const idIndex = header.indexOf(idColumn);
  if (idIndex < 0)
    resolved.problems.unshift({
      message: `id column "${idColumn}" is not in the header: ${header.join(", ")}`,
    });
  if (resolved.problems.length > 0) return { people: [], problems: resolved.problems };
  if (rows.length < 2) return { people: [], problems: [{ message: "the file has a header but no records" }] };
  const columns = [...resolved.map].map(([field, column]) => [field, header.indexOf(column)] as const);
  return toPeople(rows, idIndex, columns);
}

function toPeople(rows: string[][], idIndex: number, columns: (readonly [PersonField, number])[]) {
  const people: RawPerson[] = [];
  const problems: RecordProblem[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const id = row[idIndex] ?? "";
    if (id === "") problems.push({ line: r + 1, message: "the id is blank" });
    else if (seen.has(id))
      problems.push({
        line: r + 1,
        message: `id "${id}" appears more than once (first on line ${seen.get(id)})`,
      });
    else seen.set(id, r + 1);
    const person: RawPerson = { id };
    for (const [field, index] of columns) {
      const value = row[index];
      if (value !== undefined && value !== "") person[field] = value;
    }
    people.push(person);
  }
  return { people, problems };
}
