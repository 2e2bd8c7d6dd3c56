import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { clusterPeople } from "../cluster.pool.ts";
import { builtInNamePools } from "./generator-names.ts";
import { linkPeople } from "./link.ts";
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
