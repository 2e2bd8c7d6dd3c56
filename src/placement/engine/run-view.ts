import type { BatchOutcome } from "../batch-outcome.pool.ts";
import { buildModel } from "./placement-model.ts";
import type { PlacementCase, PlacementInput, PlacementOptions, PlacementPlace } from "./placement-types.ts";

// Pure helpers between a solved batch and what is stored and shown: one row per case, totals per place and
// nation, and the places an override may choose for one family.

/** The family facts kept with each assignment (everything of the case but its id and size). */
export type FamilyRecord = Omit<PlacementCase, "id" | "size">;

/** A case's scored places: parallel arrays of place indices and supplied scores. */
export interface CaseScores {
  places: number[];
  scores: number[];
}

/** One assignment row as stored, JSON columns as text. */
export interface AssignmentValues {
  case_id: string;
  position: number;
  size: number;
  family: string;
  scores: string;
  place_id: string | null;
  score: number | null;
  recommended_place_id: string | null;
  recommended_score: number | null;
  recommended_weight: number | null;
  rank: number | null;
  allowed: number;
  next_best_place_id: string | null;
  next_best_weight: number | null;
  difference: number | null;
  better_but_full: string;
  reason: BatchOutcome["cases"][number]["reason"];
  wish_kind: BatchOutcome["cases"][number]["wish"]["kind"];
  wish_status: BatchOutcome["cases"][number]["wish"]["status"];
}

/** Groups the supplied scores by case. */
export function scoresByCase(input: PlacementInput): CaseScores[] {
  const out: CaseScores[] = input.cases.map(() => ({ places: [], scores: [] }));
  const { caseIndex, placeIndex, score } = input.scores;
  for (let k = 0; k < caseIndex.length; k++) {
    const entry = out[caseIndex[k]!]!;
    entry.places.push(placeIndex[k]!);
    entry.scores.push(score[k]!);
  }
  return out;
}

/** One row per case, in case order: the recommendation (also the current place) and its explanation. */
export function assignmentValues(input: PlacementInput, outcome: BatchOutcome): AssignmentValues[] {
  const byCase = scoresByCase(input);
  const placeId = (p: number | null) => (p === null || p < 0 ? null : input.places[p]!.id);
  return input.cases.map((c, i) => {
    const o = outcome.cases[i]!;
    const { id, size, ...family } = c;
    return {
      case_id: id,
      position: i,
      size,
      family: JSON.stringify(family),
      scores: JSON.stringify(byCase[i]),
      place_id: placeId(o.place),
      score: o.score,
      recommended_place_id: placeId(o.place),
      recommended_score: o.score,
      recommended_weight: o.weight,
      rank: o.rank,
      allowed: o.allowed,
      next_best_place_id: placeId(o.nextBest),
      next_best_weight: o.nextBestWeight,
      difference: o.difference,
      better_but_full: JSON.stringify(o.betterButFull.map((p) => input.places[p]!.id)),
      reason: o.reason,
      wish_kind: o.wish.kind,
      wish_status: o.wish.status,
    };
  });
}

/** What is placed at one place now. */
export interface Usage {
  place_id: string;
  persons: number;
  cases: number;
  score: number;
}

/** Each place with what it received. */
export function placeUsages(places: PlacementPlace[], usage: Usage[]) {
  const used = new Map(usage.map((u) => [u.place_id, u]));
  return places.map((p) => ({
    id: p.id,
    nation: p.nation,
    locality: p.locality,
    capacityPersons: p.capacityPersons,
    capacityCases: p.capacityCases ?? null,
    assignedCases: used.get(p.id)?.cases ?? 0,
    assignedPersons: used.get(p.id)?.persons ?? 0,
  }));
}

/** Per nation: places, capacity offered, cases and persons received, total score, and the year's pledge. */
export function nationTotals(places: PlacementPlace[], usage: Usage[], pledges: Map<string, number>) {
  const used = new Map(usage.map((u) => [u.place_id, u]));
  const totals = new Map<string, ReturnType<typeof emptyTotal>>();
  for (const p of places) {
    const total = totals.get(p.nation) ?? emptyTotal(p.nation, pledges.get(p.nation) ?? null);
    const u = used.get(p.id);
    total.places += 1;
    total.capacityPersons += p.capacityPersons;
    total.capacityCases =
      total.capacityCases === null || p.capacityCases === undefined
        ? null
        : total.capacityCases + p.capacityCases;
    total.assignedCases += u?.cases ?? 0;
    total.assignedPersons += u?.persons ?? 0;
    total.totalScore += u?.score ?? 0;
    totals.set(p.nation, total);
  }
  return [...totals.values()].sort((a, b) => a.nation.localeCompare(b.nation));
}

function emptyTotal(nation: string, pledged: number | null) {
  return {
    nation,
    places: 0,
    capacityPersons: 0,
    capacityCases: 0 as number | null,
    assignedCases: 0,
    assignedPersons: 0,
    totalScore: 0,
    pledged,
  };
}

/** A place a family may be moved to, with the room left there once the family itself is taken out. */
export interface Alternative {
  place: PlacementPlace;
  score: number;
  personsLeft: number;
  casesLeft: number | null;
  fits: boolean;
}

/**
 * The places a family may go to under the run's hard rules (a supplied score, needs served, a shared
 * language where required), best score first, with the room each has left given what is placed now.
 */
export function alternativesFor(
  family: PlacementCase,
  scores: CaseScores,
  places: PlacementPlace[],
  usage: Usage[],
  options: PlacementOptions,
  currentPlaceId: string | null,
): Alternative[] {
  const model = buildModel(
    {
      cases: [family],
      places,
      scores: {
        caseIndex: new Int32Array(scores.places.length),
        placeIndex: Int32Array.from(scores.places),
        score: Float64Array.from(scores.scores),
      },
    },
    options,
  );
  const used = new Map(usage.map((u) => [u.place_id, u]));
  const out: Alternative[] = [];
  for (let k = model.start[0]!; k < model.start[1]!; k++) {
    const place = places[model.place[k]!]!;
    const here = place.id === currentPlaceId;
    const persons = (used.get(place.id)?.persons ?? 0) - (here ? family.size : 0);
    const cases = (used.get(place.id)?.cases ?? 0) - (here ? 1 : 0);
    const personsLeft = place.capacityPersons - persons;
    const casesLeft = place.capacityCases === undefined ? null : place.capacityCases - cases;
    const fits = personsLeft >= family.size && (casesLeft === null || casesLeft >= 1);
    out.push({ place, score: model.score[k]!, personsLeft, casesLeft, fits });
  }
  return out.sort((a, b) => b.score - a.score || a.place.id.localeCompare(b.place.id));
}
