import { type LinkRow, type MatchOptions, type ScoredPairs, scoreCandidates } from "./engine/link.ts";
import { weightToProbability } from "./engine/model.ts";
import type { Person } from "./engine/person.ts";
import { LIKELY } from "./engine/scoring.ts";
import type { TableScorer } from "./engine/table-compare.ts";
import { type ParallelOptions, scoreCandidatesInParallel } from "./score.pool.ts";

/** The outcome of deduplication: a cluster id per input record (in input order) and the scored pairs. */
export interface DedupeResult {
  clusterIds: string[];
  pairs: LinkRow[];
}

export interface ClusterOptions extends MatchOptions {
  /** Two groups merge only when their pairs' mean match probability reaches this. */
  minMeanProbability?: number;
  /** No cluster grows past this many records: a registry's worst duplicates are a handful, not hundreds. */
  maxClusterSize?: number;
}

/**
 * Groups records that are the same person. Likely pairs are taken strongest first; two groups merge only
 * when the people in them agree on average (average linkage), so A≈B and B≈C does not pull in a C unlike A.
 */
export function clusterPeople(people: Person[], options: ClusterOptions = {}): DedupeResult {
  return clusterScored(people, scoreCandidates(people, null, options), options);
}

/** `clusterPeople` with the pairs scored in several threads (see `scoreCandidatesInParallel`); same result. */
export async function clusterPeopleInParallel(
  people: Person[],
  options: ClusterOptions & ParallelOptions = {},
): Promise<DedupeResult> {
  return clusterScored(people, await scoreCandidatesInParallel(people, null, options), options);
}

function clusterScored(people: Person[], scored: ScoredPairs, options: ClusterOptions): DedupeResult {
  options.onStage?.("clustering");
  const groups = new Groups(people.length);
  const minMean = options.minMeanProbability ?? 0.5;
  const maxSize = options.maxClusterSize ?? 50;
  for (let k = 0; k < scored.i.length; k++) {
    if (weightToProbability(scored.weight[k]!) < LIKELY) break;
    const a = groups.find(scored.i[k]!);
    const b = groups.find(scored.j[k]!);
    if (a === b) continue;
    const ma = groups.members(a);
    const mb = groups.members(b);
    if (ma.length + mb.length > maxSize) continue;
    if (ma.length * mb.length > 1 && meanProbability(scored.scorer, ma, mb) < minMean) continue;
    groups.union(a, b);
  }
  const clusterIds = people.map((_, i) => people[groups.members(groups.find(i))[0]!]!.id);
  let pairs: LinkRow[] | undefined;
  // Millions of pair rows are only made when asked for (`--pairs`).
  return {
    clusterIds,
    get pairs() {
      pairs ??= pairRows(people, scored, groups);
      return pairs;
    },
  };
}

function pairRows(people: Person[], scored: ScoredPairs, groups: Groups): LinkRow[] {
  const pairs: LinkRow[] = [];
  for (let k = 0; k < scored.i.length; k++) {
    const i = scored.i[k]!;
    const j = scored.j[k]!;
    const same = groups.find(i) === groups.find(j);
    const score = weightToProbability(scored.weight[k]!);
    pairs.push({ leftId: people[i]!.id, rightId: people[j]!.id, score, band: same ? "likely" : "possible" });
  }
  return pairs;
}

function meanProbability(scorer: TableScorer, a: number[], b: number[]): number {
  let sum = 0;
  for (const i of a) for (const j of b) sum += weightToProbability(scorer.weight(i, j));
  return sum / (a.length * b.length);
}

/** Union–find that also keeps each group's members, smallest index first. */
class Groups {
  private parent: Int32Array;
  private lists: (number[] | undefined)[];

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.lists = [];
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  members(root: number): number[] {
    return this.lists[root] ?? [root];
  }

  union(a: number, b: number): void {
    const merged = [...this.members(a), ...this.members(b)].sort((x, y) => x - y);
    const [big, small] = a < b ? [a, b] : [b, a];
    this.parent[small] = big;
    this.lists[big] = merged;
    this.lists[small] = undefined;
  }
}
