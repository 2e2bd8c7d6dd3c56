import { describe, expect, it } from "vitest";
import { readBirthDate } from "./person-record.ts";
import { readRegistryCsv, splitFullName } from "./registry-csv.ts";

describe("readBirthDate", () => {
  it.each([
    ["19900517", "1990-05-17"],
    ["1990-05-17", "1990-05-17"],
    ["17/05/1990", "1990-05-17"],
    [" 1990 ", "1990"],
    ["1990-05", "1990-05"],
    ["", null],
    ["31/02/1990", "1990-02"],
    ["1990-13-01", "1990"],
    ["4992", null],
  ])("reads %j as %j", (text, expected) => {
    expect(readBirthDate(text)).toMatchObject({ value: expected });
  });

  it("keeps a date with a digit slip as written", () => {
    expect(readBirthDate("1994-10-94")).toEqual({ value: "1994-10", asWritten: "1994-10-94" });
  });

  it.each(["yesterday", "12 May 1990", "n/a", "1990-O1-01"])("refuses %j", (text) => {
    expect(readBirthDate(text)).toHaveProperty("error");
  });
});

describe("splitFullName", () => {
  it.each([
    ["PÉREZ GARCÍA, Juan", ["Juan"], ["PÉREZ", "GARCÍA"]],
    ["Juan Pérez García", ["Juan"], ["Pérez", "García"]],
    ["María José López Díaz", ["María", "José"], ["López", "Díaz"]],
  ])("splits %j", (full, given, surnames) => {
    expect(splitFullName(full)).toEqual({ given, surnames });
  });
});

describe("readRegistryCsv", () => {
  const map = new Map([
    ["given_name", "first"],
    ["surname", "last"],
    ["date_of_birth", "born"],
  ]);

  it("trims headers and values and treats blanks as missing", () => {
    const text = " pid , first , last , born , doc \n 1 ,  Ana  , Gómez ,  , \n";
    const { people, problems } = readRegistryCsv(text, "pid", map);
    expect(problems).toEqual([]);
    expect(people).toHaveLength(1);
    expect(people[0]?.externalId).toBe("1");
    expect(people[0]?.person.givenNames).toEqual(["Ana"]);
    expect(people[0]?.person.birthDate).toBeNull();
  });

  it("names the line and field of a bad value", () => {
    const text = "pid,first,last,born\n1,Ana,Gómez,1990-01-01\n2,Luis,Pérez,unknown\n";
    const { problems } = readRegistryCsv(text, "pid", map);
    expect(problems).toEqual([expect.objectContaining({ line: 3, field: "date_of_birth" })]);
  });

  it("refuses a repeated id, an unknown field and a missing id column", () => {
    expect(readRegistryCsv("pid,given_name\n1,a\n1,b\n", "pid", new Map()).problems[0]).toMatchObject({
      line: 3,
      field: "id",
    });
    expect(
      readRegistryCsv("pid,first\n1,a\n", "pid", new Map([["nickname", "first"]])).problems[0]?.message,
    ).toMatch(/unknown field/);
    expect(readRegistryCsv("x,first\n1,a\n", "pid", map).problems[0]?.message).toMatch(/id column "pid"/);
  });

  it("splits a full name when given name and surname are not mapped", () => {
    const { people } = readRegistryCsv("id,full_name\n7,Juan Pérez García\n", "id", new Map());
    expect(people[0]?.person.givenNames).toEqual(["Juan"]);
    expect(people[0]?.person.surnames).toEqual(["Pérez", "García"]);
  });
});
