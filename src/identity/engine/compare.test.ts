import { describe, expect, it } from "vitest";
import {
  COMPARISONS,
  compareCode,
  compareNamePair,
  compareNames,
  compareText,
  compareVector,
} from "./compare.ts";
import { DATE_LEVEL } from "./dates.ts";
import { normalisePerson, type RawPerson } from "./person.ts";

const person = (fields: Omit<RawPerson, "id">) => normalisePerson({ id: "x", ...fields });

describe("compareNames", () => {
  const level = (a: string, b: string) => {
    const pa = person({ surname: a });
    const pb = person({ surname: b });
    return compareNames(pa.surnames, pa.surnameText, pb.surnames, pb.surnameText);
  };
  it.each([
    ["García López", "García López", 4],
    ["García López", "López García", 3],
    ["García López", "García", 3],
    ["de la Cruz", "Cruz", 4],
    ["Hernández", "Hernandes", 3],
    ["García López", "García Pérez", 2],
    ["Rodríguez", "Rodrigo", 2],
    ["Xochitl", "Zamora", 0],
    ["", "García", -1],
  ])("%s vs %s → %d", (a, b, expected) => expect(level(a, b)).toBe(expected));
});

describe("compareNamePair", () => {
  it("takes given name and surname crossed over when they were swapped", () => {
    const [g, s, swapped] = compareNamePair(
      person({ given_name: "Jean", surname: "Pierre" }),
      person({ given_name: "Pierre", surname: "Jean" }),
    );
    expect(swapped).toBe(true);
    expect(g).toBeGreaterThanOrEqual(2);
    expect(s).toBeGreaterThanOrEqual(2);
  });

  it("matches abbreviated and compound given names", () => {
    const [g] = compareNamePair(
      person({ given_name: "Jn Baptiste" }),
      person({ given_name: "Jean-Baptiste" }),
    );
    expect(g).toBe(4);
    const [g2] = compareNamePair(person({ given_name: "María José" }), person({ given_name: "María" }));
    expect(g2).toBe(3);
  });
});

describe("compareCode and compareText", () => {
  it.each([
    ["12345678", "12345678", 2],
    ["12345678", "12354678", 1],
    ["12345678", "1234567", 1],
    ["12345678", "87654321", 0],
    ["123", "124", 0],
    ["", "123", -1],
  ])("code %s vs %s → %d", (a, b, expected) => expect(compareCode(a, b)).toBe(expected));

  it.each([
    ["wallaby place", "wallaby place", 3],
    ["wallaby place", "walaby place", 2],
    ["wallaby street", "wallaby place", 1],
    ["wallaby place", "hoseason street", 0],
  ])("text %s vs %s → %d", (a, b, expected) => expect(compareText(a, b, 4)).toBe(expected));
});

describe("compareVector", () => {
  it("marks missing fields -1 and fills one level per comparison", () => {
    const out = new Int8Array(COMPARISONS.length);
    compareVector(
      person({ given_name: "Ana", surname: "Díaz", date_of_birth: "1990-05-04", sex: "F" }),
      person({ given_name: "Ana", surname: "Diaz", date_of_birth: "1990-04-05", sex: "M" }),
      out,
    );
    expect([...out.slice(0, 5)]).toEqual([4, 4, DATE_LEVEL.near, 0, -1]);
  });
});
