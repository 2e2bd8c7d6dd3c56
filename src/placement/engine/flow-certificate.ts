import type { AuctionInput } from "./auction-solver.ts";

/**
 * Makes a near-optimal assignment exactly optimal and proves it with duals.
 *
 * The residual graph of the flow is contracted onto the places plus a node T for "left out": the arc x→y
 * is the cheapest single case that can move from x to y (its weight lost minus weight gained), and two
 * capacity arcs of cost 0 say a place has room (p→T) or holds cases (T→p). Bellman–Ford from the auction's
 * prices either settles (no negative cycle: the assignment is optimal, the distances are exact duals) or
 * finds a negative cycle, which is applied as a chain of moves, and it starts again. The bound is then
 * recomputed from the place prices alone, Σ max(0, maxₚ wᵢₚ − πₚ) + Σ capₚ·πₚ, which is an upper bound
 * for any prices ≥ 0 (weak duality), so the proof does not rest on the search being right.
 */
export interface Certificate {
  placeOf: Int32Array;
  objective: number;
  bound: number;
  prices: Float64Array;
  cycles: number;
}

const CAP = -2;

/** Exact optimum and dual bound from an assignment and starting prices (π of "left out" is 0). */
export function certifyFlow(input: AuctionInput, placeOf: Int32Array, prices: Float64Array): Certificate {
  const graph = new Contracted(input, Int32Array.from(placeOf));
  const nodes = input.m + 1;
  const dist = new Float64Array(nodes);
  for (let p = 0; p < input.m; p++) dist[p] = -prices[p]!;
  let cycles = 0;
  for (;;) {
    const cycle = graph.settle(dist);
    if (!cycle) break;
    graph.apply(cycle);
    cycles++;
  }
  const final = new Float64Array(input.m);
  for (let p = 0; p < input.m; p++) final[p] = Math.max(0, dist[input.m]! - dist[p]!);
  return {
    placeOf: graph.placeOf,
    objective: objectiveOf(input, graph.placeOf),
    bound: dualBound(input, final),
    prices: final,
    cycles,
  };
}

/** Total weight of an assignment. */
export function objectiveOf(input: AuctionInput, placeOf: Int32Array): number {
  let total = 0;
  for (let i = 0; i < input.n; i++) if (placeOf[i]! >= 0) total += input.weight[i * input.m + placeOf[i]!]!;
  return total;
}

/** Weak-duality bound of place prices π ≥ 0. */
export function dualBound(input: AuctionInput, prices: Float64Array): number {
  const { n, m, weight, caps } = input;
  let bound = 0;
  for (let p = 0; p < m; p++) bound += caps[p]! * prices[p]!;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let p = 0, row = i * m; p < m; p++) {
      const v = weight[row + p]! - prices[p]!;
      if (v > best) best = v;
    }
    bound += best;
  }
  return bound;
}

/** One arc of a cycle: from, to, and the moving case (or CAP for a capacity arc). */
type Arc = [number, number, number];

class Contracted {
  private readonly n: number;
  private readonly m: number;
  private readonly weight: Float64Array;
  private readonly caps: Int32Array;
  private readonly load: Int32Array;
  private readonly members: number[][];
  private readonly cost: Float64Array;
  private readonly arg: Int32Array;
  private readonly tol: number;

  constructor(
    input: AuctionInput,
    readonly placeOf: Int32Array,
  ) {
    this.n = input.n;
    this.m = input.m;
    this.weight = input.weight;
    this.caps = input.caps;
    const nodes = this.m + 1;
    this.load = new Int32Array(nodes);
    this.members = Array.from({ length: nodes }, () => []);
    for (let i = 0; i < this.n; i++) {
      const a = placeOf[i]! < 0 ? this.m : placeOf[i]!;
      this.members[a]!.push(i);
      this.load[a]!++;
    }
    this.cost = new Float64Array(nodes * nodes);
    this.arg = new Int32Array(nodes * nodes);
    let scale = 1;
    for (let k = 0; k < this.weight.length; k++) {
      const w = Math.abs(this.weight[k]!);
      if (Number.isFinite(w) && w > scale) scale = w;
    }
    this.tol = 1e-12 * scale;
    for (let x = 0; x < nodes; x++) this.rebuildRow(x);
  }

