import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { dateFormat, formatCalendarDay } from "../../../../src/shared/locale-format.ts";
import type { Translate } from "../../error-text.ts";

// How the border pages name what the server sends as codes: an authority, an option and its receiving nation,
// an encounter's date. One place, so the list, the assessment and the approvals say them alike.

/** An authority's name in the reader's language; one the interface does not know keeps the pack's code. */
export function authorityName(t: Translate, code: string, fallback = code): string {
  return t(`pages.border.authorityName.${code}`, { defaultValue: fallback });
}

/** An option as the officer reads it: "Expulsión (México (MEX))". */
export function optionName(
  t: Translate,
  language: string,
  code: string,
  to: string | null | undefined,
): string {
  const name = t(`pages.border.disposition.${code}`, { defaultValue: code });
  return to ? `${name} (${countryLabel(to, language)})` : name;
}

/**
 * A date as the reader writes it. A date-time keeps the time as recorded ("2023-05-11T23:30:00-04:00" reads as
 * the 11 May at 23:30): it is the local time of the encounter, not the reader's.
 */
export function dayIn(language: string, value: string): string {
  const written = formatCalendarDay(language, value, "long");
  const time = value.split("T")[1];
  return time && written !== value ? `${written} ${time.slice(0, 5)}` : written;
}

/** A month ("2023-06") as the reader names it: "junio de 2023". */
export function monthIn(language: string, month: string): string {
  const date = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  if (!/^\d{4}-\d{2}/.test(month) || Number.isNaN(date.getTime())) return month;
  return dateFormat(language, { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}
