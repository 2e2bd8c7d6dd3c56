import { describe, expect, it } from "vitest";
import { type BirthDate, compareBirthDates, comparePackedDates, packDate, parseBirthDate } from "./dates.ts";

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

describe("compareBirthDates", () => {
  it.each([
    ["1980-03-12", "1980-03-12", 3],
    ["1980-03-12", "1980-12-03", 2],
    ["1980-03-12", "1980-03-13", 2],
    ["1980-03-12", "1981-03-12", 2],
    ["1980-03-12", "1980", 1],
    ["1980-03-12", "1980-07-25", 1],
    ["1980-03-12", "1979-03-12", 1],
    ["1980-03-12", "1975-07-25", 0],
    ["1980", "1981", 0],
  ])("%s vs %s → %d", (a, b, level) => {
    expect(compareBirthDates(d(a), d(b))).toBe(level);
    expect(comparePackedDates(packDate(d(a)), packDate(d(b)))).toBe(level);
  });
});
