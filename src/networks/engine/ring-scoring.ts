import { isPlaceType } from "./entities.ts";
import type { LinkGraph } from "./link-graph.ts";
import { mayBeActor, roleOfCode } from "./roles.ts";

/** Precision and recall of planted-ring membership, with how many rings were found whole or merged. */
export interface RingScore {
  precision: number;
  recall: number;
  rings: number;
  /** Rings whose best community also is the best community of another ring. */
  merged: number;
}

/**
 * Scores communities against planted rings, counting suspects only: a ring is its suspects (operators, their
 * aliases, the phones, accounts, houses and vehicles they hold), never the clients it moved or the victims it
 * exploited. Each ring is mapped to the community that holds most of its suspects; that community's members who
 * may be suspects (`communitySize`: suspects and unknowns, see `suspectSizes`) are the ring as found.
 * Precision = Σ|found ∩ ring| / Σ|found|, recall = Σ|found ∩ ring| / Σ|ring|, summed over rings (so a community
 * standing for two rings counts twice and costs precision, and a ring split in two loses the smaller part from
 * recall). A victim or a client in the ring's community counts neither way.
 */
export function scoreRings(
  rings: { suspects: string[] }[],
  communityOf: (memberKey: string) => number | undefined,
  communitySize: (community: number) => number,
): RingScore {
  let hit = 0;
  let found = 0;
  let truth = 0;
  const bestOfRing: number[] = [];
  for (const ring of rings) {
    const counts = new Map<number, number>();
    for (const key of ring.suspects) {
      const c = communityOf(key);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    truth += ring.suspects.length;
    let best = -1;
    let bestCount = 0;
    for (const [c, n] of counts) {
      if (n > bestCount || (n === bestCount && c < best)) [best, bestCount] = [c, n];
    }
    if (best < 0) continue;
    bestOfRing.push(best);
    hit += bestCount;
    found += communitySize(best);
  }
  const uses = new Map<number, number>();
  for (const c of bestOfRing) uses.set(c, (uses.get(c) ?? 0) + 1);
  const merged = bestOfRing.filter((c) => (uses.get(c) ?? 0) > 1).length;
  return {
    precision: found === 0 ? 0 : hit / found,
    recall: truth === 0 ? 0 : hit / truth,
    rings: rings.length,
    merged,
  };
}

/**
 * Members per community label that may be suspects: victims and clients (by their role) are left out, and so are
 * places (a station, a route: context, never actors), so a ring's community is not judged by the people it moved or
 * the stations they passed.
 */
export function suspectSizes(
  graph: Pick<LinkGraph, "nodeRole" | "nodeType" | "types">,
  labels: ArrayLike<number>,
): Map<number, number> {
  const sizes = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    if (isPlaceType(graph.types[graph.nodeType[i]!]!)) continue;
    if (!mayBeActor(roleOfCode(graph.nodeRole[i] ?? 0))) continue;
    const c = labels[i]!;
    sizes.set(c, (sizes.get(c) ?? 0) + 1);
  }
  return sizes;
}
