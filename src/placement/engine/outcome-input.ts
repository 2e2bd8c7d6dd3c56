import { type CsvRecord, parseCsv } from "./csv-table.ts";
import type { CaseFeatures, OutcomeRecord } from "./outcome-history.ts";
import type { NumericColumns } from "./outcome-model.ts";
import { type PlacementProblem, splitList } from "./placement-input.ts";

/** A place as training needs it: the locality whose model scores it (its place_id when none is given). */
export interface ScoredPlace {
  id: string;
  locality: string;
}

type Report = (line: number | undefined, field: string | undefined, message: string) => void;

function reporter(file: string, problems: PlacementProblem[]): Report {
  return (line, field, message) =>
    problems.push({ file, ...(line === undefined ? {} : { line }), ...(field ? { field } : {}), message });
}

/** Parses a CSV text, checks required columns and returns a cell getter; undefined when unusable. */
function openTable(text: string, required: string[], report: Report) {
  const { table, problems } = parseCsv(text);
  for (const p of problems) report(p.line, undefined, p.message);
  if (table.header.length === 0) {
    report(undefined, undefined, "file is empty (expected a header line)");
    return undefined;
  }
  const missing = required.filter((name) => !table.header.includes(name));
  for (const name of missing) report(1, name, `missing required column "${name}"`);
  if (missing.length > 0 || problems.length > 0) return undefined;
  const index = new Map(table.header.map((name, i) => [name, i]));
  const get = (record: CsvRecord, name: string) => {
    const i = index.get(name);
    return i === undefined ? "" : (record.fields[i] ?? "").trim();
  };
  return { header: table.header, records: table.records, get };
}

/** Reads an optional number ≥ 0 (whole when asked); reports and returns undefined when malformed. */
function optionalNumber(cell: string, whole: boolean, min: number, at: () => void): number | undefined {
  if (cell === "") return undefined;
  const value = Number(cell);
  if (Number.isFinite(value) && value >= min && (!whole || Number.isInteger(value))) return value;
  at();
  return undefined;
}

/** The feature columns shared by HISTORY.csv and CASES.csv. */
function readFeatures(
  get: (record: CsvRecord, name: string) => string,
  record: CsvRecord,
  report: Report,
): Omit<CaseFeatures, "id"> {
  const numberAt = (name: string, whole: boolean, min: number) =>
    optionalNumber(get(record, name), whole, min, () =>
      report(
        record.line,
        name,
        `expected a ${whole ? "whole " : ""}number ≥ ${min} or empty, got "${get(record, name)}"`,
      ),
    );
  return {
    size: numberAt("size", true, 1),
    languages: splitList(get(record, "languages").toLowerCase()),
    needs: splitList(get(record, "needs").toLowerCase()),
    education: numberAt("education", false, 0),
    workExperience: numberAt("work_experience", false, 0),
    specificNeeds: splitList(get(record, "specific_needs").toLowerCase()),
    nationality: get(record, "nationality").toUpperCase(),
  };
}

const outcomes = new Map([
  ["1", 1],
  ["0", 0],
  ["yes", 1],
  ["no", 0],
  ["true", 1],
  ["false", 0],
] as const);

/** Parses HISTORY.csv: `locality,outcome` required; size, languages, needs, education, work_experience optional. */
export function readHistory(
  text: string,
  file: string,
): { records: OutcomeRecord[]; columns: NumericColumns; problems: PlacementProblem[] } {
  const problems: PlacementProblem[] = [];
  const report = reporter(file, problems);
  const table = openTable(text, ["locality", "outcome"], report);
  const columns = {
    size: table?.header.includes("size") ?? false,
    education: table?.header.includes("education") ?? false,
    workExperience: table?.header.includes("work_experience") ?? false,
  };
  if (!table) return { records: [], columns, problems };
  const records = table.records.map((record): OutcomeRecord => {
    const locality = table.get(record, "locality");
    const outcomeCell = table.get(record, "outcome").toLowerCase();
    const outcome = outcomes.get(outcomeCell as "1");
    if (locality === "") report(record.line, "locality", "locality is empty");
    if (outcome === undefined) report(record.line, "outcome", `expected 0 or 1, got "${outcomeCell}"`);
    const id = table.get(record, "case_id") || `line ${record.line}`;
    return {
      id,
      ...readFeatures(table.get, record, report),
      locality,
      outcome: outcome ?? 0,
      line: record.line,
    };
  });
  if (records.length === 0) report(undefined, undefined, "no history rows");
  return { records, columns, problems };
}

/** Parses the new CASES.csv (`case_id` required, the feature columns optional). */
export function readFeatureCases(
  text: string,
  file: string,
): { cases: CaseFeatures[]; problems: PlacementProblem[] } {
  const problems: PlacementProblem[] = [];
  const report = reporter(file, problems);
  const table = openTable(text, ["case_id"], report);
  if (!table) return { cases: [], problems };
  const seen = new Map<string, number>();
  const cases = table.records.map((record) => {
    const id = table.get(record, "case_id");
    if (id === "") report(record.line, "case_id", "case_id is empty");
    else if (seen.has(id))
      report(record.line, "case_id", `duplicate case_id "${id}", first on line ${seen.get(id)}`);
    if (!seen.has(id)) seen.set(id, record.line);
    return { id, ...readFeatures(table.get, record, report) };
  });
  return { cases, problems };
}

/** Parses PLACES.csv for scoring: `place_id` required, `locality` optional (defaults to the place id). */
export function readScoredPlaces(
  text: string,
  file: string,
): { places: ScoredPlace[]; problems: PlacementProblem[] } {
  const problems: PlacementProblem[] = [];
  const report = reporter(file, problems);
  const table = openTable(text, ["place_id"], report);
  if (!table) return { places: [], problems };
  const seen = new Map<string, number>();
  const places = table.records.map((record) => {
    const id = table.get(record, "place_id");
    if (id === "") report(record.line, "place_id", "place_id is empty");
    else if (seen.has(id))
      report(record.line, "place_id", `duplicate place_id "${id}", first on line ${seen.get(id)}`);
    if (!seen.has(id)) seen.set(id, record.line);
    return { id, locality: table.get(record, "locality") || id };
  });
  return { places, problems };
}