  private w(i: number, x: number): number {
    return x === this.m ? 0 : this.weight[i * this.m + x]!;
  }

  /** Cheapest case move out of node x to every other node. */
  private rebuildRow(x: number): void {
    const nodes = this.m + 1;
    const { cost, arg } = this;
    const row = x * nodes;
    cost.fill(Number.POSITIVE_INFINITY, row, row + nodes);
    arg.fill(-1, row, row + nodes);
    for (const i of this.members[x]!) {
      const here = this.w(i, x);
      for (let y = 0; y < nodes; y++) {
        if (y === x) continue;
        const key = here - this.w(i, y);
        if (key < cost[row + y]!) {
          cost[row + y] = key;
          arg[row + y] = i;
        }
      }
    }
  }

  /** Effective arc costs and kinds: the cheaper of the case arc and the capacity arc (cost 0). */
  private effective(): { eff: Float64Array; kind: Int32Array } {
    const nodes = this.m + 1;
    const t = this.m;
    const eff = Float64Array.from(this.cost);
    const kind = Int32Array.from(this.arg);
    for (let p = 0; p < t; p++) {
      if (this.load[p]! < this.caps[p]! && eff[p * nodes + t]! >= 0) {
        eff[p * nodes + t] = 0;
        kind[p * nodes + t] = CAP;
      }
      if (this.load[p]! > 0 && eff[t * nodes + p]! >= 0) {
        eff[t * nodes + p] = 0;
        kind[t * nodes + p] = CAP;
      }
    }
    return { eff, kind };
  }

  /** Bellman–Ford from `dist`; returns a negative cycle or undefined when `dist` are feasible duals. */
  settle(dist: Float64Array): Arc[] | undefined {
    const nodes = this.m + 1;
    const { eff, kind } = this.effective();
    const prev = new Int32Array(nodes).fill(-1);
    const via = new Int32Array(nodes);
    const tol = this.tol;
    for (let pass = 0; ; pass++) {
      let changed = false;
      for (let x = 0; x < nodes; x++) {
        const dx = dist[x]!;
        for (let y = 0, at = x * nodes; y < nodes; y++, at++) {
          const nd = dx + eff[at]!;
          if (nd < dist[y]! - tol) {
            dist[y] = nd;
            prev[y] = x;
            via[y] = kind[at]!;
            changed = true;
          }
        }
      }
      if (!changed) return undefined;
      const cycle = parentCycle(prev, via);
      if (cycle) return cycle;
      if (pass > nodes + 1) return undefined;
    }
  }

  /** Applies a negative cycle: each case arc moves its case one step along. */
  apply(cycle: Arc[]): void {
    const touched = new Set<number>();
    for (const [x, y, i] of cycle) {
      if (i === CAP) continue;
      this.move(i, x, y);
      touched.add(x);
      touched.add(y);
    }
    for (const x of touched) this.rebuildRow(x);
  }

  private move(i: number, x: number, y: number): void {
    const list = this.members[x]!;
    list.splice(list.indexOf(i), 1);
    this.members[y]!.push(i);
    this.load[x]!--;
    this.load[y]!++;
    this.placeOf[i] = y === this.m ? -1 : y;
  }
}

/** A cycle in the predecessor graph (which Bellman–Ford only forms around a negative cycle). */
function parentCycle(prev: Int32Array, via: Int32Array): Arc[] | undefined {
  const nodes = prev.length;
  const mark = new Int32Array(nodes).fill(-1);
  for (let s = 0; s < nodes; s++) {
    let x = s;
    while (x >= 0 && mark[x] === -1) {
      mark[x] = s;
      x = prev[x]!;
    }
    if (x < 0 || mark[x] !== s) continue;
    const cycle: Arc[] = [];
    let y = x;
    do {
      cycle.push([prev[y]!, y, via[y]!]);
      y = prev[y]!;
    } while (y !== x);
    return cycle.reverse();
  }
  return undefined;
}
