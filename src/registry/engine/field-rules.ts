// What an imported value must look like, field by field. Each reader returns the value as the registry stores it,
// or an error for the person fixing the file: a clerk's slip (a digit too many, a month 13) refuses the file rather
// than being stored half-read.

/** A value read from a file, or why it cannot be. */
export type Read<T> = { value: T } | { error: string };

const DATE_FORMS = "yyyy-mm-dd, yyyymmdd, dd/mm/yyyy, yyyy-mm or yyyy";
/** The earliest year of birth accepted: older is a slip (a person born before it would be over 140). */
export const EARLIEST_BIRTH_YEAR = 1880;

/** The days of a month, leap years included. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Year, month and day of a date in one of the accepted forms, and how many of the three were written. */
function dateParts(t: string): { year: number; month: number; day: number; written: 1 | 2 | 3 } | null {
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return { year: +m[1]!, month: +m[2]!, day: +m[3]!, written: 3 };
  m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(t);
  if (m) return { year: +m[1]!, month: +m[3]!, day: +m[4]!, written: 3 };
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(t);
  if (m) return { year: +m[4]!, month: +m[3]!, day: +m[1]!, written: 3 };
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  if (m) return { year: +m[1]!, month: +m[2]!, day: 0, written: 2 };
  m = /^(\d{4})$/.exec(t);
  return m ? { year: +m[1]!, month: 0, day: 0, written: 1 } : null;
}

/**
 * Reads a date of birth: full, year-month or year only, in the forms registries write. A value in none of the
 * forms, a month or day that does not exist, a year before 1880 or a date after `today` (yyyy-mm-dd) is an error.
 * Returns the date as yyyy-mm-dd, yyyy-mm or yyyy.
 */
export function readBirthDate(text: string, today?: string): Read<string | null> {
  const t = text.trim();
  if (t === "") return { value: null };
  const d = dateParts(t);
  if (!d) return { error: `"${t}" is not a date of birth (use ${DATE_FORMS})` };
  if (d.year < EARLIEST_BIRTH_YEAR)
    return { error: `"${t}": year ${d.year} is before ${EARLIEST_BIRTH_YEAR}` };
  if (d.written >= 2 && (d.month < 1 || d.month > 12))
    return { error: `"${t}": there is no month ${d.month}` };
  if (d.written === 3 && (d.day < 1 || d.day > daysIn(d.year, d.month)))
    return { error: `"${t}": ${d.year}-${pad(d.month)} has no day ${d.day}` };
  const value = [String(d.year), pad(d.month), pad(d.day)].slice(0, d.written).join("-");
  if (today && value > today.slice(0, value.length)) return { error: `"${t}" is in the future` };
  return { value };
}

const SEX_WORDS: Record<"M" | "F" | "X", string[]> = {
  M: ["m", "male", "h", "hombre", "masculino", "masculin", "homme", "man", "gason", "homem"],
  F: ["f", "female", "mujer", "femenino", "feminin", "feminino", "woman", "fanm", "mulher", "femme"],
  X: [
    "x",
    "other",
    "otro",
    "otra",
    "outro",
    "autre",
    "u",
    "unknown",
    "desconocido",
    "non-binary",
    "no binario",
  ],
};

/** Reads sex as M, F or X from the words of the region's languages; anything else is an error. */
export function readSex(text: string): Read<"M" | "F" | "X"> {
  const v = text.trim().toLowerCase();
  for (const code of ["M", "F", "X"] as const) if (SEX_WORDS[code].includes(v)) return { value: code };
  return { error: `"${text.trim()}" is not a sex (use M, F or X, or a word such as female, hombre, fanm)` };
}

/** Reads a country code (ISO 3166 alpha-3 or alpha-2), upper-cased. */
export function readCountry(text: string): Read<string> {
  const v = text.trim();
  if (/^[A-Za-z]{2,3}$/.test(v)) return { value: v.toUpperCase() };
  return { error: `"${v}" is not a country code (ISO 3166, e.g. MEX or MX)` };
}

/** Reads a document number: letters, digits and separators (space . / -), 4 to 30 letters and digits. */
export function readDocumentNumber(text: string): Read<string> {
  const v = text.trim();
  const core = v.replace(/[ ./-]/g, "");
  if (!/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/.test(v))
    return { error: `"${v}" has characters a document number does not (letters, digits, space . / - only)` };
  if (core.length < 4 || core.length > 30)
    return { error: `"${v}" is not a document number (4 to 30 letters and digits)` };
  return { value: v };
}

/** Reads a phone number: an optional +, digits and separators, 7 to 15 digits (the E.164 limit). */
export function readPhone(text: string): Read<string> {
  const v = text.trim();
  if (!/^\+?[0-9 ().-]+$/.test(v)) return { error: `"${v}" is not a phone number` };
  const digits = v.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return { error: `"${v}" has ${digits} digits (a phone number has 7 to 15)` };
  return { value: v };
}

/** Reads an e-mail address (one @, a dot in the domain, no spaces). */
export function readEmail(text: string): Read<string> {
  const v = text.trim();
  if (v.length > 200 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
    return { error: `"${v}" is not an e-mail address` };
  return { value: v };
}

/** Reads a name: letters of any script, spaces, apostrophes, hyphens and dots (a comma too in a full name). */
export function readName(text: string, allowComma = false): Read<string> {
  const v = text.trim();
  const shape = allowComma ? /^[\p{L}\p{M}' ’.,-]+$/u : /^[\p{L}\p{M}' ’.-]+$/u;
  if (v.length > 200) return { error: "a name is at most 200 characters" };
  if (!shape.test(v)) return { error: `"${v}" has characters a name does not (digits or symbols)` };
  return { value: v };
}

/** Reads free text (a place, an address line) up to `max` characters. */
export function readText(text: string, max: number): Read<string> {
  const v = text.trim();
  return v.length > max ? { error: `at most ${max} characters (this one has ${v.length})` } : { value: v };
}

/** Reads a postcode: letters, digits, spaces and hyphens, at most 12 characters. */
export function readPostcode(text: string): Read<string> {
  const v = text.trim();
  if (!/^[A-Za-z0-9 -]{1,12}$/.test(v)) return { error: `"${v}" is not a postcode` };
  return { value: v };
}
