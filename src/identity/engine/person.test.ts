import { describe, expect, it } from "vitest";
import { normalisePerson, splitFullName } from "./person.ts";

describe("splitFullName", () => {
  it.each([
    ["Juan Pérez García", ["juan"], ["perez", "garcia"]],
    ["María José López Díaz", ["maria", "jose"], ["lopez", "diaz"]],
    ["PÉREZ GARCÍA, Juan Carlos", ["juan", "carlos"], ["perez", "garcia"]],
    ["Jean-Baptiste Joseph", ["jean"], ["baptiste", "joseph"]],
    ["Ana de la Cruz", ["ana"], ["cruz"]],
    ["Madonna", ["madonna"], []],
  ])("%s", (full, given, surnames) => expect(splitFullName(full)).toEqual({ given, surnames }));
});

describe("normalisePerson", () => {
  it("folds names, joins middle names and second surnames, reads the date and reduces codes", () => {
    const p = normalisePerson({
      id: "1",
      given_name: " Ma. ",
      middle_name: "José",
      surname: "de la Cruz",
      second_surname: "Núñez",
      date_of_birth: "03/12/1980",
      document_number: "ab-123.456",
      phone: "+52 55 1234 5678",
      sex: "Femenino",
    });
    expect(p.given).toEqual(["maria", "jose"]);
    expect(p.surnames).toEqual(["cruz", "nunez"]);
    expect(p.dob).toEqual({ year: 1980, month: 12, day: 3 });
    expect(p.document).toBe("AB123456");
    expect(p.phone).toBe("5512345678");
    expect(p.sex).toBe("f");
    expect(p.dobUnreadable).toBe(false);
  });

  it("uses the full name only for the parts that are missing and flags unreadable dates", () => {
    const p = normalisePerson({
      id: "2",
      given_name: "Rosa",
      full_name: "Rosa Flores Díaz",
      date_of_birth: "soon",
    });
    expect(p.given).toEqual(["rosa"]);
    expect(p.surnames).toEqual(["flores", "diaz"]);
    expect(p.dob).toBeNull();
    expect(p.dobUnreadable).toBe(true);
  });
});
