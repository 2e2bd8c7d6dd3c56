// What the worklists (a caseworker's cases, a pathway officer's and a border supervisor's queues) filter on,
// as plain terms before they are keyed: nationality codes, specific-needs codes and birth years. The keyed
// form (one HMAC key per nation) is made on the server; the age bands are turned into birth years at query
// time, so a stored term never goes stale as people grow older.

import { specificNeedOf } from "./specific-needs.ts";

/**
 * Age bands, in the brackets humanitarian registration reports by (0–4, 5–11, 12–17, 18–59, 60 and over). An
 * age is the age reached in the current calendar year (the year now less the birth year): only the birth
 * year is indexed, so a person whose birthday is later in the year is counted a year older than they are
 * today.
 */
export const AGE_BANDS = ["0-4", "5-11", "12-17", "18-59", "60+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The oldest age a band reaches for; 60+ stops at 120, past which no birth year is looked for. */
const BAND_AGES: Readonly<Record<AgeBand, readonly [number, number]>> = {
  "0-4": [0, 4],
  "5-11": [5, 11],
  "12-17": [12, 17],
  "18-59": [18, 59],
  "60+": [60, 120],
};

/** The birth years whose people reach an age in the band during `currentYear`, youngest first. */
export function birthYearsOf(band: AgeBand, currentYear: number): number[] {
  const [youngest, oldest] = BAND_AGES[band];
  const years: number[] = [];
  for (let age = youngest; age <= oldest; age++) years.push(currentYear - age);
  return years;
}

/** The plain term of a nationality (an ISO 3166 alpha-3 code, upper case). */
export const nationalityTerm = (code: string) => `nat:${code.trim().toUpperCase()}`;
/** The plain term of a specific-needs code of the shared vocabulary. */
export const needTerm = (code: string) => `need:${code}`;
/** The plain term of a birth year. */
export const birthYearTerm = (year: number) => `by:${year}`;

/** The year of a birth date written YYYY or YYYY-MM(-DD), or null when there is none to read. */
export function birthYearOf(date: string | null | undefined): number | null {
  const match = /^(\d{4})(?:-\d{2}(?:-\d{2})?)?$/.exec((date ?? "").trim());
  return match ? Number(match[1]) : null;
}

/**
 * The plain filter terms of a record: each nationality, each specific need (legacy codes read as their current
 * code, unknown ones left out) and the birth year, without repeats.
 */
export function filterTerms(facts: {
  nationalities: readonly string[];
  needs: readonly string[];
  birthDate: string | null | undefined;
}): string[] {
  const terms = new Set<string>();
  for (const n of facts.nationalities) if (/^[A-Za-z]{3}$/.test(n.trim())) terms.add(nationalityTerm(n));
  for (const code of facts.needs) {
    const need = specificNeedOf(code);
    if (need) terms.add(needTerm(need));
  }
  const year = birthYearOf(facts.birthDate);
  if (year !== null) terms.add(birthYearTerm(year));
  return [...terms];
}

/** Sort keys every worklist takes: oldest first (the default) or newest first. */
export const WORKLIST_SORTS = ["oldest", "newest"] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

/** The names of the filters a query used, for the audit event (never their values: a nationality is personal). */
export function filtersUsed(query: Record<string, unknown>): string[] {
  return [
    "status",
    "type",
    "stage",
    "pathway",
    "decision",
    "disposition",
    "band",
    "direction",
    "nationality",
    "needs",
    "age",
    "code",
  ].filter((k) => query[k] !== undefined);
}
