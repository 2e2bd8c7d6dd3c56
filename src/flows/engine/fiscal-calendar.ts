const monthAbbreviations = [
  "JAN",
  "FEB",
  "MAR",
  "APR",
  "MAY",
  "JUN",
  "JUL",
  "AUG",
  "SEP",
  "OCT",
  "NOV",
  "DEC",
];

/** Calendar month number (1–12) of an English month abbreviation or name, or undefined. */
export function monthNumber(text: string): number | undefined {
  const key = text.trim().slice(0, 3).toUpperCase();
  const index = monthAbbreviations.indexOf(key);
  return index < 0 ? undefined : index + 1;
}

/** The year in a fiscal-year field: `2022`, `FY2022`, `2025 (FYTD)` all read as a four-digit year. */
export function parseYearField(text: string): number | undefined {
  const match = /^\s*(?:FY\s*)?(\d{4})(?:\s*\(?\s*FYTD\s*\)?)?\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Calendar `YYYY-MM` of a U.S. federal fiscal month: FY2022 runs Oct 2021 – Sep 2022, so FY2022 DEC = 2021-12. */
export function fiscalToCalendarMonth(fiscalYear: number, month: number): string {
  const year = month >= 10 ? fiscalYear - 1 : fiscalYear;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The U.S. fiscal year a calendar `YYYY-MM` belongs to. */
export function fiscalYearOf(month: string): number {
  const year = Number(month.slice(0, 4));
  return Number(month.slice(5, 7)) >= 10 ? year + 1 : year;
}
