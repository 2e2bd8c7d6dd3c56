import type { LinkGraph } from "./link-graph.ts";
import { louvainCommunities, renumber, type WeightedCsr } from "./louvain.ts";

/**
 * How much one entity's links say about a tie between the two ends, in (0, 1]: an identifier linked to
 * half the graph (a bus terminal, a money-transfer agent) says almost nothing; one linked to a few, a lot.
 * It is an inverse document frequency, ln(1 + N/degree) / ln(1 + N), raised to `power`, times
 * (1 + ln cases)^casePower: an identifier recurring across separate cases is what ties cases together, while
 * one shared inside a single case (a family's phone) is already known. N is the number of entities.
 */
export function commonnessFactors(graph: LinkGraph, power: number, casePower = 0): Float64Array {
  const n = graph.nodeCount;
  const population = n;
  const factors = new Float64Array(n);
  const top = Math.log(1 + population);
  for (let i = 0; i < n; i++) {
    const degree = Math.max(1, graph.adjOffset[i + 1]! - graph.adjOffset[i]!);
    const cases = 1 + Math.log(Math.max(1, graph.caseSpread[i]!));
    factors[i] = (Math.log(1 + population / degree) / top) ** power * cases ** casePower;
  }
  return factors;
}

/** The weighted graph community detection runs on: pair weight = factor(u) × factor(v) × (1 + ln observations). */
export function weightedForCommunities(graph: LinkGraph, power: number, casePower = 0): WeightedCsr {
  const factors = commonnessFactors(graph, power, casePower);
  const weight = new Float64Array(graph.adjTarget.length);
  for (let i = 0; i < graph.nodeCount; i++) {
    for (let k = graph.adjOffset[i]!; k < graph.adjOffset[i + 1]!; k++) {
      const j = graph.adjTarget[k]!;
      weight[k] = factors[i]! * factors[j]! * (1 + Math.log(graph.adjCount[k]!));
    }
  }
  return {
    n: graph.nodeCount,
    offset: graph.adjOffset,
    target: graph.adjTarget,
    weight,
    selfWeight: new Float64Array(graph.nodeCount),
  };
}

/** Communities (labels 0..k-1, each one connected) of a graph weighted by `weightedForCommunities`. */
export function detectCommunities(
  weighted: WeightedCsr,
  options: { random: () => number; density?: number },
): Int32Array {
  let total = 0;
  for (let k = 0; k < weighted.weight.length; k++) total += weighted.weight[k]!;
  // γ = density × 2m turns modularity's "more links than chance" into a fixed density bar, the same on a
  // hundred links as on a million (plain modularity merges small groups more the bigger the graph).
  const resolution = Math.max(1, (options.density ?? 0) * total);
  const labels = louvainCommunities(weighted, { resolution, random: options.random });
  return splitDisconnected(weighted, labels);
}

/** Louvain can leave a community in pieces (a node that held it together moved out): split them apart. */
export function splitDisconnected(graph: WeightedCsr, labels: Int32Array): Int32Array {
  const parent = new Int32Array(graph.n);
  for (let i = 0; i < graph.n; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const up = parent[x]!;
      parent[x] = r;
      x = up;
    }
    return r;
  };
  for (let i = 0; i < graph.n; i++) {
    for (let k = graph.offset[i]!; k < graph.offset[i + 1]!; k++) {
      const j = graph.target[k]!;
      if (labels[i] === labels[j] && graph.weight[k]! > 0) parent[find(i)] = find(j);
    }
  }
  const split = new Int32Array(graph.n);
  for (let i = 0; i < graph.n; i++) split[i] = find(i);
  renumber(split);
  return split;
}

/** Connected components of the link graph (labels 0..k-1). */
export function connectedComponents(graph: LinkGraph): Int32Array {
  const labels = new Int32Array(graph.nodeCount);
  return splitDisconnected(
    {
      n: graph.nodeCount,
      offset: graph.adjOffset,
      target: graph.adjTarget,
      weight: new Float64Array(graph.adjTarget.length).fill(1),
      selfWeight: new Float64Array(graph.nodeCount),
    },
    labels,
  );
}
