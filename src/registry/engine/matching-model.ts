import { COMPARISONS, DATE_LEVEL, defaultMatchModel, LIKELY, POSSIBLE } from "../../identity/engine/index.ts";
import type { MatchingModelView } from "../review.contract.ts";

const AGREEMENT_FROM_TOP = ["exact", "close", "similar", "weak"] as const;

/** The date of birth's levels by name (`DATE_LEVEL` read backwards). */
const DATE_AGREEMENT = Object.fromEntries(
  Object.entries(DATE_LEVEL).map(([name, level]) => [level, name as keyof typeof DATE_LEVEL]),
) as Record<number, keyof typeof DATE_LEVEL>;

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The model the registry scores pairs with, as people reviewing matches read it: each field's agreement
 * levels (named as a pair's reasons name them), m, u and weight, the prior and the band thresholds.
 */
export function presentMatchingModel(): MatchingModelView {
  const model = defaultMatchModel();
  return {
    source: "default",
    prior: model.lambda,
    thresholds: { likely: LIKELY, possible: POSSIBLE },
    fields: COMPARISONS.map((c, f) => ({
      field: c.name,
      levels: Array.from({ length: c.levels }, (_, l) => ({
        level: l,
        agreement: l === 0 ? "different" : AGREEMENT_FROM_TOP[Math.min(c.levels - 1 - l, 3)]!,
        dateAgreement: c.name === "date_of_birth" ? (DATE_AGREEMENT[l] ?? null) : null,
        m: round(model.m[f]![l]!, 6),
        u: round(model.u[f]![l]!, 6),
        weight: round(model.weights[f]![l]!, 2),
      })),
    })),
  };
}
