import { seededRandom } from "../../shared/seeded-random.ts";
import { generateInstance } from "./instance-generator.ts";
import type { PlacementInput, PlacementPlace } from "./placement-types.ts";

// A demo batch built on the nations' pledges: generated families and employment-like scores (the instance
// generator), placed into named localities of the pledging nations with capacity in persons.

/** Localities and the languages their services support, per nation; other nations get numbered localities. */
const LOCALITIES: Record<string, { cities: string[]; languages: string[] }> = {
  USA: { cities: ["Houston", "Chicago", "Sacramento"], languages: ["en", "es"] },
  CAN: { cities: ["Toronto", "Montréal", "Calgary"], languages: ["en", "fr"] },
  COL: { cities: ["Bogotá", "Medellín", "Cali"], languages: ["es"] },
  MEX: { cities: ["Monterrey", "Guadalajara", "Querétaro"], languages: ["es"] },
  BRA: { cities: ["São Paulo", "Curitiba", "Porto Alegre"], languages: ["pt", "es"] },
  CRI: { cities: ["San José", "Heredia", "Alajuela"], languages: ["es"] },
  GTM: { cities: ["Guatemala City", "Quetzaltenango", "Escuintla"], languages: ["es"] },
  CHL: { cities: ["Santiago", "Valparaíso", "Concepción"], languages: ["es"] },
  PAN: { cities: ["Panama City", "Colón", "David"], languages: ["es", "en"] },
};
const FALLBACK_NATIONS = ["USA", "CAN", "MEX", "BRA", "COL", "CRI", "CHL"];
const SPOKEN = ["es", "es", "es", "es", "ht", "en", "pt", "fr"];

/** Shape of a demo batch: how many families, the seed, and the pledge (persons) per nation. */
export interface DemoBatchSpec {
  cases: number;
  seed: number;
  pledges: Map<string, number>;
}

/**
 * Builds a demo batch: three localities per pledging nation, capacity in persons (90% of the families'
 * persons) shared by the square root of each pledge so small pledges still get room, some medical and
 * accessibility needs, languages, a few stated preferences and relatives' localities.
 */
export function buildDemoBatch(spec: DemoBatchSpec): PlacementInput {
  const pledged = [...spec.pledges].filter(([, places]) => places > 0).sort(([a], [b]) => a.localeCompare(b));
  const nations = pledged.length > 0 ? pledged.map(([code]) => code) : FALLBACK_NATIONS;
  const base = generateInstance({
    cases: spec.cases,
    places: nations.length * 3,
    seed: spec.seed,
    kind: "family",
    nations,
  });
  const random = seededRandom(spec.seed * 7919 + 1);
  const demand = base.cases.reduce((sum, c) => sum + c.size, 0);
  const weight = (code: string) => Math.sqrt(spec.pledges.get(code) ?? 1);
  const shares = base.places.map((_, p) => weight(nations[Math.floor(p / 3)]!) * (0.6 + 0.8 * random()));
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const places: PlacementPlace[] = base.places.map((place, p) => {
    const nation = nations[Math.floor(p / 3)]!;
    const known = LOCALITIES[nation];
    return {
      ...place,
      nation,
      locality: known?.cities[p % 3] ?? `${nation} ${(p % 3) + 1}`,
      capacityPersons: Math.max(4, Math.round((0.9 * demand * shares[p]!) / shareSum)),
      capacityCases: undefined,
      services: [
        "schooling",
        ...(random() < 0.7 ? ["medical"] : []),
        ...(random() < 0.5 ? ["accessibility"] : []),
      ],
      languages: known?.languages ?? ["es"],
    };
  });
  const cases = base.cases.map((c) => {
    const language = SPOKEN[Math.floor(random() * SPOKEN.length)]!;
    const wish = random() < 0.2 ? [nations[Math.floor(random() * nations.length)]!] : [];
    const tie = random() < 0.1 ? [places[Math.floor(random() * places.length)]!.locality] : [];
    return {
      ...c,
      needs: [...(random() < 0.1 ? ["medical"] : []), ...(random() < 0.05 ? ["accessibility"] : [])],
      languages: language === "es" ? ["es"] : [language, "es"].slice(0, random() < 0.5 ? 1 : 2),
      languageRequired: random() < 0.15,
      preferences: wish,
      ties: tie,
    };
  });
  return { cases, places, scores: base.scores };
}
