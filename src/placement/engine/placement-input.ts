import type { InputProblem } from "../../shared/input-problem.ts";
import { type CsvRecord, type CsvTable, parseCsv } from "./csv-table.ts";
import type { PlacementCase, PlacementInput, PlacementPlace, ScoreList } from "./placement-types.ts";

/** A located problem in one of the three input files. */
export type PlacementProblem = InputProblem & { file: string };

/** The three input texts with the names to show in messages. */
export interface PlacementTexts {
  cases: { name: string; text: string };
  places: { name: string; text: string };
  scores: { name: string; text: string };
}

type Report = (line: number | undefined, field: string | undefined, message: string) => void;

/** A reporter that adds located problems of one file to the list. */
const reporterInto =
  (problems: PlacementProblem[]) =>
  (file: string): Report =>
  (line, field, message) =>
    problems.push({ file, ...(line === undefined ? {} : { line }), ...(field ? { field } : {}), message });

/** Parses and validates CASES, PLACES and SCORES; returns the input or every problem found. */
export function readPlacementInput(texts: PlacementTexts): {
  input?: PlacementInput;
  problems: PlacementProblem[];
} {
  const problems: PlacementProblem[] = [];
  const reporter = reporterInto(problems);
  const cases = readCases(texts.cases.text, reporter(texts.cases.name));
  const places = readPlaces(texts.places.text, reporter(texts.places.name));
  if (!cases || !places) return { problems };
  const scores = readScores(texts.scores.text, cases, places, reporter(texts.scores.name));
  if (problems.length > 0 || !scores) return { problems };
  return { input: { cases, places, scores }, problems };
}

/** PLACES.csv alone (a run from applications builds its cases and scores from the applications). */
export function readPlacesFile(
  text: string,
  name: string,
): {
  places?: PlacementPlace[];
  problems: PlacementProblem[];
} {
  const problems: PlacementProblem[] = [];
  const places = readPlaces(text, reporterInto(problems)(name));
  return problems.length > 0 || !places ? { problems } : { places, problems };
}

/** Parses a CSV text and checks its required columns; undefined when unusable. */
function openTable(text: string, required: string[], report: Report): CsvTable | undefined {
  const { table, problems } = parseCsv(text);
  for (const p of problems) report(p.line, undefined, p.message);
  if (table.header.length === 0) {
    report(undefined, undefined, "file is empty (expected a header line)");
    return undefined;
  }
  const missing = required.filter((name) => !table.header.includes(name));
  for (const name of missing) report(1, name, `missing required column "${name}"`);
  return missing.length > 0 || problems.length > 0 ? undefined : table;
}

/** Field accessor by column name for one record; absent optional columns read as "". */
function columnReader(table: CsvTable) {
  const index = new Map(table.header.map((name, i) => [name, i]));
  return (record: CsvRecord, name: string): string => {
    const i = index.get(name);
    return i === undefined ? "" : (record.fields[i] ?? "").trim();
  };
}

/** Splits a `a;b;c` list cell (also accepting `|`) into trimmed, non-empty items. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[;|]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Parses a whole number in [min, ∞); undefined when it is not one. */
function parseWhole(cell: string, min: number): number | undefined {
  if (!/^\d+$/.test(cell)) return undefined;
  const value = Number(cell);
  return Number.isSafeInteger(value) && value >= min ? value : undefined;
}

const truthy = new Set(["1", "true", "yes", "y"]);
const falsy = new Set(["", "0", "false", "no", "n"]);

function readCases(text: string, report: Report): PlacementCase[] | undefined {
  const table = openTable(text, ["case_id", "size"], report);
  if (!table) return undefined;
  const get = columnReader(table);
  const seen = new Map<string, number>();
  const cases: PlacementCase[] = [];
  for (const record of table.records) {
    const id = get(record, "case_id");
    const size = parseWhole(get(record, "size"), 1);
    const required = get(record, "language_required").toLowerCase();
    if (id === "") report(record.line, "case_id", "case_id is empty");
    else if (seen.has(id))
      report(record.line, "case_id", `duplicate case_id "${id}", first on line ${seen.get(id)}`);
    if (size === undefined)
      report(record.line, "size", `size must be a whole number ≥ 1, got "${get(record, "size")}"`);
    if (!truthy.has(required) && !falsy.has(required)) {
      report(record.line, "language_required", `expected yes/no, got "${required}"`);
    }
    if (!seen.has(id)) seen.set(id, record.line);
    cases.push({
      id,
      size: size ?? 1,
      needs: splitList(get(record, "needs").toLowerCase()),
      languages: splitList(get(record, "languages").toLowerCase()),
      languageRequired: truthy.has(required),
      preferences: splitList(get(record, "preferences")),
      ties: splitList(get(record, "ties")),
    });
  }
  return cases;
}

