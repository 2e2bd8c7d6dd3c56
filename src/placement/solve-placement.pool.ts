import { solveUnitFlow } from "./engine/flow-solver.ts";
import { buildLinearModel, placementFromPrimal } from "./engine/highs-model.ts";
import { fillRemaining, solveKnapsack } from "./engine/knapsack-heuristic.ts";
import { denseWeights, Packing } from "./engine/packing.ts";
import { buildModel, type PlacementModel, unitCapacities } from "./engine/placement-model.ts";
import type { PlacementInput, PlacementOptions, PlacementResult } from "./engine/placement-types.ts";
import { auctionFits, solveTransportation } from "./engine/transportation.ts";
import { countHonoured, wishBonus, wishPairs, withWishBonus } from "./engine/wishes.ts";
import { runHighs } from "./highs.pool.ts";

/** Raised when hard side constraints (nation floors) admit no solution. */
export class PlacementInfeasibleError extends Error {}

/**
 * Chooses the solver by structure: capacity reducible to cases → exact min-cost flow (gap 0); persons
 * capacity over mixed family sizes → Lagrangian heuristic with a bound; nation floors → HiGHS MILP in a
 * worker with a time limit. `now` is the clock (milliseconds), passed in for testability.
 */
export async function solvePlacement(
  input: PlacementInput,
  options: PlacementOptions,
  now: () => number,
): Promise<{ model: PlacementModel; result: PlacementResult }> {
  const model = buildModel(input, options);
  const marks = wishPairs(input, model, options);
  if (!marks) return { model, result: await solveModel(model, options, now) };
  // Wishes first: the solver sees each wish pair raised by a bonus no score difference can match; the
  // figures are then given back in the model's own weights (the bonus taken out of objective and bound).
  const bonus = wishBonus(model);
  const raised = await solveModel(withWishBonus(model, marks, bonus), options, now);
  const honoured = countHonoured(model, marks, raised.placeOf);
  const { value } = assignmentValue(model, raised.placeOf);
  return {
    model,
    result: {
      ...result(model, raised.placeOf, raised.bound - bonus * honoured, raised.method),
      objective: value,
      wishesHonoured: honoured,
    },
  };
}

async function solveModel(
  model: PlacementModel,
  options: PlacementOptions,
  now: () => number,
): Promise<PlacementResult> {
  const floors = options.nationFloors ?? new Map<string, number>();
  const hasFloors = [...floors.values()].some((v) => v > 0);
  const caps = hasFloors ? undefined : unitCapacities(model);
  if (hasFloors) return solveWithHighs(model, options, floors);
  if (caps) return solveWithFlow(model, caps, options);
  return solveWithHeuristic(model, options, now);
}

/** Total weight of an assignment and its counts. */
export function assignmentValue(
  model: PlacementModel,
  placeOf: Int32Array,
): { value: number; assigned: number } {
  let value = 0;
  let assigned = 0;
  for (let i = 0; i < model.n; i++) {
    const p = placeOf[i]!;
    if (p < 0) continue;
    assigned++;
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
      if (model.place[k] === p) value += model.weight[k]!;
  }
  return { value, assigned };
}

function result(
  model: PlacementModel,
  placeOf: Int32Array,
  bound: number,
  method: PlacementResult["method"],
): PlacementResult {
  const { value, assigned } = assignmentValue(model, placeOf);
  const safeBound = Math.max(bound, value);
  const gap =
    safeBound - value <= 1e-9 * Math.max(1, Math.abs(value)) ? 0 : (safeBound - value) / Math.abs(safeBound);
  return {
    placeOf,
    objective: value,
    // Equal within rounding: report the proven optimum itself.
    bound: gap === 0 ? value : safeBound,
    gap,
    assigned,
    unassigned: model.n - assigned,
    method,
    optimal: gap === 0,
    wishesHonoured: 0,
  };
}

/** Places families that still fit directly (only matters when some weights are negative). */
function completed(model: PlacementModel, placeOf: Int32Array): Int32Array {
  const packing = new Packing(model, denseWeights(model));
  for (let i = 0; i < model.n; i++) if (placeOf[i]! >= 0) packing.place(i, placeOf[i]!);
  fillRemaining(packing);
  return packing.placeOf;
}

/**
 * Max score: auction with ε-scaling made exact by the dual certificate (bound from the place prices).
 * Most cases first, or capacity far above the caseload: successive shortest paths (bound = its optimum).
 */
function solveWithFlow(
  model: PlacementModel,
  caps: Float64Array,
  options: PlacementOptions,
): PlacementResult {
  if (options.priority !== "cases" && auctionFits(model, caps)) {
    const solution = solveTransportation(model, caps);
    return result(model, completed(model, solution.placeOf), solution.bound, "flow");
  }
  const flow = solveUnitFlow(model, caps, options.priority === "cases");
  const placeOf = completed(model, flow.placeOf);
  return result(model, placeOf, flow.objective, "flow");
}

/** A weight per placed case larger than any total weight difference, for "most cases first". */
function countWeightFor(model: PlacementModel, options: PlacementOptions): number {
  if (options.priority !== "cases") return 0;
  let spread = 0;
  for (let k = 0; k < model.weight.length; k++) spread = Math.max(spread, Math.abs(model.weight[k]!));
  return 1 + 2 * spread * model.n;
}

function solveWithHeuristic(
  model: PlacementModel,
  options: PlacementOptions,
  now: () => number,
): PlacementResult {
  const countWeight = countWeightFor(model, options);
  const solution = solveKnapsack(model, {
    timeLimitSeconds: options.timeLimitSeconds ?? 10,
    seed: options.seed ?? 1,
    countWeight,
    now,
  });
  const { assigned } = assignmentValue(model, solution.placeOf);
  // Every most-cases solution places at least `assigned` cases, so this bounds its weight.
  const bound = solution.bound - countWeight * assigned;
  return result(model, solution.placeOf, bound, "heuristic");
}

async function solveWithHighs(
  model: PlacementModel,
  options: PlacementOptions,
  floors: Map<string, number>,
): Promise<PlacementResult> {
  const countWeight = countWeightFor(model, options);
  const outcome = await runHighs(buildLinearModel(model, floors, countWeight), {
    integer: true,
    timeLimitSeconds: options.timeLimitSeconds ?? 60,
  });
  if (!outcome.primal || outcome.status === "infeasible") {
    throw new PlacementInfeasibleError(`no assignment meets the nation floors (HiGHS: ${outcome.status})`);
  }
  const placeOf = completed(model, placementFromPrimal(model, outcome.primal));
  const { assigned } = assignmentValue(model, placeOf);
  return result(model, placeOf, outcome.bound - countWeight * assigned, "milp");
}
