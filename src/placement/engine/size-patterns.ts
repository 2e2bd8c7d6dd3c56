import { solveByAuction } from "./auction-solver.ts";
import { certifyFlow } from "./flow-certificate.ts";
import type { Multipliers } from "./lagrangian.ts";
import { Packing } from "./packing.ts";
import type { PlacementModel } from "./placement-model.ts";

/**
 * Rounding and repair from the Lagrangian (LP) prices. Under the prices every family picks its best priced
 * place, which gives each place a fractional "pattern": how many families of each size it takes. Rounding
 * the patterns to whole slots within the persons capacity turns the rest into one transportation problem
 * per family size (families of size s → slots for size s), each solved exactly by the auction. What the
 * rounding gives up is small when places hold many families; local search and the fill pass follow.
 */
export function patternSolution(model: PlacementModel, weight: Float64Array, prices: Multipliers): Packing {
  const slots = roundedPatterns(model, weight, prices);
  const packing = new Packing(model, weight);
  const objects = [...slots.entries()].filter(([, c]) => c > 0);
  const places = solveSlots(model, weight, objects);
  for (let i = 0; i < model.n; i++) {
    const p = places[i]!;
    if (p >= 0 && packing.fits(i, p)) packing.place(i, p);
  }
  return packing;
}

const patternKey = (p: number, s: number) => p * 64 + s;

/** Best priced choices counted per place and size, trimmed to the capacity, leftover room given to slots. */
function roundedPatterns(
  model: PlacementModel,
  weight: Float64Array,
  prices: Multipliers,
): Map<number, number> {
  const { n, m, size } = model;
  const count = new Map<number, number>();
  const load = new Float64Array(m);
  const cases = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let arg = -1;
    for (let p = 0; p < m; p++) {
      const v = weight[i * m + p]! - prices.persons[p]! * size[i]! - prices.cases[p]!;
      if (v > best) {
        best = v;
        arg = p;
      }
    }
    if (arg < 0) continue;
    const key = patternKey(arg, size[i]!);
    count.set(key, (count.get(key) ?? 0) + 1);
    load[arg]! += size[i]!;
    cases[arg]! += 1;
  }
  for (let p = 0; p < m; p++) trimAndFill(model, p, count, load[p]!, cases[p]!);
  return count;
}

/** Drops slots until place p fits, then offers its leftover persons to the largest sizes that fit. */
function trimAndFill(
  model: PlacementModel,
  p: number,
  count: Map<number, number>,
  load: number,
  cases: number,
): void {
  const capP = model.capPersons[p]!;
  const capC = model.capCases[p]!;
  const maxSize = 8;
  while (load > capP || cases > capC) {
    const excess = load - capP;
    let pick = -1;
    for (let s = 1; s <= 64 && pick < 0; s++)
      if ((count.get(patternKey(p, s)) ?? 0) > 0 && s >= excess) pick = s;
    for (let s = 63; s >= 1 && pick < 0; s--) if ((count.get(patternKey(p, s)) ?? 0) > 0) pick = s;
    if (pick < 0) return;
    count.set(patternKey(p, pick), count.get(patternKey(p, pick))! - 1);
    load -= pick;
    cases -= 1;
  }
  let room = capP - load;
  while (room >= 1 && cases < capC) {
    const s = Math.min(maxSize, Math.floor(room));
    count.set(patternKey(p, s), (count.get(patternKey(p, s)) ?? 0) + 1);
    room -= s;
    cases += 1;
  }
}

/**
 * Exact best assignment of families to typed slots: a slot for size s at place p takes any family of size
 * at most s, so a rounded pattern never strands room a smaller family could use.
 */
function solveSlots(model: PlacementModel, weight: Float64Array, objects: [number, number][]): Int32Array {
  const { n, m, size } = model;
  const k = objects.length;
  const sub = new Float64Array(n * k).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    objects.forEach(([key], o) => {
      const p = Math.floor(key / 64);
      const w = weight[i * m + p]!;
      if (size[i]! <= key % 64 && !Number.isNaN(w)) sub[i * k + o] = w;
    });
  }
  const input = { n, m: k, weight: sub, caps: Int32Array.from(objects, ([, c]) => c) };
  const auction = solveByAuction(input);
  const chosen = certifyFlow(input, auction.placeOf, auction.prices).placeOf;
  return chosen.map((o) => (o < 0 ? -1 : Math.floor(objects[o]![0] / 64)));
}
