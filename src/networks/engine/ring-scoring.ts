/** Precision and recall of planted-ring membership, with how many rings were found whole or merged. */
export interface RingScore {
  precision: number;
  recall: number;
  rings: number;
  /** Rings whose best community also is the best community of another ring. */
  merged: number;
}

/**
 * Scores communities against planted rings. Each ring is mapped to the community that holds most of its
 * members; that community's members are the ring as found. Precision = Σ|found ∩ ring| / Σ|found|,
 * recall = Σ|found ∩ ring| / Σ|ring|, summed over rings (so a community standing for two rings counts twice
 * and costs precision, and a ring split in two loses the smaller part from recall).
 */
export function scoreRings(
  rings: { members: string[] }[],
  communityOf: (memberKey: string) => number | undefined,
  communitySize: (community: number) => number,
): RingScore {
  let hit = 0;
  let found = 0;
  let truth = 0;
  const bestOfRing: number[] = [];
  for (const ring of rings) {
    const counts = new Map<number, number>();
    for (const key of ring.members) {
      const c = communityOf(key);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    truth += ring.members.length;
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
