import { explainAssignment } from "./engine/explain.ts";
import type { PlacementInput, PlacementOptions, PlacementResult } from "./engine/placement-types.ts";
import { type WishKind, type WishStatus, wishOutcomes } from "./engine/wishes.ts";
import { solvePlacement } from "./solve-placement.pool.ts";

/** One case's recommendation and why, by place index (-1 = not placed). */
export interface CaseOutcome {
  place: number;
  score: number | null;
  weight: number | null;
  rank: number | null;
  allowed: number;
  nextBest: number | null;
  nextBestWeight: number | null;
  difference: number | null;
  betterButFull: number[];
  reason: "best-place" | "better-places-full" | "no-allowed-place" | "no-room";
  /** The family's wish (ties, or else stated preferences) and whether it was honoured. */
  wish: { kind: WishKind; status: WishStatus };
}

/** What a batch produces: the solver's figures and one outcome per case, in case order. */
export interface BatchOutcome {
  result: Omit<PlacementResult, "placeOf">;
  seconds: number;
  cases: CaseOutcome[];
}

/** Options as plain data (a Map does not survive every hop), with nation floors as a record. */
export type BatchOptions = Omit<PlacementOptions, "nationFloors"> & { floors?: Record<string, number> };

/**
 * Solves a batch and explains each case: the place, the supplied score there, its rank among the family's
 * allowed places, the next-best place and the weight difference. `now` is the clock in milliseconds.
 */
export async function solveBatch(
  input: PlacementInput,
  options: BatchOptions,
  now: () => number,
): Promise<BatchOutcome> {
  const started = now();
  const { floors, ...rest } = options;
  const nationFloors = new Map(Object.entries(floors ?? {}));
  const { model, result } = await solvePlacement(input, { ...rest, nationFloors }, now);
  const { placeOf, ...figures } = result;
  const wishes = wishOutcomes(input, model, placeOf);
  const cases = explainAssignment(model, placeOf).map((e): CaseOutcome => {
    let score: number | null = null;
    for (let k = model.start[e.caseIndex]!; k < model.start[e.caseIndex + 1]!; k++)
      if (model.place[k] === e.place) score = model.score[k]!;
    return {
      place: e.place,
      score,
      weight: e.weight ?? null,
      rank: e.rank ?? null,
      allowed: e.allowed,
      nextBest: e.nextBest ?? null,
      nextBestWeight: e.nextBestWeight ?? null,
      difference: e.difference ?? null,
      betterButFull: e.betterButFull,
      reason: e.reason,
      wish: { kind: wishes[e.caseIndex]!.kind, status: wishes[e.caseIndex]!.status },
    };
  });
  return { result: figures, seconds: (now() - started) / 1000, cases };
}
