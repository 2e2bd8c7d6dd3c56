import { parse } from "csv-parse/sync";
import { PERSON_FIELDS, type PersonField } from "../../identity/engine/index.ts";
import type { InputProblem } from "../../shared/input-problem.ts";
import { hasAName, NO_NAME } from "../person-name.contract.ts";
import type { PersonInput } from "../registry.contract.ts";
import {
  type Read,
  readBirthDate,
  readCountry,
  readDocumentNumber,
  readEmail,
  readName,
  readPhone,
  readPostcode,
  readSex,
  readText,
} from "./field-rules.ts";
import { emptyPerson } from "./person-record.ts";

/** A problem in an import file, located by line and field. */
export type CsvProblem = InputProblem;

/** One person read from a file, with the id it has there and the line it came from. */
export interface ImportedPerson {
  externalId: string;
  line: number;
  person: PersonInput;
}

/** Checks a `field=column` map against the known fields and the header; unmapped fields use same-named columns. */
export function resolveColumns(
  requested: Map<string, string>,
  header: string[],
): { columns: Map<PersonField, number>; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const columns = new Map<PersonField, number>();
  const known = new Set<string>(PERSON_FIELDS);
  for (const [field, column] of requested) {
    const index = header.indexOf(column);
    if (!known.has(field)) {
      problems.push({
        field,
        message: `unknown field "${field}" in --map; known: ${PERSON_FIELDS.join(", ")}`,
      });
    } else if (index < 0) {
      problems.push({ field, message: `column "${column}" is not in the header: ${header.join(", ")}` });
    } else columns.set(field as PersonField, index);
  }
  for (const field of PERSON_FIELDS) {
    if (!requested.has(field) && header.includes(field)) columns.set(field, header.indexOf(field));
  }
  if (problems.length === 0 && columns.size === 0)
    problems.push({ message: "no person field is mapped: use --map field=column,..." });
  return { columns, problems };
}

/** Splits a full name: "SURNAME, Given"; otherwise one given name for up to three words, two for more. */
export function splitFullName(full: string): { given: string[]; surnames: string[] } {
  const comma = full.indexOf(",");
  if (comma >= 0) return { given: words(full.slice(comma + 1)), surnames: words(full.slice(0, comma)) };
  const all = words(full);
  if (all.length <= 1) return { given: all, surnames: [] };
  const givenCount = all.length >= 4 ? 2 : 1;
  return { given: all.slice(0, givenCount), surnames: all.slice(givenCount) };
}

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** How a row's values are read: the date a birth may not be after, for the file's checks. */
export interface RowRules {
  /** Today as yyyy-mm-dd: a date of birth after it is refused. */
  today?: string;
}

/** Builds a registry person from one row's values by field; every bad value becomes a located problem. */
export function personFromFields(
  values: Partial<Record<PersonField, string>>,
  line: number,
  rules: RowRules = {},
) {
  const person = emptyPerson();
  const problems: CsvProblem[] = [];
  const take: Take = (field, read) => {
    const text = values[field];
    if (!text) return undefined;
    const got = read(text);
    if ("value" in got) return got.value;
    problems.push({ line, field, message: got.error });
    return undefined;
  };
  const name = (field: PersonField) => take(field, (t) => readName(t));
  person.givenNames = [name("given_name"), name("middle_name")].filter((n): n is string => !!n);
  person.surnames = [name("surname"), name("second_surname")].filter((n): n is string => !!n);
  const full = take("full_name", (t) => readName(t, true));
  if (full) {
    const split = splitFullName(full);
    if (person.givenNames.length === 0) person.givenNames = split.given;
    if (person.surnames.length === 0) person.surnames = split.surnames;
    if (person.givenNames.length + person.surnames.length > 0) person.aliases = [full];
  }
  const nameFields: readonly string[] = [
    "given_name",
    "middle_name",
    "surname",
    "second_surname",
    "full_name",
  ];
  if (!hasAName(person) && !problems.some((p) => p.field !== undefined && nameFields.includes(p.field)))
    problems.push({
      line,
      field: "given_name",
      message: `${NO_NAME.message} (given_name, surname or full_name)`,
    });
  person.sex = take("sex", readSex) ?? null;
  person.birthDate = take("date_of_birth", (t) => readBirthDate(t, rules.today)) ?? null;
  person.birthPlace = take("birth_place", (t) => readText(t, 200)) ?? "";
  const nationality = take("nationality", readCountry);
  if (nationality) person.nationalities = [nationality];
  const document = take("document_number", readDocumentNumber);
  if (document)
    person.documents = [
      {
        type: "other",
        typeAsWritten: "",
        number: document,
        issuingCountry: null,
        validFrom: null,
        expiry: null,
      },
    ];
  const phone = take("phone", readPhone);
  if (phone) person.phones = [phone];
  person.email = take("email", readEmail) ?? "";
  const address = addressOf(take);
  if (address) person.addresses = [address];
  return { person, problems };
}

