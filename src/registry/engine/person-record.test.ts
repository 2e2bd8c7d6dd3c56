import { describe, expect, it } from "vitest";
import {
  blockingQuery,
  blockingTerms,
  emptyPerson,
  personTerms,
  queryTerms,
  selectingTerms,
} from "./person-record.ts";

const dob = (year: number, month: number, day: number) => ({ year, month, day });
const kinds = (terms: string[]) => terms.map((t) => t.split(":")[0]);

describe("blocking terms", () => {
  it("pair every two sounds of a name whatever their order, alone, with the year and with day and month", () => {
    const a = blockingTerms(["maria", "jose", "garcia"], dob(1990, 3, 7));
    expect(a).toEqual(blockingTerms(["garcia", "maria", "jose"], dob(1990, 7, 3)));
    expect(a.filter((t) => t.startsWith("b2:"))).toHaveLength(3);
    expect(a.filter((t) => t.startsWith("b2y:")).every((t) => t.endsWith("|1990"))).toBe(true);
    expect(a.filter((t) => t.startsWith("b2m:")).every((t) => t.endsWith("|3-7"))).toBe(true);
    expect(a.filter((t) => t.startsWith("bd:"))).toEqual(["bd:1990-3-7"]);
  });

  it("write an unknown part as ? and give no date block without day and month", () => {
    const t = blockingTerms(["maria", "lopez"], dob(1990, 3, 0));
    expect(t.filter((x) => x.startsWith("b2m:")).every((x) => x.endsWith("|?"))).toBe(true);
    expect(t.some((x) => x.startsWith("bd:"))).toBe(false);
    expect(blockingTerms(["maria", "lopez"], null).filter((x) => x.startsWith("b2y:"))[0]).toMatch(/\|\?$/);
    expect(blockingTerms(["maria"], null)).toEqual([]);
  });

  it("meet between a search and a record through one slip in the date, or a name spelt another way", () => {
    const stored = new Set(blockingTerms(["ana", "perez", "ruiz"], dob(1988, 11, 2)));
    const meets = (tokens: string[], d: ReturnType<typeof dob> | null) =>
      blockingQuery(tokens, d).some((t) => stored.has(t));
    expect(meets(["perez", "ana"], dob(1988, 11, 2))).toBe(true);
    expect(meets(["ana", "perez"], dob(1989, 11, 2))).toBe(true);
    expect(meets(["ana", "perez"], dob(1988, 2, 12))).toBe(true);
    expect(meets(["xiomara", "qwert"], dob(1988, 2, 11))).toBe(true);
    expect(meets(["ana", "ruiz"], null)).toBe(true);
    expect(meets(["ana", "perez"], dob(1989, 12, 3))).toBe(false);
    const noDate = new Set(blockingTerms(["ana", "perez"], null));
    expect(blockingQuery(["ana", "perez"], dob(1988, 11, 2)).some((t) => noDate.has(t))).toBe(true);
  });

  it("are written with a person's terms", () => {
    const terms = personTerms({
      ...emptyPerson(),
      givenNames: ["Ana"],
      surnames: ["Pérez"],
      birthDate: "1988-11-02",
    });
    expect(kinds(terms)).toEqual(expect.arrayContaining(["b2", "b2y", "b2m", "bd"]));
    expect(terms).toContain("bd:1988-2-11");
  });
});

describe("the terms that select candidates", () => {
  it("are a search's blocks when it gives two names or a full date, with a document", () => {
    const q = queryTerms({ given: "Ana", surname: "Pérez", dob: "1988-11-02", document: "X123" });
    expect(q.selecting.every((t) => /^(b2y|b2m|bd|doc):/.test(t))).toBe(true);
    expect(q.selecting.some((t) => t.startsWith("doc:"))).toBe(true);
    expect(queryTerms({ given: "Ana", dob: "1988-11-02" }).selecting).toEqual(["bd:1988-2-11"]);
    expect(kinds(queryTerms({ given: "Ana", surname: "Pérez" }).selecting)).toEqual(["b2"]);
  });

  it("fall back on names for one name alone, and on the date for a date alone", () => {
    const one = queryTerms({ surname: "Pérez" });
    expect(one.selecting).toEqual(one.nameTerms);
    expect(queryTerms({ dob: "1988-11" }).selecting).toEqual(["y:1988", "ym:1988-11"]);
  });

  it("are a record's blocks, documents and phones; its names when it has no block", () => {
    const record = {
      ...emptyPerson(),
      givenNames: ["Ana"],
      surnames: ["Pérez"],
      birthDate: "1990-01-05",
      phones: ["+52 55 1234 5678"],
    };
    expect(new Set(kinds(selectingTerms(record)))).toEqual(new Set(["b2y", "b2m", "bd", "ph"]));
    expect(new Set(kinds(selectingTerms({ ...record, surnames: [], birthDate: null })))).toEqual(
      new Set(["g", "gp", "ph"]),
    );
  });
});
