import { seededRandom } from "../../shared/seeded-random.ts";
import { minimiseLagrangian } from "./lagrangian.ts";
import { candidatePlaces, improvePacking } from "./local-search.ts";
import { denseWeights, Packing } from "./packing.ts";
import type { PlacementModel } from "./placement-model.ts";
import { patternSolution } from "./size-patterns.ts";

/** Settings of the heuristic; the clock comes in as an argument. */
export interface HeuristicSettings {
  timeLimitSeconds: number;
  seed: number;
  /** Extra weight per placed case (lexicographic "most cases first" when large enough). */
  countWeight: number;
  now: () => number;
}

/** Heuristic outcome: the packing's weights include `countWeight`; `bound` bounds the same quantity. */
export interface HeuristicSolution {
  placeOf: Int32Array;
  value: number;
  bound: number;
}

/**
 * Places families under persons capacity (a multiple-knapsack problem): Lagrangian prices give the bound
 * (the LP bound); rounding the LP's size patterns and solving the typed slots exactly gives candidates
 * (size-patterns.ts); local search improves the best one; a final pass places any family that still fits,
 * so a family is left out only when nothing fits.
 */
export function solveKnapsack(model: PlacementModel, settings: HeuristicSettings): HeuristicSolution {
  const started = settings.now();
  const deadline = started + settings.timeLimitSeconds * 1000;
  const outOfTime = () => settings.now() > deadline;
  const weight = denseWeights(model, settings.countWeight);
  const random = seededRandom(settings.seed);
  const order = shuffled(model.n, random);
  // A quick greedy gives the subgradient steps their target; the real candidates come from rounding.
  let best = construct(model, weight, new Float64Array(model.m), new Float64Array(model.m));
  const iterations = model.n * model.m > 5e6 ? 300 : 1000;
  const multipliers = minimiseLagrangian(
    model,
    () => best.value,
    iterations,
    (current, it) => {
      // Rounding the LP patterns of several price vectors: each is cheap and they differ where ties fall.
      if (it % 150 === 149 && it >= iterations / 3) {
        const trial = patternSolution(model, weight, current);
        fillRemaining(trial);
        if (trial.value > best.value) best = trial;
      }
      // The descent gets at most 40% of the budget; the rest goes to rounding and local search.
      return it >= 300 && settings.now() > started + 0.4 * (deadline - started);
    },
  );
  const rounded = patternSolution(model, weight, multipliers);
  fillRemaining(rounded);
  if (rounded.value > best.value) best = rounded;
  const candidates = candidatePlaces(best, 12);
  improvePacking(best, candidates, order, outOfTime);
  fillRemaining(best);
  const bound = settings.countWeight > 0 ? multipliers.bound : Math.max(multipliers.bound, best.value);
  return { placeOf: best.placeOf, value: best.value, bound };
}

function shuffled(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** Greedy by priced value: best priced families first, each to its best priced place with room. */
function construct(
  model: PlacementModel,
  weight: Float64Array,
  persons: Float64Array,
  cases: Float64Array,
): Packing {
  const packing = new Packing(model, weight);
  const { n, m, size } = model;
  const priced = (i: number, p: number) => packing.w(i, p) - persons[p]! * size[i]! - cases[p]!;
  const bestPriced = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < m; p++) {
      const v = priced(i, p);
      if (v > bestPriced[i]!) bestPriced[i] = v;
    }
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => bestPriced[b]! - bestPriced[a]!);
  for (const i of order) {
    let arg = -1;
    let best = 0;
    for (let p = 0; p < m; p++) {
      const v = priced(i, p);
      if (v > best && packing.fits(i, p)) {
        best = v;
        arg = p;
      }
    }
    if (arg >= 0) packing.place(i, arg);
  }
  fillRemaining(packing);
  return packing;
}

/**
 * Places every unassigned family that still fits somewhere, at its best such place, even at a negative
 * weight: the contract is that a family stays out only when nothing fits.
 */
export function fillRemaining(packing: Packing): void {
  const { n, m } = packing.model;
  for (let i = 0; i < n; i++) {
    if (packing.placeOf[i]! >= 0) continue;
    let arg = -1;
    let best = Number.NEGATIVE_INFINITY;
    for (let p = 0; p < m; p++) {
      const w = packing.w(i, p);
      if (w > best && packing.fits(i, p)) {
        best = w;
        arg = p;
      }
    }
    if (arg >= 0) packing.place(i, arg);
  }
}
