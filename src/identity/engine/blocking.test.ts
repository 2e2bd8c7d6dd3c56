import { describe, expect, it } from "vitest";
import { candidatePairs } from "./blocking.ts";
import { normalisePerson, type RawPerson } from "./person.ts";

const person = (id: string, fields: Partial<RawPerson>) => normalisePerson({ id, ...fields } as RawPerson);

/** The candidate pairs of a few records, as "i-j" with i < j. */
function proposed(people: ReturnType<typeof person>[]): string[] {
  const pairs = candidatePairs(people, null);
  const out: string[] = [];
  for (let k = 0; k < pairs.length; k += 2)
    out.push(`${Math.min(pairs[k]!, pairs[k + 1]!)}-${Math.max(pairs[k]!, pairs[k + 1]!)}`);
  return out.sort();
}

describe("blocking", () => {
  it("proposes the records of one person whose only shared facts are a surname, a given initial and a birthplace", () => {
    // A typo in the given name changes its sound, and the old record has no date: only the birthplace is left.
    const people = [
      person("a", {
        given_name: "Wilmer",
        surname: "Quispe",
        date_of_birth: "1962-03-14",
        birth_place: "Cusco",
      }),
      person("b", { given_name: "Wlimer", surname: "Quispe", date_of_birth: "", birth_place: "Cusco" }),
      person("c", { given_name: "Wilmer", surname: "Quispe", date_of_birth: "", birth_place: "Arequipa" }),
    ];
    expect(proposed(people)).toContain("0-1");
  });

  it("proposes a record with a surname typo and no date through the given name and the birthplace", () => {
    const people = [
      person("a", {
        given_name: "Marisol",
        surname: "Huamani",
        date_of_birth: "1970-01-02",
        birth_place: "Puno",
      }),
      person("b", { given_name: "Marisol", surname: "Hwamany", date_of_birth: "", birth_place: "Puno" }),
    ];
    expect(proposed(people)).toEqual(["0-1"]);
  });

  it("does not pair people on a birthplace alone", () => {
    const people = [
      person("a", { given_name: "Ana", surname: "Torres", date_of_birth: "", birth_place: "Lima" }),
      person("b", { given_name: "Luis", surname: "Mamani", date_of_birth: "", birth_place: "Lima" }),
    ];
    expect(proposed(people)).toEqual([]);
  });
});
