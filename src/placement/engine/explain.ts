import type { PlacementModel } from "./placement-model.ts";

/** Why a family went where it went, in terms staff can check. */
export interface CaseExplanation {
  caseIndex: number;
  place: number;
  weight: number | undefined;
  /** 1 = the family's best-weighted allowed place. */
  rank: number | undefined;
  allowed: number;
  nextBest: number | undefined;
  nextBestWeight: number | undefined;
  /** Weight here minus weight at the next-best place (positive: this place is better for the family). */
  difference: number | undefined;
  /** Better-weighted places that were used up to capacity by other families. */
  betterButFull: number[];
  reason: "best-place" | "better-places-full" | "no-allowed-place" | "no-room";
}

/**
 * Explains each case's placement: its rank among its allowed places, the next-best place and the weight
 * difference, and which better places were full (the reason it was not sent there).
 */
export function explainAssignment(model: PlacementModel, placeOf: Int32Array): CaseExplanation[] {
  const full = fullPlaces(model, placeOf);
  const out: CaseExplanation[] = [];
  for (let i = 0; i < model.n; i++) {
    const options: { place: number; weight: number }[] = [];
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      options.push({ place: model.place[k]!, weight: model.weight[k]! });
    }
    options.sort((a, b) => b.weight - a.weight || a.place - b.place);
    const p = placeOf[i]!;
    const at = options.findIndex((o) => o.place === p);
    const here = at >= 0 ? options[at] : undefined;
    const next = options.find((o) => o.place !== p);
    const better = at > 0 ? options.slice(0, at).map((o) => o.place) : [];
    out.push({
      caseIndex: i,
      place: p,
      weight: here?.weight,
      rank: here ? at + 1 : undefined,
      allowed: options.length,
      nextBest: next?.place,
      nextBestWeight: next?.weight,
      difference: here && next ? here.weight - next.weight : undefined,
      betterButFull: better.filter((q) => full[q] === 1),
      reason: reasonFor(options.length, here !== undefined, at),
    });
  }
  return out;
}

function reasonFor(allowed: number, placed: boolean, at: number): CaseExplanation["reason"] {
  if (allowed === 0) return "no-allowed-place";
  if (!placed) return "no-room";
  return at === 0 ? "best-place" : "better-places-full";
}

/** 1 for places whose persons or cases capacity is used up (no size-1 family would fit). */
function fullPlaces(model: PlacementModel, placeOf: Int32Array): Uint8Array {
  const persons = new Float64Array(model.m);
  const cases = new Float64Array(model.m);
  for (let i = 0; i < model.n; i++) {
    const p = placeOf[i]!;
    if (p < 0) continue;
    persons[p]! += model.size[i]!;
    cases[p]! += 1;
  }
  return Uint8Array.from({ length: model.m }, (_, p) =>
    persons[p]! + 1 > model.capPersons[p]! || cases[p]! + 1 > model.capCases[p]! ? 1 : 0,
  );
}

/** A one-line human reading of an explanation, given place names. */
export function describeExplanation(e: CaseExplanation, placeName: (p: number) => string): string {
  const fmt = (x: number) => x.toFixed(4);
  if (e.reason === "no-allowed-place")
    return "no place is allowed for this family (scores and hard constraints)";
  if (e.reason === "no-room") return `none of its ${e.allowed} allowed places had room left for the family`;
  const next =
    e.nextBest === undefined
      ? "it has no other allowed place"
      : `next best ${placeName(e.nextBest)} at ${fmt(e.nextBestWeight!)} (difference ${fmt(e.difference!)})`;
  if (e.reason === "best-place") return `highest score of its ${e.allowed} allowed places; ${next}`;
  const full = e.betterButFull.slice(0, 3).map(placeName).join(", ");
  const why = full ? `better places full (${full})` : "better places went to families gaining more there";
  return `rank ${e.rank} of ${e.allowed}: ${why}; ${next}`;
}
