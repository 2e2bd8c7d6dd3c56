/** Dates of birth as registries write them, compared the way clerks get them wrong. */

/** A date of birth with unknown parts as 0 (year-only records are common). */
export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Reads `yyyymmdd`, `yyyy-mm-dd`, `dd/mm/yyyy` (also `yyyy/mm/dd`, `dd-mm-yyyy`, `yyyy-mm`, `yyyy`).
 * Returns null when the text is not a date; an impossible month or day is kept as unknown.
 */
export function parseBirthDate(text: string): BirthDate | null {
  const t = text.trim();
  if (t === "") return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})(?:[-/.](\d{1,2}))?$/.exec(t);
  if (m) return checked(Number(m[1]), Number(m[2] ?? 0), 0);
  return null;
}

function checked(year: number, month: number, day: number): BirthDate | null {
  if (year < 1000 || year > 2999) return null;
  const okMonth = month >= 1 && month <= 12 ? month : 0;
  const okDay = day >= 1 && day <= 31 ? day : 0;
  return { year, month: okMonth, day: okDay };
}

/**
 * Agreement levels of two dates of birth, each with its own weight: a year alone agreeing says little when both
 * dates are whole (their months and days then disagree), more when one side only has a year; a year off by one
 * with the same day and month is a clerk's slip, as are a digit typed wrong and day and month transposed.
 */
export const DATE_LEVEL = {
  /** Different years (or whole dates that share nothing closer). */
  different: 0,
  /** Whole dates of the same year whose month and day differ. */
  sameYearOnly: 1,
  /** The same year where one side has no month or day. */
  partial: 2,
  /** Whole dates with the same day and month, years one apart. */
  yearOffByOne: 3,
  /** Whole dates with day and month transposed, or one digit apart. */
  near: 4,
  exact: 5,
} as const;

export type DateLevel = (typeof DATE_LEVEL)[keyof typeof DATE_LEVEL];

/** Agreement level of two dates of birth (see `DATE_LEVEL`). */
export function compareBirthDates(a: BirthDate, b: BirthDate): DateLevel {
  return compareDateParts(a.year, a.month, a.day, b.year, b.month, b.day);
}

/** A date as one number, yyyymmdd with unknown parts as 0: how people tables hold it. */
export function packDate(d: BirthDate): number {
  return d.year * 10_000 + d.month * 100 + d.day;
}

/** `compareBirthDates` of two packed dates (see `packDate`), without making date objects. */
export function comparePackedDates(x: number, y: number): DateLevel {
  const xm = Math.floor(x / 100);
  const ym = Math.floor(y / 100);
  return compareDateParts(Math.floor(xm / 100), xm % 100, x % 100, Math.floor(ym / 100), ym % 100, y % 100);
}

function compareDateParts(ya: number, ma: number, da: number, yb: number, mb: number, db: number): DateLevel {
  const full = ma > 0 && da > 0 && mb > 0 && db > 0;
  if (full && ya === yb && ma === mb && da === db) return DATE_LEVEL.exact;
  if (!full) return ya === yb ? DATE_LEVEL.partial : DATE_LEVEL.different;
  if (ya === yb && ma === db && da === mb) return DATE_LEVEL.near;
  if (dateDigitEdits(ya, ma, da, yb, mb, db) <= 1) return DATE_LEVEL.near;
  if (Math.abs(ya - yb) === 1 && ma === mb && da === db) return DATE_LEVEL.yearOffByOne;
  if (ya === yb) return DATE_LEVEL.sameYearOnly;
  return DATE_LEVEL.different;
}

function eightDigits(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 && d <= 99;
}

const digitsA = new Uint8Array(8);
const digitsB = new Uint8Array(8);

/** Digit edits between the yyyymmdd forms of two dates; by arithmetic when both have eight digits. */
function dateDigitEdits(ya: number, ma: number, da: number, yb: number, mb: number, db: number): number {
  if (!eightDigits(ya, ma, da) || !eightDigits(yb, mb, db)) {
    return digitEdits(
      dateDigits({ year: ya, month: ma, day: da }),
      dateDigits({ year: yb, month: mb, day: db }),
    );
  }
  let x = ya * 10_000 + ma * 100 + da;
  let y = yb * 10_000 + mb * 100 + db;
  for (let i = 7; i >= 0; i--) {
    digitsA[i] = x % 10;
    digitsB[i] = y % 10;
    x = Math.floor(x / 10);
    y = Math.floor(y / 10);
  }
  return digitEdits(digitsA, digitsB);
}

/** The date as eight digits, yyyymmdd, with unknown parts as zeros. */
export function dateDigits(d: BirthDate): string {
  return `${d.year}${String(d.month).padStart(2, "0")}${String(d.day).padStart(2, "0")}`;
}

/** Positions that differ between two equal-length digit strings, with one swap of neighbours counted once. */
function digitEdits(a: ArrayLike<string | number>, b: ArrayLike<string | number>): number {
  let edits = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === b[i + 1] && a[i + 1] === b[i]) i++;
    edits++;
  }
  return edits;
}
