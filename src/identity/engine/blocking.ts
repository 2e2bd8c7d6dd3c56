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
  {
    name: "surname sound, given initial and birthplace",
    key: (p) => both(p.surnameSound, both(p.givenText[0] ?? "", p.birthPlace)),
  },
  {
    name: "given sound, surname initial and birthplace",
    key: (p) => both(p.givenSound, both(p.surnameText[0] ?? "", p.birthPlace)),
  },
  { name: "birthplace and birth date", key: (p) => both(p.birthPlace, dayMonthAnyOrder(p)) },
  // Old registers whose records lose a name or misspell both: in files of tens of thousands of records a year
  // and a birthplace still make small blocks; in much larger files they are skipped as too big.
  { name: "birth year and birthplace", key: (p) => both(year(p), p.birthPlace) },
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
  const seen = new EarlierBlocks(people.length, rules.length);
  const out = new PairList();
  rules.forEach((rule, r) => {
    const { ids, blocks } = groupByKey(people, rule);
    const big = new Uint8Array(blocks.length);
    const check = (i: number, j: number) => seen.together(r, i, j);
    blocks.forEach((members, k) => {
      const split = leftCount === null ? null : splitMembers(members, leftCount);
      const count = split ? split[0].length * split[1].length : (members.length * (members.length - 1)) / 2;
      if (count > maxPairs) {
        big[k] = 1;
        return;
      }
      if (split) emitAcross(split[0], split[1], check, out);
      else emitWithin(members, check, out);
    });
    seen.add(r, ids, big);
    options.onRule?.(rule.name, out.length);
  });
  return out.toArray();
}

/**
 * Block ids per person and rule, one person's ids side by side: checking whether an earlier rule
 * already paired i and j reads two short rows instead of one array per rule (cache misses dominate).
 */
class EarlierBlocks {
  private readonly rows: Int32Array;
  private readonly oversized: Uint8Array[] = [];

  constructor(
    n: number,
    private readonly width: number,
  ) {
    this.rows = new Int32Array(n * width).fill(-1);
  }

  add(rule: number, ids: Int32Array, oversized: Uint8Array): void {
    for (let i = 0; i < ids.length; i++) this.rows[i * this.width + rule] = ids[i]!;
    this.oversized[rule] = oversized;
  }

  /** True when a rule before `rule` put i and j in one block that was not skipped. */
  together(rule: number, i: number, j: number): boolean {
    const a = i * this.width;
    const b = j * this.width;
    for (let r = 0; r < rule; r++) {
      const k = this.rows[a + r]!;
      if (k >= 0 && k === this.rows[b + r] && this.oversized[r]![k] === 0) return true;
    }
    return false;
  }
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
