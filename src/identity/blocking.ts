import type { Person } from "./person.ts";

/** A blocking rule: records whose keys are equal (and not empty) become candidate pairs. */
export interface BlockingRule {
  name: string;
  key: (p: Person) => string;
}

const year = (p: Person) => (p.dob ? String(p.dob.year) : "");
const yearMonth = (p: Person) => (p.dob?.month ? `${p.dob.year}-${p.dob.month}` : "");
const monthDay = (p: Person) => (p.dob?.month && p.dob.day ? `${p.dob.month}-${p.dob.day}` : "");
const dayMonthAnyOrder = (p: Person) =>
  p.dob?.month && p.dob.day ? `${p.dob.year}|${sorted(String(p.dob.month), String(p.dob.day))}` : "";
const sorted = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const both = (a: string, b: string) => (a && b ? `${a}|${b}` : "");
const lastSurname = (p: Person) => (p.surnames.length > 1 ? p.surnames[p.surnames.length - 1]! : "");

/**
 * The default rules, unioned: each catches what another misses (typos in names, a wrong date,
 * swapped given name and surname, one surname dropped, a missing field).
 */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  {
    name: "name sounds",
    key: (p) => (p.givenSound && p.surnameSound ? sorted(p.givenSound, p.surnameSound) : ""),
  },
  {
    name: "birth date (day and month either way), surname initial",
    key: (p) => both(dayMonthAnyOrder(p), p.surnameText.slice(0, 1)),
  },
  {
    name: "birth date (day and month either way), given initial",
    key: (p) => both(dayMonthAnyOrder(p), p.givenText.slice(0, 1)),
  },
  { name: "document", key: (p) => p.document },
  { name: "phone", key: (p) => p.phone },
  { name: "email", key: (p) => p.email },
  { name: "given sound and birth month", key: (p) => both(p.givenSound, yearMonth(p)) },
  { name: "surname sound and birth month", key: (p) => both(p.surnameSound, yearMonth(p)) },
  { name: "given sound and birthday", key: (p) => both(p.givenSound, monthDay(p)) },
  { name: "second surname and given sound", key: (p) => both(lastSurname(p), p.givenSound) },
  { name: "surname sound and town", key: (p) => both(p.surnameSound, p.city) },
  {
    name: "given sound, surname initial and town",
    key: (p) => both(p.givenSound, both(p.surnameText[0] ?? "", p.city)),
  },
  { name: "postcode and surname start", key: (p) => both(p.postcode, p.surnameText.slice(0, 2)) },
  { name: "postcode and given start", key: (p) => both(p.postcode, p.givenText.slice(0, 2)) },
  { name: "address and birth year", key: (p) => both(p.address.slice(0, 6), year(p)) },
];

export interface BlockingOptions {
  rules?: readonly BlockingRule[];
  /** Blocks that would make more pairs than this are skipped: other rules cover their records. */
  maxBlockPairs?: number;
  /** Called after each rule with the number of pairs so far. */
  onRule?: (rule: string, pairs: number) => void;
}

/**
 * Candidate pairs as a flat list [i0, j0, i1, j1, …]. With `leftCount`, only pairs with i in
 * [0, leftCount) and j in [leftCount, n) are made (linking two files); otherwise every pair within a block.
 * A pair found by an earlier rule is not repeated by a later one.
 */
export function candidatePairs(people: Person[], leftCount: number | null, options: BlockingOptions = {}) {
  const rules = options.rules ?? DEFAULT_BLOCKING_RULES;
  const maxPairs = options.maxBlockPairs ?? 1_000;
  const keys: Int32Array[] = [];
  const oversized: Uint8Array[] = [];
  const out = new PairList();
  for (const rule of rules) {
    const { ids, blocks } = groupByKey(people, rule);
    const big = new Uint8Array(blocks.length);
    keys.push(ids);
    oversized.push(big);
    blocks.forEach((members, k) => {
      const split = leftCount === null ? null : splitMembers(members, leftCount);
      const count = split ? split[0].length * split[1].length : (members.length * (members.length - 1)) / 2;
      if (count > maxPairs) {
        big[k] = 1;
        return;
      }
      const seen = (i: number, j: number) => foundEarlier(keys, oversized, i, j);
      if (split) emitAcross(split[0], split[1], seen, out);
      else emitWithin(members, seen, out);
    });
    options.onRule?.(rule.name, out.length);
  }
  return out.toArray();
}

function groupByKey(people: Person[], rule: BlockingRule): { ids: Int32Array; blocks: number[][] } {
  const index = new Map<string, number>();
  const ids = new Int32Array(people.length).fill(-1);
  const blocks: number[][] = [];
  people.forEach((p, i) => {
    const key = rule.key(p);
    if (key === "") return;
    let id = index.get(key);
    if (id === undefined) {
      id = blocks.length;
      index.set(key, id);
      blocks.push([]);
    }
    ids[i] = id;
    blocks[id]!.push(i);
  });
  return { ids, blocks };
}

function splitMembers(members: number[], leftCount: number): [number[], number[]] {
  const left: number[] = [];
  const right: number[] = [];
  for (const i of members) (i < leftCount ? left : right).push(i);
  return [left, right];
}

/** True when an earlier rule (all but the last in `keys`) already put i and j in one usable block. */
function foundEarlier(keys: Int32Array[], oversized: Uint8Array[], i: number, j: number): boolean {
  for (let r = 0; r < keys.length - 1; r++) {
    const k = keys[r]![i]!;
    if (k >= 0 && k === keys[r]![j] && oversized[r]![k] === 0) return true;
  }
  return false;
}

function emitAcross(left: number[], right: number[], seen: (i: number, j: number) => boolean, out: PairList) {
  for (const i of left) for (const j of right) if (!seen(i, j)) out.push(i, j);
}

function emitWithin(members: number[], seen: (i: number, j: number) => boolean, out: PairList) {
  for (let a = 0; a < members.length; a++) {
    for (let b = a + 1; b < members.length; b++) {
      const i = members[a]!;
      const j = members[b]!;
      if (!seen(i, j)) out.push(i, j);
    }
  }
}

/** A growable list of index pairs in one typed array, so tens of millions of pairs stay compact. */
export class PairList {
  private data = new Int32Array(1 << 16);
  length = 0;

  push(i: number, j: number): void {
    if (this.length * 2 + 2 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length * 2] = i;
    this.data[this.length * 2 + 1] = j;
    this.length++;
  }

  toArray(): Int32Array {
    return this.data.subarray(0, this.length * 2);
  }
}
