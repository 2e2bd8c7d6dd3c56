import { describe, expect, it } from "vitest";
import { randomBelow, seededRandom } from "../../shared/seeded-random.ts";
import { COMPARISONS, compareVector } from "./compare.ts";
import { builtInNamePools } from "./generator-names.ts";
import { termFrequencies } from "./model.ts";
import { defaultMatchModel } from "./model-defaults.ts";
import { generatePeople } from "./people-generator.ts";
import { toPeopleTable } from "./people-table.ts";
import { normalisePerson, type RawPerson } from "./person.ts";
import { pairWeight } from "./scoring.ts";
import { PairCache, TableComparer, TableScorer } from "./table-compare.ts";

const p = (id: string, f: Omit<RawPerson, "id">) => normalisePerson({ id, ...f });
const edgeCases = [
  p("swap", { given_name: "Pérez", surname: "Juan", date_of_birth: "1980-12-03", sex: "x" }),
  p("plain", { given_name: "Juan", surname: "Pérez", date_of_birth: "1980-03-12", sex: "M" }),
  p("year", { given_name: "Juan", surname: "Perez Lopez", date_of_birth: "1980", phone: "+52 5512345678" }),
  p("empty", { given_name: "", city: "Lima", document_number: "AB123" }),
  p("doc", {
    given_name: "J.",
    surname: "Pérez",
    document_number: "AB132",
    city: "Lima",
    address: "Av. Sol 5",
  }),
];
const generated = generatePeople(600, seededRandom(9), builtInNamePools()).map((g) =>
  normalisePerson(g as unknown as RawPerson),
);
const people = [...edgeCases, ...generated];

describe("TableComparer", () => {
  const comparer = new TableComparer(toPeopleTable(people));
  const pairs: [number, number][] = [];
  for (let i = 0; i < edgeCases.length; i++) for (let j = 0; j < edgeCases.length; j++) pairs.push([i, j]);
  const random = seededRandom(4);
  for (let k = 0; k < 3000; k++)
    pairs.push([randomBelow(random, people.length), randomBelow(random, people.length)]);
  for (let i = 0; i + 1 < people.length; i++) pairs.push([i, i + 1]);

  it("gives exactly the levels compareVector gives, twice (the second time from its caches)", () => {
    const want = new Int8Array(COMPARISONS.length);
    const got = new Int8Array(COMPARISONS.length);
    for (let round = 0; round < 2; round++) {
      for (const [i, j] of pairs) {
        const swapped = compareVector(people[i]!, people[j]!, want);
        expect(comparer.compare(i, j, got)).toBe(swapped);
        expect([...got]).toEqual([...want]);
      }
    }
  });

  it("scores exactly as pairWeight does, term frequencies included", () => {
    const model = defaultMatchModel(termFrequencies(people));
    const scorer = new TableScorer(comparer, model);
    for (const [i, j] of pairs) expect(scorer.weight(i, j)).toBe(pairWeight(model, people[i]!, people[j]!));
  });
});

describe("PairCache", () => {
  it.each([
    [1, 2, 4],
    [2, 1, -1],
    [7, 7, 0],
    [(1 << 27) - 1, 3, 7],
    [5, (1 << 27) - 1, -8],
  ])("keeps (%d, %d) → %d apart from other pairs", (a, b, value) => {
    const cache = new PairCache(4);
    expect(cache.get(a, b)).toBe(-128);
    cache.set(a, b, value);
    expect(cache.get(a, b)).toBe(value);
    expect(cache.get(b + 1, a)).toBe(-128);
  });

  it("does not store ids too large to pack, and answers them as missing", () => {
    const cache = new PairCache(4);
    expect(cache.set(1, 1 << 27, 3)).toBe(3);
    expect(cache.get(1, 1 << 27)).toBe(-128);
  });
});
