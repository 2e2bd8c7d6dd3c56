/** A weighted undirected graph as symmetric CSR; `selfWeight` holds loops (both directions summed). */
export interface WeightedCsr {
  n: number;
  offset: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  selfWeight: Float64Array;
}

/** Options for community detection. */
export interface LouvainOptions {
  /** Modularity resolution γ: larger finds smaller communities. */
  resolution: number;
  /** Uniform random numbers in [0, 1): the order nodes are visited in. */
  random: () => number;
  maxPasses?: number;
}

/** Louvain community detection on typed arrays; returns a community number per node (0..k-1). */
export function louvainCommunities(graph: WeightedCsr, options: LouvainOptions): Int32Array {
  let level = graph;
  const membership = new Int32Array(graph.n);
  for (let i = 0; i < graph.n; i++) membership[i] = i;
  for (let depth = 0; depth < 32; depth++) {
    const { community, moved } = moveNodes(level, options);
    if (!moved) break;
    const k = renumber(community);
    for (let i = 0; i < membership.length; i++) membership[i] = community[membership[i]!]!;
    if (k === level.n) break;
    level = aggregate(level, community, k);
  }
  return membership;
}

function strengths(g: WeightedCsr): { strength: Float64Array; total: number } {
  const strength = new Float64Array(g.n);
  let total = 0;
  for (let i = 0; i < g.n; i++) {
    let s = g.selfWeight[i]!;
    for (let k = g.offset[i]!; k < g.offset[i + 1]!; k++) s += g.weight[k]!;
    strength[i] = s;
    total += s;
  }
  return { strength, total };
}

/** Local moving phase: each node joins the neighbouring community with the best modularity gain. */
function moveNodes(g: WeightedCsr, options: LouvainOptions): { community: Int32Array; moved: boolean } {
  const { strength, total } = strengths(g);
  const community = new Int32Array(g.n);
  const communityTotal = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) {
    community[i] = i;
    communityTotal[i] = strength[i]!;
  }
  if (total === 0) return { community, moved: false };
  const order = shuffledOrder(g.n, options.random);
  const scale = options.resolution / total;
  const linkTo = new Float64Array(g.n);
  const touched = new Int32Array(g.n);
  let movedAny = false;
  for (let pass = 0; pass < (options.maxPasses ?? 50); pass++) {
    let moves = 0;
    for (const i of order) {
      const from = community[i]!;
      let touchedCount = 0;
      linkTo[from] = 0;
      touched[touchedCount++] = from;
      for (let k = g.offset[i]!; k < g.offset[i + 1]!; k++) {
        const c = community[g.target[k]!]!;
        if (linkTo[c] === 0 && c !== from) touched[touchedCount++] = c;
        linkTo[c]! += g.weight[k]!;
      }
      const ki = strength[i]!;
      communityTotal[from]! -= ki;
      let best = from;
      let bestGain = linkTo[from]! - ki * communityTotal[from]! * scale;
      for (let t = 0; t < touchedCount; t++) {
        const c = touched[t]!;
        const gain = linkTo[c]! - ki * communityTotal[c]! * scale;
        if (gain > bestGain + 1e-12) {
          bestGain = gain;
          best = c;
        }
        linkTo[c] = 0;
      }
      communityTotal[best]! += ki;
      if (best !== from) {
        community[i] = best;
        moves++;
      }
    }
    if (moves === 0) break;
    movedAny = true;
  }
  return { community, moved: movedAny };
}

function shuffledOrder(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** Renumbers community labels to 0..k-1 in place; returns k. */
export function renumber(labels: Int32Array): number {
  const map = new Int32Array(labels.length).fill(-1);
  let k = 0;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (map[c] === -1) map[c] = k++;
    labels[i] = map[c]!;
  }
  return k;
}

/** Collapses each community into one node; edges between communities are summed. */
function aggregate(g: WeightedCsr, community: Int32Array, k: number): WeightedCsr {
  const memberStart = new Int32Array(k + 1);
  for (let i = 0; i < g.n; i++) memberStart[community[i]! + 1]!++;
  for (let c = 0; c < k; c++) memberStart[c + 1]! += memberStart[c]!;
  const fill = memberStart.slice(0, k);
  const members = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) members[fill[community[i]!]!++] = i;
  const offset = new Int32Array(k + 1);
  const target = new Int32Array(g.target.length);
  const weight = new Float64Array(g.target.length);
  const selfWeight = new Float64Array(k);
  const slot = new Int32Array(k).fill(-1);
  let out = 0;
  for (let c = 0; c < k; c++) {
    offset[c] = out;
    for (let m = memberStart[c]!; m < memberStart[c + 1]!; m++) {
      const i = members[m]!;
      selfWeight[c]! += g.selfWeight[i]!;
      for (let e = g.offset[i]!; e < g.offset[i + 1]!; e++) {
        const d = community[g.target[e]!]!;
        if (d === c) selfWeight[c]! += g.weight[e]!;
        else if (slot[d]! >= offset[c]!) weight[slot[d]!]! += g.weight[e]!;
        else {
          slot[d] = out;
          target[out] = d;
          weight[out++] = g.weight[e]!;
        }
      }
    }
  }
  offset[k] = out;
  return { n: k, offset, target: target.slice(0, out), weight: weight.slice(0, out), selfWeight };
}

/** Modularity of a partition at resolution γ (for tests and the benchmark). */
export function modularity(g: WeightedCsr, community: Int32Array, resolution = 1): number {
  const { strength, total } = strengths(g);
  if (total === 0) return 0;
  const inside = new Float64Array(g.n);
  const tot = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) {
    const c = community[i]!;
    tot[c]! += strength[i]!;
    inside[c]! += g.selfWeight[i]!;
    for (let k = g.offset[i]!; k < g.offset[i + 1]!; k++) {
      if (community[g.target[k]!] === c) inside[c]! += g.weight[k]!;
    }
  }
  let q = 0;
  for (let c = 0; c < g.n; c++) q += inside[c]! / total - resolution * (tot[c]! / total) ** 2;
  return q;
}
