import { describe, expect, it } from "vitest";
import { isCalendarDate } from "../registry.contract.ts";
import {
  readBirthDate,
  readCountry,
  readDocumentNumber,
  readEmail,
  readName,
  readPhone,
  readPostcode,
  readSex,
} from "./field-rules.ts";

describe("readBirthDate", () => {
  it.each([
    ["19900517", "1990-05-17"],
    ["1990-05-17", "1990-05-17"],
    ["1990/5/7", "1990-05-07"],
    ["17/05/1990", "1990-05-17"],
    ["7.5.1990", "1990-05-07"],
    [" 1990 ", "1990"],
    ["1990-05", "1990-05"],
    ["2000-02-29", "2000-02-29"],
    ["", null],
  ])("reads %j as %j", (text, expected) => {
    expect(readBirthDate(text)).toEqual({ value: expected });
  });

  it.each([
    ["1985-1-305", /not a date of birth/],
    ["19850-01-01", /not a date of birth/],
    ["1985-13-45", /no month 13/],
    ["1985-13", /no month 13/],
    ["1985-00", /no month 0/],
    ["19850001", /no month 0/],
    ["1994-10-94", /has no day 94/],
    ["31/02/1990", /1990-02 has no day 31/],
    ["1900-02-29", /has no day 29/],
    ["00/05/1990", /has no day 0/],
    ["1985-01/01", /not a date of birth/],
    ["0985-01-01", /before 1880/],
    ["yesterday", /not a date of birth/],
    ["12 May 1990", /not a date of birth/],
    ["1990-O1-01", /not a date of birth/],
    ["1990-01-01T00:00", /not a date of birth/],
  ])("refuses %j", (text, message) => {
    const read = readBirthDate(text);
    expect(read).toHaveProperty("error");
    expect((read as { error: string }).error).toMatch(message);
  });

  it("refuses a date after today, and accepts today", () => {
    expect(readBirthDate("2031-01-02", "2031-01-01")).toHaveProperty("error");
    expect(readBirthDate("2031-02", "2031-01-01")).toHaveProperty("error");
    expect(readBirthDate("2031-01-01", "2031-01-01")).toEqual({ value: "2031-01-01" });
  });
});

describe("the other fields", () => {
  const table: [string, (t: string) => unknown, string, unknown][] = [
    ["sex", readSex, "Femenino", "F"],
    ["sex", readSex, "h", "M"],
    ["sex", readSex, "x", "X"],
    ["sex", readSex, "3", null],
    ["sex", readSex, "FM", null],
    ["nationality", readCountry, "mex", "MEX"],
    ["nationality", readCountry, "CO", "CO"],
    ["nationality", readCountry, "ME1", null],
    ["nationality", readCountry, "Mexico", null],
    ["document", readDocumentNumber, "AB 123-456/7", "AB 123-456/7"],
    ["document", readDocumentNumber, "12", null],
    ["document", readDocumentNumber, "AB#1234", null],
    ["document", readDocumentNumber, "X".repeat(31), null],
    ["phone", readPhone, "+52 (55) 1234-5678", "+52 (55) 1234-5678"],
    ["phone", readPhone, "12345", null],
    ["phone", readPhone, "+52 55 1234 5678 9999", null],
    ["phone", readPhone, "55-12a4-5678", null],
    ["phone", readPhone, "52+5512345678", null],
    ["email", readEmail, "ana@example.org", "ana@example.org"],
    ["email", readEmail, "ana@example", null],
    ["email", readEmail, "ana at example.org", null],
    ["name", (t) => readName(t), "María-José O'Neill", "María-José O'Neill"],
    ["name", (t) => readName(t), "Mar1a", null],
    ["name", (t) => readName(t), "Ana; drop", null],
    ["full name", (t) => readName(t, true), "PÉREZ, Juan", "PÉREZ, Juan"],
    ["postcode", readPostcode, "K1A 0B1", "K1A 0B1"],
    ["postcode", readPostcode, "0610#", null],
  ];
  it.each(table)("%s %j", (_field, read, text, expected) => {
    const got = read(text) as { value?: unknown; error?: string };
    if (expected === null) expect(got.error).toEqual(expect.any(String));
    else expect(got).toEqual({ value: expected });
  });
});

describe("isCalendarDate (the API's dates)", () => {
  it.each([
    ["1990", true],
    ["1990-12", true],
    ["1990-13", false],
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["1985-04-31", false],
  ])("%j is %j", (text, ok) => {
    expect(isCalendarDate(text)).toBe(ok);
  });
});