type Take = <T>(field: PersonField, read: (text: string) => Read<T>) => T | undefined;

function addressOf(take: Take): PersonInput["addresses"][number] | null {
  const address = {
    line: take("address", (t) => readText(t, 300)) ?? "",
    city: take("city", (t) => readText(t, 120)) ?? "",
    region: take("region", (t) => readText(t, 120)) ?? "",
    postcode: take("postcode", readPostcode) ?? "",
    country: null,
  };
  return address.line || address.city || address.postcode || address.region ? address : null;
}

/**
 * Reads people from CSV text: header and values trimmed, blanks missing, every problem reported with its
 * line and field, so the whole file can be refused at once.
 */
export function readRegistryCsv(
  text: string,
  idColumn: string,
  requested: Map<string, string>,
  rules: RowRules = {},
): { people: ImportedPerson[]; problems: CsvProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, REGISTRY_CSV_OPTIONS) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return { people: [], problems: [{ line: e.lines, message: e.message ?? "not a readable CSV file" }] };
  }
  const header = records[0]?.record;
  if (!header) return { people: [], problems: [{ message: "the file is empty" }] };
  const reader = registryRowReader(header, idColumn, requested, rules);
  if (reader.problems.length > 0) return { people: [], problems: reader.problems };
  const people: ImportedPerson[] = [];
  for (const { record, info } of records.slice(1)) {
    const person = reader.read(record, info.lines);
    if (person) people.push(person);
  }
  return { people, problems: reader.finish(people.length) };
}

/** How the registry's CSV files are parsed (csv-parse options), whole or streamed. */
export const REGISTRY_CSV_OPTIONS = {
  bom: true,
  trim: true,
  skip_empty_lines: true,
  info: true,
  relax_column_count: true,
} as const;

/** Reads a file's data rows one at a time (whole or streamed): the file's rules in one place. */
export interface RegistryRowReader {
  /** Problems so far: the header's first, then the rows', located by line and field. */
  problems: CsvProblem[];
  /** The person of one row, or null when the row cannot be read at all (its problems are recorded). */
  read(record: string[], line: number): ImportedPerson | null;
  /** The problems of the whole file once every row is read (a file with no records is one). */
  finish(people: number): CsvProblem[];
}

/** A row reader for a file with this header; `problems` holds the header's problems, if any. */
export function registryRowReader(
  header: string[],
  idColumn: string,
  requested: Map<string, string>,
  rules: RowRules = {},
): RegistryRowReader {
  const { columns, problems } = resolveColumns(requested, header);
  const idIndex = header.indexOf(idColumn);
  if (idIndex < 0)
    problems.unshift({ message: `id column "${idColumn}" is not in the header: ${header.join(", ")}` });
  const width = header.length;
  const seen = new Map<string, number>();
  return {
    problems,
    read(record, line) {
      if (record.length !== width) {
        problems.push({ line, message: `expected ${width} columns, found ${record.length}` });
        return null;
      }
      const id = record[idIndex] ?? "";
      if (id === "") problems.push({ line, field: "id", message: "the id is blank" });
      else if (id.length > 100)
        problems.push({ line, field: "id", message: "an id is at most 100 characters" });
      else if (seen.has(id))
        problems.push({ line, field: "id", message: `id "${id}" is already given on line ${seen.get(id)}` });
      else seen.set(id, line);
      const values: Partial<Record<PersonField, string>> = {};
      for (const [field, index] of columns) {
        const value = record[index];
        if (value) values[field] = value;
      }
      const built = personFromFields(values, line, rules);
      problems.push(...built.problems);
      return { externalId: id, line, person: built.person };
    },
    finish(people) {
      if (people === 0 && problems.length === 0)
        problems.push({ message: "the file has a header but no records" });
      return problems;
    },
  };
}
