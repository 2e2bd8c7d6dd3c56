import type { PlacementModel } from "./placement-model.ts";
import { StaticHeap } from "./static-heap.ts";

/** Result of the exact min-cost-flow solve. */
export interface FlowSolution {
  placeOf: Int32Array;
  objective: number;
  augmentations: number;
}

/**
 * Exact assignment of unit cases to places with capacities in cases, by successive shortest paths with
 * potentials. The residual graph is contracted onto the places: an arc p→q stands for "move the cheapest
 * case from p to q", so each Dijkstra runs on m+2 nodes instead of n+m. With `maxCount` it returns a
 * min-cost maximum flow (most cases placed, then best weight); otherwise it stops once a further case
 * would lower the total weight.
 */
export function solveUnitFlow(model: PlacementModel, caps: Float64Array, maxCount: boolean): FlowSolution {
  const state = new FlowState(model, caps);
  let augmentations = 0;
  for (;;) {
    const pathCost = state.shortestPath();
    if (pathCost === undefined) break;
    if (!maxCount && pathCost > 1e-12) break;
    state.augment();
    augmentations++;
  }
  let objective = 0;
  for (let i = 0; i < model.n; i++) {
    const p = state.placeOf[i]!;
    if (p >= 0) objective -= state.cost[i * model.m + p]!;
  }
  return { placeOf: state.placeOf, objective, augmentations };
}

class FlowState {
  readonly placeOf: Int32Array;
  readonly cost: Float64Array;
  private readonly m: number;
  private readonly caps: Float64Array;
  private readonly load: Int32Array;
  private readonly moveCost: Float64Array;
  private readonly sourceCost: Float64Array;
  /** Which case realises each moveCost entry (-1 when none). */
  private readonly moveArg: Int32Array;
  private readonly members: number[][];
  private readonly slotOf: Int32Array;
  private readonly freeHeaps: StaticHeap[];
  private readonly pi: Float64Array;
  private readonly dist: Float64Array;
  private readonly prev: Int32Array;
  private readonly settled: Uint8Array;
  private readonly isTaken = (id: number) => this.placeOf[id]! >= 0;

  constructor(model: PlacementModel, caps: Float64Array) {
    const { n, m } = model;
    this.m = m;
    this.caps = caps;
    this.placeOf = new Int32Array(n).fill(-1);
    this.load = new Int32Array(m);
    this.cost = denseCosts(model);
    this.moveCost = new Float64Array(m * m).fill(Number.POSITIVE_INFINITY);
    this.moveArg = new Int32Array(m * m).fill(-1);
    this.members = Array.from({ length: m }, () => []);
    this.slotOf = new Int32Array(n);
    this.freeHeaps = buildFreeHeaps(model, this.cost);
    this.sourceCost = new Float64Array(m);
    for (let q = 0; q < m; q++) this.refreshSource(q);
    this.pi = new Float64Array(m + 2);
    this.dist = new Float64Array(m + 2);
    this.prev = new Int32Array(m + 2);
    this.settled = new Uint8Array(m + 2);
    this.initPotentials();
  }

  /** Exact distances on the initial graph (S→q→T) are valid potentials. */
  private initPotentials(): void {
    const { m, pi } = this;
    let tPot = Number.POSITIVE_INFINITY;
    for (let q = 0; q < m; q++) {
      const c = this.sourceCost[q]!;
      pi[q] = Number.isFinite(c) ? c : 0;
      if (Number.isFinite(c) && this.caps[q]! > 0) tPot = Math.min(tPot, c);
    }
    pi[m] = 0;
    pi[m + 1] = Number.isFinite(tPot) ? tPot : 0;
  }

  private refreshSource(q: number): void {
    const heap = this.freeHeaps[q]!;
    heap.top(this.isTaken);
    this.sourceCost[q] = heap.topKey();
  }

  /** Dense Dijkstra from S (node m) to T (node m+1); returns the true path cost or undefined if none. */
  shortestPath(): number | undefined {
    const { m, dist, prev, settled, pi } = this;
    const source = m;
    const sink = m + 1;
    dist.fill(Number.POSITIVE_INFINITY);
    settled.fill(0);
    dist[source] = 0;
    prev[source] = -1;
    let u = source;
    while (u !== sink) {
      settled[u] = 1;
      u = this.relaxAndPickNext(u, dist[u]!);
      if (u < 0) return undefined;
    }
    const reach = dist[sink]!;
    for (let v = 0; v <= sink; v++) pi[v]! += Math.min(dist[v]!, reach);
    return pi[sink]! - pi[source]!;
  }

