import { describe, expect, it } from "vitest";
import { readRegistryCsv, splitFullName } from "./registry-csv.ts";

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

  it("refuses a row with no name at all, naming its line", () => {
    const text = "pid,first,last,born\n1,Ana,Gómez,1990-01-01\n2,,,1991-02-03\n";
    const { problems } = readRegistryCsv(text, "pid", map);
    expect(problems).toEqual([expect.objectContaining({ line: 3, field: "given_name" })]);
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

  it.each([
    ["born", "1985-1-305", "date_of_birth"],
    ["born", "19850-01-01", "date_of_birth"],
    ["born", "1985-13-45", "date_of_birth"],
    ["born", "1985-13", "date_of_birth"],
    ["first", "Ana2", "given_name"],
    ["doc", "A#1", "document_number"],
    ["tel", "555", "phone"],
    ["nat", "M3X", "nationality"],
    ["sex", "?", "sex"],
  ])("refuses %s %j on its line, naming the field", (column, value, field) => {
    const header = "pid,first,last,born,doc,tel,nat,sex";
    const good = "1,Ana,Gómez,1990-01-01,AB1234,+52 5512345678,MEX,F";
    const cells = good.split(",");
    cells[0] = "2";
    cells[header.split(",").indexOf(column)] = value;
    const fields = new Map([...map, ["document_number", "doc"], ["phone", "tel"], ["nationality", "nat"]]);
    const { problems } = readRegistryCsv(`${header}\n${good}\n${cells.join(",")}\n`, "pid", fields);
    expect(problems).toEqual([expect.objectContaining({ line: 3, field })]);
  });

  it("keeps full, year-month and year-only dates", () => {
    const text = "pid,surname,born\n1,Gómez,1990-05-17\n2,Gómez,1990-05\n3,Gómez,1990\n4,Gómez,17/05/1990\n";
    const { people, problems } = readRegistryCsv(text, "pid", new Map([["date_of_birth", "born"]]));
    expect(problems).toEqual([]);
    expect(people.map((p) => p.person.birthDate)).toEqual(["1990-05-17", "1990-05", "1990", "1990-05-17"]);
  });

  it("splits a full name when given name and surname are not mapped", () => {
    const { people } = readRegistryCsv("id,full_name\n7,Juan Pérez García\n", "id", new Map());
    expect(people[0]?.person.givenNames).toEqual(["Juan"]);
    expect(people[0]?.person.surnames).toEqual(["Pérez", "García"]);
  });
});
