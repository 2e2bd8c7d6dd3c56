import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { clusterPeople } from "../cluster.pool.ts";
import { COMPARISONS } from "./compare.ts";
import { DATE_LEVEL } from "./dates.ts";
import { builtInNamePools } from "./generator-names.ts";
import { linkPeople, planScoring } from "./link.ts";
import { vectorWeight } from "./model.ts";
import { defaultMatchModel } from "./model-defaults.ts";
import { generatePeople } from "./people-generator.ts";
import { normalisePerson, type RawPerson } from "./person.ts";
import { scorePair } from "./scoring.ts";

const generated = generatePeople(1500, seededRandom(5), builtInNamePools(), { duplicateShare: 0.3 });
const people = generated.map((g) => normalisePerson(g as unknown as RawPerson));
const truth = new Map(generated.map((g) => [g.id, g.cluster_id]));

function pairwise(clusterIds: string[]) {
  const pairs = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const count = (keys: string[]) =>
    keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const both = pairs(count(people.map((p, i) => `${clusterIds[i]}|${truth.get(p.id)}`)));
  return {
    precision: both / pairs(count(clusterIds)),
    recall: both / pairs(count(people.map((p) => truth.get(p.id)!))),
  };
}

describe("dedupe on generated people (unsupervised)", () => {
  it("finds most duplicates with few false merges", () => {
    const { precision, recall } = pairwise(clusterPeople(people).clusterIds);
    expect(precision).toBeGreaterThan(0.9);
    expect(recall).toBeGreaterThan(0.9);
  });
});

describe("linkPeople", () => {
  it("gives each record at most one likely partner", () => {
    const left = people.filter((p) => !p.id.includes("-d"));
    const right = people.filter((p) => p.id.endsWith("-d1"));
    const rows = linkPeople(left, right);
    const likely = rows.filter((r) => r.band === "likely");
    expect(new Set(likely.map((r) => r.leftId)).size).toBe(likely.length);
    expect(new Set(likely.map((r) => r.rightId)).size).toBe(likely.length);
    const correct = likely.filter((r) => `${r.leftId}-d1` === r.rightId).length;
    expect(correct / right.length).toBeGreaterThan(0.9);
    expect(correct / likely.length).toBeGreaterThan(0.95);
  });
});

describe("clustering does not chain unrelated people", () => {
  it("keeps A and C apart when only B resembles both", () => {
    const p = (id: string, f: Omit<RawPerson, "id">) => normalisePerson({ id, ...f });
    const group = [
      p("a", { given_name: "Juan", surname: "Pérez", date_of_birth: "1980-01-01", city: "Lima" }),
      p("b", { given_name: "Juan", surname: "Pérez", date_of_birth: "1980-01-01", city: "Cali" }),
      p("c", { given_name: "Juan", surname: "Pérez", date_of_birth: "1980-01-01", city: "Cali" }),
      p("d", { given_name: "Juana", surname: "Pérez", date_of_birth: "1981-06-01", city: "Cali" }),
    ];
    const fillers = people.slice(0, 1000);
    const result = clusterPeople([...group, ...fillers], { minMeanProbability: 0.5 });
    const ids = result.clusterIds.slice(0, 4);
    expect(ids[1]).toBe(ids[2]);
    expect(ids[3]).not.toBe(ids[1]);
  });
});

describe("scorePair", () => {
  it("explains a score field by field and bands it", () => {
    const model = defaultMatchModel();
    const a = normalisePerson({
      id: "1",
      given_name: "María José",
      surname: "López",
      date_of_birth: "1990-05-04",
    });
    const b = normalisePerson({
      id: "2",
      given_name: "Ma. José",
      surname: "Lopez",
      date_of_birth: "1990-04-05",
    });
    const score = scorePair(model, a, b);
    expect(score.band).toBe("likely");
    expect(score.reasons.find((r) => r.field === "surname")).toMatchObject({ agreement: "exact" });
    expect(score.reasons.find((r) => r.field === "date_of_birth")).toMatchObject({ agreement: "close" });
    expect(score.reasons.find((r) => r.field === "phone")).toMatchObject({ agreement: "missing", weight: 0 });
    const c = normalisePerson({ id: "3", given_name: "Pedro", surname: "Ruiz", date_of_birth: "1950-11-20" });
    expect(scorePair(model, a, c).band).toBe("unlikely");
  });
});

describe("learning on old, sparse records (unsupervised)", () => {
  const fields = ["id", "given_name", "surname", "date_of_birth", "birth_place", "sex"] as const;
  const heavy = generatePeople(3000, seededRandom(8), builtInNamePools(), {
    duplicateShare: 0.6,
    heavy: true,
  });
  const sparse = heavy.map((g) =>
    normalisePerson(Object.fromEntries(fields.map((f) => [f, g[f]])) as unknown as RawPerson),
  );
  const model = planScoring(sparse, null, {}).model;
  const weightOf = (field: string, level: number) =>
    model.weights[COMPARISONS.findIndex((c) => c.name === field)]![level]!;

  it("takes a differing date or birthplace as evidence against, though many different people share names", () => {
    expect(weightOf("date_of_birth", 0)).toBeLessThan(-2);
    expect(weightOf("birth_place", 0)).toBeLessThan(-2);
    expect(weightOf("date_of_birth", DATE_LEVEL.exact)).toBeGreaterThan(
      weightOf("date_of_birth", DATE_LEVEL.near),
    );
  });

  it("weighs a birthplace agreeing between people who share a given name less than between strangers", () => {
    const levels = new Array<number>(COMPARISONS.length).fill(-1);
    const place = COMPARISONS.findIndex((c) => c.name === "birth_place");
    levels[place] = COMPARISONS[place]!.levels - 1;
    levels[0] = 4;
    const withPlace = vectorWeight(model, levels);
    levels[place] = -1;
    const withoutPlace = vectorWeight(model, levels);
    expect(withPlace - withoutPlace).toBeLessThan(weightOf("birth_place", COMPARISONS[place]!.levels - 1));
  });

  it("merges few different people", () => {
    const truthOf = new Map(heavy.map((g) => [g.id, g.cluster_id]));
    const ids = clusterPeople(sparse).clusterIds;
    const pairs = (keys: string[]) =>
      [...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>()).values()].reduce(
        (s, n) => s + (n * (n - 1)) / 2,
        0,
      );
    const both = pairs(sparse.map((p, i) => `${ids[i]}|${truthOf.get(p.id)}`));
    expect(both / pairs(ids)).toBeGreaterThan(0.975);
  });
});