  /**
   * Relaxes the arcs out of u and, in the same pass over the places, finds the unsettled node with the
   * smallest tentative distance (one sweep instead of two: the graph is dense, the sweep is the cost).
   */
  private relaxAndPickNext(u: number, du: number): number {
    const { m, dist, prev, settled, pi } = this;
    const sink = m + 1;
    if (u < m && this.load[u]! < this.caps[u]!) {
      const rc = pi[u]! - pi[sink]!;
      const nd = du + Math.max(rc, 0);
      if (nd < dist[sink]!) {
        dist[sink] = nd;
        prev[sink] = u;
      }
    }
    const row = u === m ? this.sourceCost : this.moveCost;
    const offset = u === m ? 0 : u * m;
    const piU = pi[u]!;
    let next = settled[sink] === 0 && dist[sink]! < Number.POSITIVE_INFINITY ? sink : -1;
    let best = next === sink ? dist[sink]! : Number.POSITIVE_INFINITY;
    for (let q = 0; q < m; q++) {
      if (settled[q] === 1) continue;
      // Rounding can leave a reduced cost a hair below zero; clamping keeps Dijkstra's invariant.
      const rc = row[offset + q]! + piU - pi[q]!;
      const nd = du + Math.max(rc, 0);
      let dq = dist[q]!;
      if (nd < dq) {
        dist[q] = nd;
        prev[q] = u;
        dq = nd;
      }
      if (dq < best) {
        best = dq;
        next = q;
      }
    }
    return next;
  }

  /** Applies the last shortest path, walking back from T so each move reads heaps not yet touched. */
  augment(): void {
    const { m, prev } = this;
    let q = prev[m + 1]!;
    while (q !== m) {
      const p = prev[q]!;
      if (p === m) this.assignFree(q);
      else this.moveCase(p, q);
      q = p;
    }
  }

  private assignFree(q: number): void {
    const i = this.freeHeaps[q]!.top(this.isTaken);
    this.placeOf[i] = q;
    this.load[q]!++;
    this.addMember(i, q);
    // Tops are always live, so only heaps whose top was i need cleaning.
    for (let r = 0; r < this.m; r++) if (this.freeHeaps[r]!.peek() === i) this.refreshSource(r);
  }

  private moveCase(p: number, q: number): void {
    const j = this.moveArg[p * this.m + q]!;
    this.placeOf[j] = q;
    this.load[p]!--;
    this.load[q]!++;
    this.removeMember(j, p);
    this.addMember(j, q);
  }

  /** Adds case j to place q and lowers the cost of moves out of q it makes cheaper. */
  private addMember(j: number, q: number): void {
    const { m, cost, moveCost, moveArg } = this;
    const list = this.members[q]!;
    this.slotOf[j] = list.length;
    list.push(j);
    const here = cost[j * m + q]!;
    for (let r = 0, s = q * m; r < m; r++, s++) {
      const key = cost[j * m + r]! - here;
      if (r !== q && key < moveCost[s]!) {
        moveCost[s] = key;
        moveArg[s] = j;
      }
    }
  }

  /** Removes case j from place p, rescanning p's cases for the moves j was the cheapest for. */
  private removeMember(j: number, p: number): void {
    const { m, cost, moveCost, moveArg } = this;
    const list = this.members[p]!;
    const last = list.pop()!;
    if (last !== j) {
      const at = this.slotOf[j]!;
      list[at] = last;
      this.slotOf[last] = at;
    }
    for (let r = 0, s = p * m; r < m; r++, s++) {
      if (moveArg[s] !== j) continue;
      let best = Number.POSITIVE_INFINITY;
      let arg = -1;
      for (const k of list) {
        const key = cost[k * m + r]! - cost[k * m + p]!;
        if (key < best) {
          best = key;
          arg = k;
        }
      }
      moveCost[s] = best;
      moveArg[s] = arg;
    }
  }
}

/** Costs (negated weights) as a dense n×m matrix, Infinity where the pair is not allowed. */
function denseCosts(model: PlacementModel): Float64Array {
  const { n, m } = model;
  const cost = new Float64Array(n * m).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
      cost[i * m + model.place[k]!] = -model.weight[k]!;
  }
  return cost;
}

function buildFreeHeaps(model: PlacementModel, cost: Float64Array): StaticHeap[] {
  const { n, m } = model;
  const counts = new Int32Array(m);
  for (let k = 0; k < model.place.length; k++) counts[model.place[k]!]!++;
  const lists = Array.from({ length: m }, (_, q) => new Int32Array(counts[q]!));
  const keys = Array.from({ length: m }, (_, q) => new Float64Array(counts[q]!));
  const fill = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      const q = model.place[k]!;
      keys[q]![fill[q]!] = cost[i * m + q]!;
      lists[q]![fill[q]!++] = i;
    }
  }
  return lists.map((ids, q) => new StaticHeap(ids, keys[q]!));
}
