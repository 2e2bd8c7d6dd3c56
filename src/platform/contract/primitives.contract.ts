import { z } from "zod";
import { textFault } from "../../shared/text-rule.ts";

// The building blocks every contract uses for what people and machines send: text that is bounded and
// well-formed, dates that exist, counts that fit a 32-bit integer column. Shared with the web (a contract
// file), so a form refuses what the server would refuse. The HTTP edge applies `textFault` to every string
// of every request before any route sees it (src/platform/http/edge-input.ts); the schemas repeat the rule
// so that the command line and the files parsed with them keep it too.

/** The largest value of a PostgreSQL `integer` column: counts above it cannot be stored. */
export const INT32_MAX = 2_147_483_647;

/** Upper bound for a whole file sent as text inside a JSON body (the HTTP body limit is the tighter one). */
export const LONG_TEXT_MAX = 64 * 1024 * 1024;

export { textFault };

const wellFormed = {
  error: (issue: { input?: unknown }) => textFault(String(issue.input)) ?? "not well-formed text",
};
const isWellFormed = (value: string) => textFault(value) === null;

/** Text kept exactly as sent (secrets, codes, file contents): `min` to `max` characters, well-formed. */
export function text(min: number, max: number) {
  return z.string().min(min).max(max).refine(isWellFormed, wellFormed);
}

/** Text as people type it: trimmed, then `min` to `max` characters, well-formed. */
export function trimmedText(min: number, max: number) {
  return z.string().trim().min(min).max(max).refine(isWellFormed, wellFormed);
}

/** A whole number from `min` to `max` (by default a count that fits a 32-bit integer column). */
export function count(min = 0, max = INT32_MAX) {
  return z.number().int("expected a whole number").min(min, atLeast(min)).max(max, atMost(max));
}

const atLeast = (min: number) => `expected at least ${min.toLocaleString("en-US")}`;
const atMost = (max: number) => `expected at most ${max.toLocaleString("en-US")}`;

/** The same as `count`, read from a query-string or path parameter. */
export function queryCount(min = 0, max = INT32_MAX) {
  return z.coerce.number().int("expected a whole number").min(min, atLeast(min)).max(max, atMost(max));
}

/** A bounded range of calendar dates, inclusive, both written YYYY-MM-DD. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** The dates PostgreSQL and ISO 8601 both take without extensions: years 0001 to 9999. */
const ALL_DATES = { from: "0001-01-01", to: "9999-12-31" } as const;

/** A calendar date written YYYY-MM-DD that exists (no 2031-02-30, no 0000-00-00), within `range`. */
export function isoDate(range: DateRange = {}) {
  const from = range.from ?? ALL_DATES.from;
  const to = range.to ?? ALL_DATES.to;
  return z.iso
    .date({ error: "expected a date YYYY-MM-DD that exists" })
    .refine((day) => day >= from && day <= to, { error: `expected a date from ${from} to ${to}` });
}

/** A calendar date that exists, years 0001 to 9999. */
export const IsoDate = isoDate();

/** A month written YYYY-MM (01 to 12), years 0001 to 9999. */
export const IsoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month YYYY-MM")
  .refine((month) => month >= "0001-01", { error: "expected a year from 0001" });

const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/** A date-time with its offset (Z or ±HH:MM) that exists, from the year 0001 to 9999 in UTC. */
export const IsoInstant = z.iso
  .datetime({ offset: true, error: "expected a date-time with offset such as 2024-05-01T09:30:00Z" })
  .refine(
    (instant) => {
      const ms = Date.parse(instant);
      return ms >= EARLIEST && ms <= LATEST;
    },
    { error: "expected a date-time from the year 0001 to 9999" },
  );
