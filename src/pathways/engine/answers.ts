import type { PathProblem } from "../../shared/input-problem.ts";
import type { Question } from "./questions.ts";

/** An answer ready for the engine: dates as yyyymmdd numbers, countries and multi-choices as sets. */
export type PreparedValue = boolean | number | string | ReadonlySet<string>;
export type PreparedAnswers = ReadonlyMap<string, PreparedValue>;

const yes = new Set(["true", "yes", "y", "1", "si", "sí", "sim", "oui", "wi"]);
const no = new Set(["false", "no", "n", "0", "não", "nao", "non"]);
const unknown = new Set(["", "unknown", "dont_know", "don't know", "?"]);

const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** A date YYYY-MM-DD (or an ISO timestamp) as the number yyyymmdd, so dates compare as numbers and ages subtract. */
export function dateNumber(text: string): number | undefined {
  // Parsed by hand: screening reads several dates per applicant and this is the hot path.
  const t = text.length > 10 ? text.trim() : text;
  if (t.length < 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return undefined;
  const y = digits(t, 0, 4);
  const m = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > (monthDays[m - 1] ?? 0)) return undefined;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  return y * 10000 + m * 100 + d;
}

type Coerce = (value: unknown) => PreparedValue | string[] | undefined;

// Countries and options repeat across applicants: their prepared sets are shared (they are read-only) rather than
// rebuilt per screening. Bounded, since options come from the catalogue but raw input could be anything.
const sharedSets = new Map<string, ReadonlySet<string>>();
const NOTHING: ReadonlySet<string> = new Set();

function setOf(item: string): ReadonlySet<string> {
  let set = sharedSets.get(item);
  if (set === undefined) {
    set = new Set([item]);
    if (sharedSets.size < 4096) sharedSets.set(item, set);
  }
  return set;
}

function isCountryCode(code: string): boolean {
  if (code.length !== 3) return false;
  for (let i = 0; i < 3; i++) {
    const c = code.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string" && value.includes(",")) return value.split(",");
  return [value];
}

const coercers: Record<Question["type"], Coerce> = {
  boolean: (v) => {
    if (typeof v === "boolean") return v;
    const text = String(v).trim().toLowerCase();
    if (yes.has(text)) return true;
    if (no.has(text)) return false;
    return ["expected true or false (yes/no)"];
  },
  date: (v) => (typeof v === "string" ? dateNumber(v) : undefined) ?? ["expected a date written YYYY-MM-DD"],
  number: (v) => {
    const n = typeof v === "number" ? v : Number(String(v).trim());
    return Number.isFinite(n) ? n : ["expected a number"];
  },
  country: (v) => {
    const codes = typeof v === "string" && v.length <= 5 ? [v] : asList(v);
    const set = new Set<string>();
    for (const c of codes) {
      const code = typeof c === "string" ? c.trim().toUpperCase() : "";
      if (!isCountryCode(code)) return ["expected an ISO 3166 alpha-3 country code such as VEN"];
      set.add(code);
    }
    return set.size === 1 ? setOf(set.values().next().value as string) : set;
  },
  choice: (v) =>
    typeof v === "string" ? v.trim().toLowerCase() : ["expected one of the options (a string)"],
  multi_choice: (v) => {
    const set = new Set<string>();
    for (const item of asList(v)) {
      if (typeof item !== "string") return ["expected a list of options (strings)"];
      const option = item.trim().toLowerCase();
      if (option !== "none" && option !== "") set.add(option);
    }
    if (set.size === 0) return NOTHING;
    return set.size === 1 ? setOf(set.values().next().value as string) : set;
  },
};

/** True when an answer counts as not given (absent, null, empty or "unknown"). */
function isMissing(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== "string" || value.length > 12) return false;
  // Most answers start with a letter that no "unknown" spelling starts with: skip the trim and lowercase then.
  const first = value.charCodeAt(0) | 0x20;
  if (value.length > 0 && first >= 0x61 && first <= 0x7a && first !== 0x75 && first !== 0x64) return false;
  return unknown.has(value.trim().toLowerCase());
}

/** Checks and converts raw answers (question id → value) for the questions the catalogue asks; others are ignored. */
export function prepareAnswers(
  raw: Readonly<Record<string, unknown>>,
  questions: readonly Question[],
): { answers: PreparedAnswers; problems: PathProblem[] } {
  const answers = new Map<string, PreparedValue>();
  const problems: PathProblem[] = [];
  for (const question of questions) {
    const value = raw[question.id];
    if (isMissing(value)) continue;
    const coerced = coercers[question.type](value);
    if (Array.isArray(coerced)) {
      problems.push({ path: question.id, message: `${coerced[0]}, got ${JSON.stringify(value)}` });
    } else if (coerced !== undefined) {
      answers.set(question.id, coerced);
    }
  }
  return { answers, problems };
}

/**
 * The country codes of a country answer as given: one code ("VEN", as older answers and clients send it),
 * codes separated by commas, or a list (several nationalities). Codes that are not ISO alpha-3 are left out.
 */
export function countryCodesOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const codes = asList(value).map((c) => (typeof c === "string" ? c.trim().toUpperCase() : ""));
  return [...new Set(codes.filter(isCountryCode))];
}