function readPlaces(text: string, report: Report): PlacementPlace[] | undefined {
  const table = openTable(text, ["place_id", "nation", "capacity_persons"], report);
  if (!table) return undefined;
  const get = columnReader(table);
  const seen = new Map<string, number>();
  const places: PlacementPlace[] = [];
  for (const record of table.records) {
    const id = get(record, "place_id");
    const nation = get(record, "nation").toUpperCase();
    const persons = parseWhole(get(record, "capacity_persons"), 0);
    const casesCell = get(record, "capacity_cases");
    const cases = casesCell === "" ? undefined : parseWhole(casesCell, 0);
    if (id === "") report(record.line, "place_id", "place_id is empty");
    else if (seen.has(id))
      report(record.line, "place_id", `duplicate place_id "${id}", first on line ${seen.get(id)}`);
    if (nation === "") report(record.line, "nation", "nation is empty");
    if (persons === undefined) {
      report(
        record.line,
        "capacity_persons",
        `expected a whole number ≥ 0, got "${get(record, "capacity_persons")}"`,
      );
    }
    if (casesCell !== "" && cases === undefined) {
      report(record.line, "capacity_cases", `expected a whole number ≥ 0 or empty, got "${casesCell}"`);
    }
    if (!seen.has(id)) seen.set(id, record.line);
    places.push({
      id,
      nation,
      locality: get(record, "locality"),
      capacityPersons: persons ?? 0,
      capacityCases: cases,
      services: splitList(get(record, "services").toLowerCase()),
      languages: splitList(get(record, "languages").toLowerCase()),
    });
  }
  return places;
}

function readScores(
  text: string,
  cases: PlacementCase[],
  places: PlacementPlace[],
  report: Report,
): ScoreList | undefined {
  const table = openTable(text, ["case_id", "place_id", "score"], report);
  if (!table) return undefined;
  const ci = table.header.indexOf("case_id");
  const pi = table.header.indexOf("place_id");
  const si = table.header.indexOf("score");
  const caseIndex = new Map(cases.map((c, i) => [c.id, i]));
  const placeIndex = new Map(places.map((p, i) => [p.id, i]));
  const n = table.records.length;
  const out: ScoreList = {
    caseIndex: new Int32Array(n),
    placeIndex: new Int32Array(n),
    score: new Float64Array(n),
  };
  // One bit per (case, place): a Set of millions of pairs would cost hundreds of megabytes.
  const seenPairs = new Uint8Array(Math.ceil((cases.length * places.length) / 8));
  for (let k = 0; k < n; k++) {
    const record = table.records[k]!;
    const c = caseIndex.get((record.fields[ci] ?? "").trim());
    const p = placeIndex.get((record.fields[pi] ?? "").trim());
    const cell = (record.fields[si] ?? "").trim();
    const score = cell === "" ? Number.NaN : Number(cell);
    if (c === undefined) report(record.line, "case_id", `unknown case_id "${record.fields[ci] ?? ""}"`);
    if (p === undefined) report(record.line, "place_id", `unknown place_id "${record.fields[pi] ?? ""}"`);
    if (!Number.isFinite(score)) report(record.line, "score", `score must be a finite number, got "${cell}"`);
    if (c === undefined || p === undefined) continue;
    const pair = c * places.length + p;
    const bit = 1 << (pair & 7);
    if (seenPairs[pair >>> 3]! & bit)
      report(record.line, undefined, `duplicate pair (${cases[c]!.id}, ${places[p]!.id})`);
    seenPairs[pair >>> 3]! |= bit;
    out.caseIndex[k] = c;
    out.placeIndex[k] = p;
    out.score[k] = score;
  }
  return out;
}
