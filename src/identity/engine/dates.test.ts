import { describe, expect, it } from "vitest";
import { COMPARISONS } from "./compare.ts";
import {
  type BirthDate,
  compareBirthDates,
  comparePackedDates,
  DATE_LEVEL,
  packDate,
  parseBirthDate,
} from "./dates.ts";

describe("parseBirthDate", () => {
  it.each([
    ["19560409", { year: 1956, month: 4, day: 9 }],
    ["1956-04-09", { year: 1956, month: 4, day: 9 }],
    ["09/04/1956", { year: 1956, month: 4, day: 9 }],
    [" 9/4/1956 ", { year: 1956, month: 4, day: 9 }],
    ["1956", { year: 1956, month: 0, day: 0 }],
    ["1956-04", { year: 1956, month: 4, day: 0 }],
    ["19561309", { year: 1956, month: 0, day: 9 }],
    ["", null],
    ["unknown", null],
    ["0000-01-01", null],
  ])("%s → %j", (text, expected) => expect(parseBirthDate(text)).toEqual(expected));
});

const d = (text: string) => parseBirthDate(text) as BirthDate;

const L = DATE_LEVEL;

describe("compareBirthDates", () => {
  it.each([
    ["1980-03-12", "1980-03-12", L.exact],
    ["1980-03-12", "1980-12-03", L.near],
    ["1980-03-12", "1980-03-13", L.near],
    ["1980-03-12", "1981-03-12", L.near],
    ["1980-03-12", "1979-03-12", L.yearOffByOne],
    ["1980-03-12", "1980", L.partial],
    ["1980-03", "1980-07-25", L.partial],
    ["1980-03-12", "1980-07-25", L.sameYearOnly],
    ["1980-03-12", "1975-07-25", L.different],
    ["1980-03-12", "1978-03-12", L.different],
    ["1980", "1981", L.different],
  ])("%s vs %s → %d", (a, b, level) => {
    expect(compareBirthDates(d(a), d(b))).toBe(level);
    expect(comparePackedDates(packDate(d(a)), packDate(d(b)))).toBe(level);
  });

  it("has one level per kind of slip, each distinct, all below an exact date", () => {
    const levels = Object.values(DATE_LEVEL);
    expect(new Set(levels).size).toBe(levels.length);
    expect(Math.max(...levels)).toBe(DATE_LEVEL.exact);
    expect(COMPARISONS.find((c) => c.name === "date_of_birth")?.levels).toBe(levels.length);
  });

  it("keeps a year only agreeing apart for whole dates and for a date with a year only", () => {
    const whole = compareBirthDates(d("1980-03-12"), d("1980-11-30"));
    const partial = compareBirthDates(d("1980-03-12"), d("1980"));
    expect(whole).not.toBe(partial);
  });
});
