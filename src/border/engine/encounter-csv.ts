import type { LineProblem } from "../../shared/input-problem.ts";
import {
  type EncounterRecord,
  EncounterRecord as EncounterRecordSchema,
} from "../border-records.contract.ts";
import { validateWith } from "./parse-input.ts";

// The encounter CSV: one encounter per line, named columns, validated exactly like the API's JSON.
// Pure: a header and a row of text in, a record or located problems out.

/** The columns an encounter file may have; `date`, `demographic` and `citizenship` are required. */
export const ENCOUNTER_CSV_COLUMNS = [
  "date",
  "place_nation",
  "border",
  "port",
  "sector",
  "person_id",
  "demographic",
  "citizenship",
  "prior_residences",
  "fear_claim",
  "medical_emergency",
  "trafficking_indicators",
  "entry",
  "appointment",
  "denied_protection_in_transit",
  "imminent_threat",
  "prior_removal_order",
  "given_names",
  "family_names",
  "birth_date",
  "document_type",
  "document_country",
  "document_number",
] as const;

const REQUIRED = ["date", "demographic", "citizenship"];

// Which CSV column each record field comes from, to name the column in a problem.
const columnOfField: Record<string, string> = {
  date: "date",
  placeNation: "place_nation",
  personId: "person_id",
  priorResidences: "prior_residences",
  fearClaim: "fear_claim",
  medicalEmergency: "medical_emergency",
  traffickingIndicators: "trafficking_indicators",
  deniedProtectionInTransit: "denied_protection_in_transit",
  imminentThreat: "imminent_threat",
  priorRemovalOrder: "prior_removal_order",
  givenNames: "given_names",
  familyNames: "family_names",
  birthDate: "birth_date",
  documents: "document_number",
};

/** A problem at a line (1 is the header) and column of the file. */
export type CsvProblem = LineProblem<"field">;

/** Problems with the header: unknown or missing columns. */
export function headerProblems(header: readonly string[]): CsvProblem[] {
  const known = new Set<string>(ENCOUNTER_CSV_COLUMNS);
  const unknown = header.filter((h) => !known.has(h));
  const missing = REQUIRED.filter((r) => !header.includes(r));
  return [
    ...unknown.map((h) => ({
      line: 1,
      field: h,
      message: `unknown column; expected ${ENCOUNTER_CSV_COLUMNS}`,
    })),
    ...missing.map((m) => ({ line: 1, field: m, message: "required column is missing" })),
  ];
}

function flag(text: string | undefined): boolean | string {
  const value = (text ?? "").trim().toLowerCase();
  if (value === "" || value === "false" || value === "no" || value === "0") return false;
  if (value === "true" || value === "yes" || value === "1") return true;
  return text ?? "";
}

function list(text: string | undefined): string[] {
  return (text ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** `COL:2019-01-01:2021-12-31;PER` → prior residences (dates optional). */
function residences(text: string | undefined): unknown[] {
  return list(text).map((item) => {
    const [country, from, to] = item.split(":").map((s) => s.trim());
    return { country, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  });
}

function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function toRaw(row: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {
    date: row.date?.trim() ?? "",
    demographic: row.demographic?.trim() ?? "",
    citizenship: row.citizenship?.trim().toUpperCase() ?? "",
    priorResidences: residences(row.prior_residences),
    fearClaim: flag(row.fear_claim),
    medicalEmergency: flag(row.medical_emergency),
    traffickingIndicators: list(row.trafficking_indicators),
    appointment: flag(row.appointment),
    deniedProtectionInTransit: flag(row.denied_protection_in_transit),
    imminentThreat: flag(row.imminent_threat),
    priorRemovalOrder: flag(row.prior_removal_order),
  };
  const optionals: [string, string | undefined][] = [
    ["placeNation", optional(row.place_nation)?.toUpperCase()],
    ["border", optional(row.border)],
    ["entry", optional(row.entry)],
    ["port", optional(row.port)],
    ["sector", optional(row.sector)],
    ["personId", optional(row.person_id)],
    ["givenNames", optional(row.given_names)],
    ["familyNames", optional(row.family_names)],
    ["birthDate", optional(row.birth_date)],
  ];
  for (const [key, value] of optionals) if (value !== undefined) raw[key] = value;
  const number = optional(row.document_number);
  if (number !== undefined) {
    const country = optional(row.document_country)?.toUpperCase();
    raw.documents = [
      { type: optional(row.document_type) ?? "unknown", number, ...(country ? { country } : {}) },
    ];
  }
  return raw;
}

/** Validates one CSV row (as column → text) into an encounter record, or the problems at `line`. */
export function encounterFromCsvRow(
  row: Record<string, string>,
  line: number,
): { ok: true; value: EncounterRecord } | { ok: false; problems: CsvProblem[] } {
  const result = validateWith(EncounterRecordSchema, toRaw(row));
  if (result.ok) return result;
  const problems = result.problems.map((p) => {
    const head = p.path.split(/[.[]/)[0] ?? p.path;
    return { line, field: columnOfField[head] ?? head, message: `${p.path}: ${p.message}` };
  });
  return { ok: false, problems };
}
