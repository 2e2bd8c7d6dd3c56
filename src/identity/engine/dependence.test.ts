import { describe, expect, it } from "vitest";
import { randomBelow, seededRandom } from "../../shared/seeded-random.ts";
import { COMPARISONS } from "./compare.ts";
import { estimateDependence, STRATA, stratumOf } from "./dependence.ts";
import { type MatchModel, vectorWeight } from "./model.ts";
import { defaultMatchModel } from "./model-defaults.ts";
import { toPeopleTable } from "./people-table.ts";
import { normalisePerson, type Person } from "./person.ts";
import { levelShares, randomPairPatterns } from "./scoring.ts";
import { TableComparer } from "./table-compare.ts";

const BIRTH_PLACE = COMPARISONS.findIndex((c) => c.name === "birth_place");
const SEX = COMPARISONS.findIndex((c) => c.name === "sex");
const DATE = COMPARISONS.findIndex((c) => c.name === "date_of_birth");

/**
 * Unrelated people in communities: each community has its own given names, surnames and towns. With `tied`,
 * a person's birthplace is one of their community's towns; otherwise any town at all.
 */
function population(tied: boolean, n = 4000): Person[] {
  const random = seededRandom(tied ? 3 : 4);
  const communities = 8;
  return Array.from({ length: n }, (_, i) => {
    const c = randomBelow(random, communities);
    const town = tied ? c * 4 + randomBelow(random, 4) : randomBelow(random, communities * 4);
    const female = random() < 0.5;
    return normalisePerson({
      id: `p${i}`,
      given_name: `${female ? "ana" : "juan"}${c}x${randomBelow(random, 12)}`,
      surname: `perez${c}y${randomBelow(random, 30)}`,
      sex: female ? "F" : "M",
      date_of_birth: `${1940 + randomBelow(random, 60)}-0${1 + randomBelow(random, 9)}-1${randomBelow(random, 9)}`,
      birth_place: `town ${town}`,
    });
  });
}

function dependenceOf(people: Person[]) {
  const comparer = new TableComparer(toPeopleTable(people));
  const overall = levelShares(randomPairPatterns(comparer, null, seededRandom(1)));
  return estimateDependence(comparer, overall, null, seededRandom(2));
}

describe("stratumOf", () => {
  const levels = (given: number, surname: number) => {
    const out = new Array<number>(COMPARISONS.length).fill(-1);
    out[0] = given;
    out[1] = surname;
    return out;
  };

  it("puts a pair by its exactly agreeing name: the given name first, then the surname, else none", () => {
    expect(stratumOf(levels(4, 4))).toBe(1);
    expect(stratumOf(levels(4, 0))).toBe(1);
    expect(stratumOf(levels(3, 4))).toBe(2);
    expect(stratumOf(levels(-1, 4))).toBe(2);
    expect(stratumOf(levels(3, 3))).toBe(0);
    expect(stratumOf(levels(-1, -1))).toBe(0);
  });
});

describe("estimateDependence", () => {
  it("takes bits away from a birthplace agreeing between people who share a name when places follow names", () => {
    const tied = dependenceOf(population(true));
    const top = COMPARISONS[BIRTH_PLACE]!.levels - 1;
    expect(tied[1]![BIRTH_PLACE]![top]).toBeLessThan(-1);
    expect(tied[2]![BIRTH_PLACE]![top]).toBeLessThan(-1);
    // Sex follows the given name here too: agreeing on it says nothing more once the given name agrees.
    expect(tied[1]![SEX]![1]).toBeLessThan(-0.5);
  });

  it("leaves places alone when they do not follow names, and never corrects identifiers", () => {
    const loose = dependenceOf(population(false));
    const top = COMPARISONS[BIRTH_PLACE]!.levels - 1;
    expect(Math.abs(loose[1]![BIRTH_PLACE]![top]!)).toBeLessThan(0.5);
    for (let s = 0; s < STRATA; s++) expect(loose[s]![DATE]!.every((bits) => bits === 0)).toBe(true);
    expect(loose[0]!.flat().every((bits) => bits === 0)).toBe(true);
  });

  it("changes a pair's weight only when its names put it in a stratum", () => {
    const dependence = dependenceOf(population(true));
    const model: MatchModel = { ...defaultMatchModel(), dependence };
    const plain = defaultMatchModel();
    const levels = new Array<number>(COMPARISONS.length).fill(-1);
    levels[BIRTH_PLACE] = COMPARISONS[BIRTH_PLACE]!.levels - 1;
    levels[0] = 3;
    expect(vectorWeight(model, levels)).toBe(vectorWeight(plain, levels));
    levels[0] = 4;
    expect(vectorWeight(model, levels)).toBeLessThan(vectorWeight(plain, levels));
  });
});
