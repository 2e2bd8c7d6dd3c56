import { COMPARISONS, GIVEN, SURNAME } from "./compare.ts";

// The strata the name dependence is kept by (`dependence.ts` estimates it; the model adds it to a pair's
// weight). Apart so the model reads them without the estimation, which compares people through the model.

/** Strata of a pair by its exact name agreement: none, the given name exact, only the surname exact. */
export const STRATA = 3;
const GIVEN_TOP = COMPARISONS[GIVEN]!.levels - 1;
const SURNAME_TOP = COMPARISONS[SURNAME]!.levels - 1;

/** The stratum of a comparison vector: 1 when the given name agrees exactly, 2 when only the surname does. */
export function stratumOf(levels: ArrayLike<number>): number {
  if (levels[GIVEN] === GIVEN_TOP) return 1;
  return levels[SURNAME] === SURNAME_TOP ? 2 : 0;
}

/**
 * Bits added to each field's weight per stratum: log2 of the chance of that level among all unrelated pairs
 * over its chance among unrelated pairs that share the stratum's name. Stratum 0 adds nothing.
 */
export type Dependence = number[][][];
