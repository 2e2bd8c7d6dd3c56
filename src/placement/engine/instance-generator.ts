import { seededRandom } from "../../shared/seeded-random.ts";
import type { PlacementCase, PlacementInput, PlacementPlace } from "./placement-types.ts";

/** Shape of a generated instance. */
export interface InstanceSpec {
  cases: number;
  places: number;
  seed: number;
  /** `unit`: every family has size 1 and capacity is in cases; `family`: sizes 1–8, capacity in persons. */
  kind: "unit" | "family";
  /** Share of (case, place) pairs that get a score; 1 = dense. */
  density?: number;
  /** Total capacity as a share of total demand (cases or persons). */
  capacityRatio?: number;
  nations?: string[];
}

// Family sizes 1–8 with small families most common, as in resettlement caseloads.
const sizeWeights = [0.28, 0.2, 0.16, 0.13, 0.1, 0.07, 0.04, 0.02];

function drawSize(random: () => number): number {
  let u = random();
  for (let s = 0; s < sizeWeights.length; s++) {
    u -= sizeWeights[s]!;
    if (u <= 0) return s + 1;
  }
  return sizeWeights.length;
}

/**
 * Generates cases, places and employment-like scores: a logistic of case and place effects plus a
 * case×place interaction, so the best place differs from case to case.
 */
export function generateInstance(spec: InstanceSpec): PlacementInput {
  const random = seededRandom(spec.seed);
  const nations = spec.nations ?? ["USA", "CAN", "MEX", "BRA", "CHL", "COL", "CRI", "PAN"];
  const cases: PlacementCase[] = Array.from({ length: spec.cases }, (_, i) => ({
    id: `C${String(i + 1).padStart(6, "0")}`,
    size: spec.kind === "unit" ? 1 : drawSize(random),
    needs: [],
    languages: [],
    languageRequired: false,
    preferences: [],
    ties: [],
  }));
  const demand = cases.reduce((sum, c) => sum + c.size, 0);
  const supply = Math.round(demand * (spec.capacityRatio ?? 0.9));
  const shares = Array.from({ length: spec.places }, () => 0.5 + random());
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const places: PlacementPlace[] = shares.map((share, p) => {
    const capacity = Math.max(1, Math.round((supply * share) / shareSum));
    return {
      id: `P${String(p + 1).padStart(4, "0")}`,
      nation: nations[p % nations.length]!,
      locality: `L${p + 1}`,
      capacityPersons: capacity,
      capacityCases: spec.kind === "unit" ? capacity : undefined,
      services: [],
      languages: [],
    };
  });
  return { cases, places, scores: generateScores(spec, random) };
}

function generateScores(spec: InstanceSpec, random: () => number): PlacementInput["scores"] {
  const density = spec.density ?? 1;
  const caseEffect = Array.from({ length: spec.cases }, () => random() * 2 - 1);
  const placeEffect = Array.from({ length: spec.places }, () => random() - 0.5);
  const traits = Array.from({ length: spec.cases }, () => [random() - 0.5, random() - 0.5]);
  const needs = Array.from({ length: spec.places }, () => [random() - 0.5, random() - 0.5]);
  const caseIndex: number[] = [];
  const placeIndex: number[] = [];
  const score: number[] = [];
  for (let i = 0; i < spec.cases; i++) {
    const [a, b] = traits[i]!;
    for (let p = 0; p < spec.places; p++) {
      if (density < 1 && random() >= density) continue;
      const [x, y] = needs[p]!;
      const z = caseEffect[i]! + placeEffect[p]! + 4 * (a! * x! + b! * y!) + 0.3 * (random() - 0.5);
      caseIndex.push(i);
      placeIndex.push(p);
      score.push(Math.round(1e6 / (1 + Math.exp(-z))) / 1e6);
    }
  }
  return {
    caseIndex: Int32Array.from(caseIndex),
    placeIndex: Int32Array.from(placeIndex),
    score: Float64Array.from(score),
  };
}
