import type { WeightedCsr } from "./louvain.ts";

/** Options for PageRank. */
export interface PageRankOptions {
  damping?: number;
  maxIterations?: number;
  /** Stop when the summed absolute change falls below this. */
  tolerance?: number;
}

/** Weighted PageRank on an undirected graph (each edge both ways); scores sum to 1. */
export function pageRank(g: WeightedCsr, options: PageRankOptions = {}): Float64Array {
  const n = g.n;
  const damping = options.damping ?? 0.85;
  const strength = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = g.offset[i]!; k < g.offset[i + 1]!; k++) strength[i]! += g.weight[k]!;
  }
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let iteration = 0; iteration < (options.maxIterations ?? 100); iteration++) {
    // Isolated or zero-weight nodes spread their rank evenly, so the total stays 1.
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      if (strength[i]! > 0) share[i] = rank[i]! / strength[i]!;
      else dangling += rank[i]!;
    }
    const base = (1 - damping) / n + (damping * dangling) / n;
    let change = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = g.offset[i]!; k < g.offset[i + 1]!; k++) sum += share[g.target[k]!]! * g.weight[k]!;
      next[i] = base + damping * sum;
      change += Math.abs(next[i]! - rank[i]!);
    }
    [rank, next] = [next, rank];
    if (change < (options.tolerance ?? 1e-9 * n)) break;
  }
  return rank;
}

/** Options for betweenness restricted to one group of nodes. */
export interface BetweennessOptions {
  /** At most this many source nodes; above it, sources are sampled and scores scaled up (Brandes–Pich). */
  maxSources: number;
  random: () => number;
}

/**
 * Betweenness of `nodes` on shortest (unweighted) paths that stay inside the group, exact for small groups
 * and estimated from a sample of sources for big ones. Returns scores aligned with `nodes`.
 */
export function groupBetweenness(
  g: WeightedCsr,
  nodes: Int32Array,
  options: BetweennessOptions,
): Float64Array {
  const size = nodes.length;
  const local = new Map<number, number>();
  nodes.forEach((node, i) => {
    local.set(node, i);
  });
  const neighbours: number[][] = Array.from({ length: size }, () => []);
  nodes.forEach((node, i) => {
    for (let k = g.offset[node]!; k < g.offset[node + 1]!; k++) {
      const j = local.get(g.target[k]!);
      if (j !== undefined && g.weight[k]! > 0) neighbours[i]!.push(j);
    }
  });
  const sources = chooseSources(size, options);
  const score = new Float64Array(size);
  for (const s of sources) accumulateFrom(s, neighbours, score);
  const scale = sources.length > 0 ? size / sources.length : 0;
  for (let i = 0; i < size; i++) score[i] = (score[i]! * scale) / 2;
  return score;
}

function chooseSources(size: number, options: BetweennessOptions): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (size <= options.maxSources) return all;
  for (let i = 0; i < options.maxSources; i++) {
    const j = i + Math.floor(options.random() * (size - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, options.maxSources);
}

/** One Brandes pass: BFS from s, then dependencies back from the farthest nodes. */
function accumulateFrom(s: number, neighbours: number[][], score: Float64Array): void {
  const size = neighbours.length;
  const sigma = new Float64Array(size);
  const dist = new Int32Array(size).fill(-1);
  const delta = new Float64Array(size);
  const order: number[] = [s];
  sigma[s] = 1;
  dist[s] = 0;
  for (let head = 0; head < order.length; head++) {
    const v = order[head]!;
    for (const w of neighbours[v]!) {
      if (dist[w] === -1) {
        dist[w] = dist[v]! + 1;
        order.push(w);
      }
      if (dist[w] === dist[v]! + 1) sigma[w]! += sigma[v]!;
    }
  }
  for (let idx = order.length - 1; idx > 0; idx--) {
    const w = order[idx]!;
    for (const v of neighbours[w]!) {
      if (dist[v] === dist[w]! - 1) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
    }
    score[w]! += delta[w]!;
  }
}
