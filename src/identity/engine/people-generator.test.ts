import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { corruptPerson } from "./generator-corrupt.ts";
import { builtInNamePools } from "./generator-names.ts";
import { generatePeople } from "./people-generator.ts";

describe("generatePeople", () => {
  it("is reproducible from its seed and differs across seeds", () => {
    const a = generatePeople(200, seededRandom(1), builtInNamePools());
    expect(generatePeople(200, seededRandom(1), builtInNamePools())).toEqual(a);
    expect(generatePeople(200, seededRandom(2), builtInNamePools())).not.toEqual(a);
    expect(a).toHaveLength(200);
  });

  it("makes about the asked share of duplicates, each tied to its person", () => {
    const people = generatePeople(5000, seededRandom(3), builtInNamePools(), { duplicateShare: 0.3 });
    const dups = people.filter((p) => p.id.includes("-d"));
    expect(dups.length / people.length).toBeGreaterThan(0.2);
    expect(dups.length / people.length).toBeLessThan(0.4);
    for (const d of dups.slice(0, 50)) expect(d.cluster_id).toBe(`c${d.id.split("-")[0]!.slice(1)}`);
    expect(new Set(people.map((p) => p.nationality))).toContain("HT");
  });

  it("corrupts a copy without touching the original", () => {
    const [original] = generatePeople(1, seededRandom(9), builtInNamePools());
    const before = { ...original! };
    const random = seededRandom(4);
    const copies = Array.from({ length: 20 }, () => corruptPerson(random, original!));
    expect(original).toEqual(before);
    expect(copies.some((c) => JSON.stringify(c) !== JSON.stringify(original))).toBe(true);
  });

  it("with heavy, copies also lose names, dates and birthplaces, and the original keeps them", () => {
    const plain = generatePeople(4000, seededRandom(6), builtInNamePools(), { duplicateShare: 0.5 });
    const heavy = generatePeople(4000, seededRandom(6), builtInNamePools(), {
      duplicateShare: 0.5,
      heavy: true,
    });
    const share = (people: typeof plain, empty: (p: (typeof plain)[number]) => boolean) => {
      const dups = people.filter((p) => p.id.includes("-d"));
      return dups.filter(empty).length / dups.length;
    };
    expect(share(heavy, (p) => p.given_name === "")).toBeGreaterThan(0.1);
    expect(share(plain, (p) => p.given_name === "")).toBeLessThan(0.02);
    expect(share(heavy, (p) => p.birth_place === "")).toBeGreaterThan(
      share(plain, (p) => p.birth_place === "") + 0.1,
    );
    expect(share(heavy, (p) => p.date_of_birth === "")).toBeGreaterThan(0.1);
    for (const p of heavy.filter((x) => !x.id.includes("-d")).slice(0, 200)) {
      expect(p.given_name).not.toBe("");
      expect(p.date_of_birth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
