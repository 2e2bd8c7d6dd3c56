import { compareBirthDates } from "./dates.ts";
import type { Person } from "./person.ts";
import { jaroWinkler, withinOneEdit } from "./similarity.ts";

/** One comparison in the Fellegi–Sunter vector: its name and how many agreement levels it has (0 = disagree). */
export interface ComparisonSpec {
  name: string;
  levels: number;
}

/** The comparison vector, in order. Level -1 means a side is missing: it adds no evidence either way. */
export const COMPARISONS: readonly ComparisonSpec[] = [
  { name: "given_name", levels: 5 },
  { name: "surname", levels: 5 },
  { name: "date_of_birth", levels: 6 },
  { name: "sex", levels: 2 },
  { name: "document_number", levels: 3 },
  { name: "phone", levels: 3 },
  { name: "email", levels: 3 },
  { name: "address", levels: 4 },
  { name: "city", levels: 3 },
  { name: "postcode", levels: 3 },
  { name: "region", levels: 2 },
  { name: "birth_place", levels: 3 },
  { name: "nationality", levels: 2 },
];

export const GIVEN = 0;
export const SURNAME = 1;

/** Agreement level of two name token lists: 4 same, 3 same words reordered or one dropped, 2 close, 1 weak. */
export function compareNames(a: string[], aText: string, b: string[], bText: string): number {
  if (a.length === 0 || b.length === 0) return -1;
  if (aText === bText) return 4;
  const shared = countShared(a, b);
  const shorter = Math.min(a.length, b.length);
  if (shared === shorter) return 3;
  const jw = jaroWinkler(aText, bText);
  if (jw >= 0.94) return 3;
  if (shared > 0 || jw >= 0.88) return 2;
  if (jaroWinkler(a[0]!, b[0]!) >= 0.88 || initialsAgree(a, b)) return 2;
  if (jw >= 0.75) return 1;
  return 0;
}

function countShared(a: string[], b: string[]): number {
  let n = 0;
  for (const t of a) if (b.includes(t)) n++;
  return n;
}

/** "j" against "jean": an initial that agrees with the other side's first name. */
function initialsAgree(a: string[], b: string[]): boolean {
  const x = a[0]!;
  const y = b[0]!;
  return (x.length === 1 || y.length === 1) && x[0] === y[0];
}

/** Name levels for a pair, taking given and surname crossed over when that agrees better (swapped fields). */
export function compareNamePair(a: Person, b: Person): [number, number, boolean] {
  const g = compareNames(a.given, a.givenText, b.given, b.givenText);
  const s = compareNames(a.surnames, a.surnameText, b.surnames, b.surnameText);
  if (g + s >= 7) return [g, s, false];
  const cg = compareNames(a.given, a.givenText, b.surnames, b.surnameText);
  const cs = compareNames(a.surnames, a.surnameText, b.given, b.givenText);
  return pickNameLevels(g, s, cg, cs);
}

/** Straight or crossed-over name levels, whichever agrees better (g, s straight; cg, cs crossed). */
export function pickNameLevels(g: number, s: number, cg: number, cs: number): [number, number, boolean] {
  if (cg >= 3 && cs >= 3 && cg + cs > g + s) return [cg - 1, cs - 1, true];
  if (cg >= 3 && g <= 0 && s < 0) return [cg - 1, s, true];
  if (cs >= 3 && s <= 0 && g < 0) return [g, cs - 1, true];
  return [g, s, false];
}

/** Exact or one edit apart (a typo or two swapped digits) for identifiers: 2 same, 1 one edit, 0 other. */
export function compareCode(a: string, b: string): number {
  if (a === "" || b === "") return -1;
  if (a === b) return 2;
  if (Math.min(a.length, b.length) >= 4 && withinOneEdit(a, b)) return 1;
  return 0;
}

/** Text such as streets and towns: 3 same, 2 close, 1 similar, 0 different (levels capped by `levels`). */
export function compareText(a: string, b: string, levels: number): number {
  if (a === "" || b === "") return -1;
  if (a === b) return levels - 1;
  const jw = jaroWinkler(a, b);
  if (jw >= 0.92) return levels - 2;
  if (levels > 3 && jw >= 0.8) return 1;
  return 0;
}

function compareExact(a: string, b: string): number {
  if (a === "" || b === "") return -1;
  return a === b ? 1 : 0;
}

/** Fills `out` with the comparison vector of a pair; returns whether the names were taken crossed over. */
export function compareVector(a: Person, b: Person, out: Int8Array): boolean {
  const [g, s, swapped] = compareNamePair(a, b);
  out[0] = g;
  out[1] = s;
  out[2] = a.dob && b.dob ? compareBirthDates(a.dob, b.dob) : -1;
  out[3] = a.sex === "x" || b.sex === "x" ? -1 : compareExact(a.sex, b.sex);
  out[4] = compareCode(a.document, b.document);
  out[5] = compareCode(a.phone, b.phone);
  out[6] = compareCode(a.email, b.email);
  out[7] = compareText(a.address, b.address, 4);
  out[8] = compareText(a.city, b.city, 3);
  out[9] = compareCode(a.postcode, b.postcode);
  out[10] = compareExact(a.region, b.region);
  out[11] = compareText(a.birthPlace, b.birthPlace, 3);
  out[12] = compareExact(a.nationality, b.nationality);
  return swapped;
}
