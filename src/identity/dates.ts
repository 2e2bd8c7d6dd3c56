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

/** Agreement level of two dates of birth: 3 same, 2 near (day/month swapped, one typo), 1 same year, 0 other. */
export function compareBirthDates(a: BirthDate, b: BirthDate): 0 | 1 | 2 | 3 {
  const full = a.month > 0 && a.day > 0 && b.month > 0 && b.day > 0;
  if (full && a.year === b.year && a.month === b.month && a.day === b.day) return 3;
  if (!full) return a.year === b.year ? 1 : 0;
  if (a.year === b.year && a.month === b.day && a.day === b.month) return 2;
  if (digitEdits(dateDigits(a), dateDigits(b)) <= 1) return 2;
  if (a.year === b.year) return 1;
  if (Math.abs(a.year - b.year) <= 1 && a.month === b.month && a.day === b.day) return 1;
  return 0;
}

/** The date as eight digits, yyyymmdd, with unknown parts as zeros. */
export function dateDigits(d: BirthDate): string {
  return `${d.year}${String(d.month).padStart(2, "0")}${String(d.day).padStart(2, "0")}`;
}

/** Positions that differ between two equal-length digit strings, with one swap of neighbours counted once. */
function digitEdits(a: string, b: string): number {
  let edits = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] === b[i + 1] && a[i + 1] === b[i]) i++;
    edits++;
  }
  return edits;
}
