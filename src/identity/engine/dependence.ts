import { randomBelow } from "../../shared/seeded-random.ts";
import { COMPARISONS, GIVEN, SURNAME } from "./compare.ts";
import { DATE_LEVEL } from "./dates.ts";
import { type Dependence, STRATA } from "./name-strata.ts";
import { COLUMN, ROW } from "./people-table.ts";
import type { TableComparer } from "./table-compare.ts";

export { type Dependence, STRATA, stratumOf } from "./name-strata.ts";

/**
 * Fields that go together among different people: names, sex, places. Two unrelated people who share a given
 * name often share its sex, its country's surnames and birthplaces, so the chance that they agree on these is
 * not the product of the chances field by field. Identifiers (date of birth, document, phone, e-mail) are
 * taken as independent of the name.
 */
const DEPENDENT = new Set([
  "given_name",
  "surname",
  "sex",
  "address",
  "city",
  "postcode",
  "region",
  "birth_place",
  "nationality",
]);

const zeros = () => COMPARISONS.map((c) => new Array<number>(c.levels).fill(0));

/** No dependence: every correction 0. */
export function noDependence(): Dependence {
  return Array.from({ length: STRATA }, zeros);
}

/** Shares taken from a sample count as this many pairs more of the overall shares, so few samples stay near them. */
const PRIOR_PAIRS = 50;
const MAX_BITS = 6;

/**
 * Estimates the corrections from random pairs of people who share a given name (stratum 1) or a surname
 * (stratum 2) exactly, against `overall`, the level shares of random pairs. Pairs that agree on an identifier
 * (a close date of birth, a document, phone or e-mail) are left out of the samples: they are mostly the same
 * person, and these shares are about different people. With `leftCount`, pairs are across the two lists.
 */
export function estimateDependence(
  comparer: TableComparer,
  overall: number[][],
  leftCount: number | null,
  random: () => number,
  samples = 20_000,
): Dependence {
  const dependence = noDependence();
  for (const [stratum, column, own] of [
    [1, COLUMN.given, GIVEN],
    [2, COLUMN.surname, SURNAME],
  ] as const) {
    const counts = sampleSharing(comparer, column, leftCount, random, samples);
    if (counts === null) continue;
    COMPARISONS.forEach((c, f) => {
      if (f === own || !DEPENDENT.has(c.name)) return;
      const seen = counts[f]!.reduce((a, b) => a + b, 0);
      for (let l = 0; l < c.levels; l++) {
        const base = overall[f]![l]!;
        const within = (counts[f]![l]! + PRIOR_PAIRS * base) / (seen + PRIOR_PAIRS);
        const bits = Math.log2(base / within);
        dependence[stratum]![f]![l] = Math.min(MAX_BITS, Math.max(-MAX_BITS, bits));
      }
    });
  }
  return dependence;
}

const DATE = COMPARISONS.findIndex((c) => c.name === "date_of_birth");
const IDENTIFIERS = ["document_number", "phone", "email"].map((name) =>
  COMPARISONS.findIndex((c) => c.name === name),
);

/** A date of birth at least near, or a document, phone or e-mail agreeing even with one edit. */
function agreesOnIdentifier(levels: Int8Array): boolean {
  if (levels[DATE]! >= DATE_LEVEL.near) return true;
  for (const f of IDENTIFIERS) if (levels[f]! > 0) return true;
  return false;
}

/** Level counts of random pairs that share the text in `column` (null when no two people share one). */
function sampleSharing(
  comparer: TableComparer,
  column: number,
  leftCount: number | null,
  random: () => number,
  samples: number,
): number[][] | null {
  const groups = groupsOf(comparer, column, leftCount);
  if (groups.total <= 0) return null;
  const counts = zeros();
  const levels = new Int8Array(COMPARISONS.length);
  for (let s = 0; s < samples; s++) {
    const g = groups.pick(random);
    const [i, j] = groups.pair(g, random);
    comparer.compare(i, j, levels);
    if (agreesOnIdentifier(levels)) continue;
    levels.forEach((l, f) => {
      if (l >= 0) counts[f]![l]!++;
    });
  }
  return counts;
}

/** People grouped by one text column, each group weighted by the pairs it holds, for sampling pairs. */
function groupsOf(comparer: TableComparer, column: number, leftCount: number | null) {
  const { rows, count } = comparer.table;
  const size = new Int32Array(comparer.table.texts.length);
  for (let i = 0; i < count; i++) size[rows[i * ROW + column]!]!++;
  const start = new Int32Array(size.length + 1);
  for (let t = 0; t < size.length; t++) start[t + 1] = start[t]! + size[t]!;
  const members = new Int32Array(count);
  const fill = start.slice(0, size.length);
  for (let i = 0; i < count; i++) members[fill[rows[i * ROW + column]!]!++] = i;
  // Within a group, people of the left list come first (their indices are lower).
  const ids: number[] = [];
  const cumulative: number[] = [];
  const lefts: number[] = [];
  let total = 0;
  for (let t = 1; t < size.length; t++) {
    const n = size[t]!;
    if (n < 2) continue;
    let left = 0;
    if (leftCount !== null) while (left < n && members[start[t]! + left]! < leftCount) left++;
    const pairs = leftCount === null ? (n * (n - 1)) / 2 : left * (n - left);
    if (pairs === 0) continue;
    total += pairs;
    ids.push(t);
    lefts.push(left);
    cumulative.push(total);
  }
  return {
    total,
    pick(random: () => number): number {
      const target = random() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    pair(g: number, random: () => number): [number, number] {
      const t = ids[g]!;
      const from = start[t]!;
      const n = size[t]!;
      if (leftCount !== null) {
        const left = lefts[g]!;
        return [
          members[from + randomBelow(random, left)]!,
          members[from + left + randomBelow(random, n - left)]!,
        ];
      }
      const a = randomBelow(random, n);
      const b = (a + 1 + randomBelow(random, n - 1)) % n;
      return [members[from + a]!, members[from + b]!];
    },
  };
}
