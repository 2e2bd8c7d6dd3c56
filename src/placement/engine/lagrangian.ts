import type { PlacementModel } from "./placement-model.ts";

/** Prices on each place's persons and cases capacity, and the bound they prove. */
export interface Multipliers {
  persons: Float64Array;
  cases: Float64Array;
  bound: number;
}

/**
 * Lagrangian bound: price each place's persons and cases capacity, then every case independently takes its
 * best priced place (or none). For any non-negative prices this is an upper bound on the optimum; the
 * minimum over prices equals the LP relaxation's value (the inner problem has the integrality property).
 */
export function lagrangianValue(
  model: PlacementModel,
  persons: Float64Array,
  cases: Float64Array,
  load: Float64Array,
  count: Float64Array,
): number {
  const { n, m, start, place, weight, size } = model;
  load.fill(0);
  count.fill(0);
  let value = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let arg = -1;
    const s = size[i]!;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const p = place[k]!;
      const v = weight[k]! - persons[p]! * s - cases[p]!;
      if (v > best) {
        best = v;
        arg = p;
      }
    }
    if (arg < 0) continue;
    value += best;
    load[arg]! += s;
    count[arg]! += 1;
  }
  for (let p = 0; p < m; p++) {
    value += persons[p]! * model.capPersons[p]!;
    if (Number.isFinite(model.capCases[p]!)) value += cases[p]! * model.capCases[p]!;
  }
  return value;
}

/**
 * Subgradient descent on the prices with a Polyak step towards the best known solution value `target()`,
 * halving the step scale when the bound stalls. Returns the best (lowest) bound seen and its prices.
 */
export function minimiseLagrangian(
  model: PlacementModel,
  target: () => number,
  iterations: number,
  /** Called after each step; returning true stops the descent (a time budget). */
  onIteration?: (multipliers: Multipliers, iteration: number) => boolean | undefined,
): Multipliers {
  const { m } = model;
  const persons = new Float64Array(m);
  const cases = new Float64Array(m);
  const load = new Float64Array(m);
  const count = new Float64Array(m);
  const best: Multipliers = {
    persons: new Float64Array(m),
    cases: new Float64Array(m),
    bound: Number.POSITIVE_INFINITY,
  };
  let scale = 2;
  let stall = 0;
  for (let it = 0; it < iterations; it++) {
    const value = lagrangianValue(model, persons, cases, load, count);
    if (value < best.bound - 1e-9) {
      best.bound = value;
      best.persons.set(persons);
      best.cases.set(cases);
      stall = 0;
    } else if (++stall >= 20) {
      scale /= 2;
      stall = 0;
    }
    if (onIteration?.(best, it)) break;
    let norm = 0;
    for (let p = 0; p < m; p++) {
      norm += (model.capPersons[p]! - load[p]!) ** 2;
      if (Number.isFinite(model.capCases[p]!)) norm += (model.capCases[p]! - count[p]!) ** 2;
    }
    if (norm === 0 || scale < 1e-6) break;
    const step = (scale * Math.max(value - target(), 1e-6 * Math.abs(value))) / norm;
    for (let p = 0; p < m; p++) {
      persons[p] = Math.max(0, persons[p]! - step * (model.capPersons[p]! - load[p]!));
      if (Number.isFinite(model.capCases[p]!))
        cases[p] = Math.max(0, cases[p]! - step * (model.capCases[p]! - count[p]!));
    }
  }
  return best;
}
