import { randomBelow } from "../../shared/seeded-random.ts";
import { COMPARISONS, compareVector } from "./compare.ts";
import { estimateDependence } from "./dependence.ts";
import {
  estimateByEm,
  initialModel,
  levelWeight,
  type MatchModel,
  type TermFrequencies,
  tfAdjustment,
  vectorWeight,
  weightToProbability,
} from "./model.ts";
import type { Person } from "./person.ts";
import type { TableComparer } from "./table-compare.ts";

/** Bands a person reviewing matches works with; thresholds are match probabilities. */
export const LIKELY = 0.9;
export const POSSIBLE = 0.3;

export type Band = "likely" | "possible" | "unlikely";

/** Band of a match probability. */
export function bandOf(probability: number): Band {
  if (probability >= LIKELY) return "likely";
  return probability >= POSSIBLE ? "possible" : "unlikely";
}

/** Why a pair scored as it did: one line per compared field. */
export interface FieldReason {
  field: string;
  agreement: "exact" | "close" | "similar" | "weak" | "different" | "missing";
  weight: number;
}

/** A scored pair with its reasons. */
export interface PairScore {
  weight: number;
  probability: number;
  band: Band;
  swappedNames: boolean;
  reasons: FieldReason[];
}

const scratch = new Int8Array(COMPARISONS.length);

/** Match weight (log2 odds) of a pair, term frequencies included. */
export function pairWeight(model: MatchModel, a: Person, b: Person): number {
  compareVector(a, b, scratch);
  return vectorWeight(model, scratch) + tfAdjustment(model.tf, a, b, scratch);
}

/** Scores a candidate pair with the reasons per field and the band. */
export function scorePair(model: MatchModel, a: Person, b: Person): PairScore {
  const levels = new Int8Array(COMPARISONS.length);
  const swappedNames = compareVector(a, b, levels);
  const tf = tfAdjustment(model.tf, a, b, levels);
  const weight = vectorWeight(model, levels) + tf;
  const probability = weightToProbability(weight);
  const reasons = COMPARISONS.map((c, f): FieldReason => {
    const l = levels[f]!;
    if (l < 0) return { field: c.name, agreement: "missing", weight: 0 };
    const fromTop = c.levels - 1 - l;
    const agreement =
      l === 0 ? "different" : (["exact", "close", "similar", "weak"] as const)[Math.min(fromTop, 3)]!;
    const extra = f <= 1 && l === c.levels - 1 ? tf / 2 : 0;
    return { field: c.name, agreement, weight: round(levelWeight(model, levels, f) + extra) };
  });
  return { weight, probability, band: bandOf(probability), swappedNames, reasons };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The identity-bearing comparisons EM learns from first: names, date of birth, document, phone, email. */
const CORE_FIELDS = new Set(["given_name", "surname", "date_of_birth", "document_number", "phone", "email"]);
const CORE = COMPARISONS.map((c) => CORE_FIELDS.has(c.name));

/** Comparison patterns of random pairs, counted: almost all are non-matches, which anchors u. */
export function randomPairPatterns(
  comparer: TableComparer,
  leftCount: number | null,
  random: () => number,
  samples = 50_000,
) {
  const patterns = new Map<string, number>();
  const levels = new Int8Array(COMPARISONS.length);
  const n = comparer.table.count;
  const left = leftCount ?? n;
  const rightStart = leftCount ?? 0;
  const rightCount = leftCount === null ? n : n - leftCount;
  if (left < 1 || rightCount < 1 || n < 2) return patterns;
  for (let s = 0; s < samples; s++) {
    const i = randomBelow(random, left);
    const j = rightStart + randomBelow(random, rightCount);
    if (i === j) continue;
    comparer.compare(i, j, levels);
    const key = levels.join(",");
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
  }
  return patterns;
}

/** Share of each agreement level in counted patterns. */
export function levelShares(patterns: Map<string, number>): number[][] {
  const counts = COMPARISONS.map((c) => new Array<number>(c.levels).fill(0.5));
  for (const [key, count] of patterns) {
    key.split(",").forEach((l, f) => {
      const level = Number(l);
      if (level >= 0) counts[f]![level]! += count;
    });
  }
  return counts.map((r) => {
    const sum = r.reduce((a, b) => a + b, 0);
    return r.map((x) => x / sum);
  });
}

/**
 * Learns a model without labels by EM over the whole space of pairs: the candidate pairs as they are,
 * plus random pairs standing for all the pairs blocking left out. Without the second part, pairs that
 * agree on a blocking key would look like matches merely for having been blocked together. How much names,
 * sex and places go together among different people is measured first, on random pairs that share a name
 * (`estimateDependence`), so that agreeing on all of them is not counted as independent evidence.
 */
export function trainModel(
  comparer: TableComparer,
  pairs: Int32Array,
  leftCount: number | null,
  tf: TermFrequencies,
  random: () => number,
): MatchModel {
  const randomPatterns = randomPairPatterns(comparer, leftCount, random);
  const count = pairs.length / 2;
  const n = comparer.table.count;
  const allPairs = leftCount === null ? (n * (n - 1)) / 2 : leftCount * (n - leftCount);
  const sampled = [...randomPatterns.values()].reduce((a, b) => a + b, 0);
  const scale = Math.max(allPairs - count, 0) / Math.max(sampled, 1);
  const patterns = new Map<string, number>();
  for (const [key, c] of randomPatterns) patterns.set(key, c * scale);
  const step = Math.max(1, Math.floor(count / 300_000));
  const levels = new Int8Array(COMPARISONS.length);
  for (let k = 0; k < count; k += step) {
    comparer.compare(pairs[2 * k]!, pairs[2 * k + 1]!, levels);
    const key = levels.join(",");
    patterns.set(key, (patterns.get(key) ?? 0) + step);
  }
  const shares = levelShares(randomPatterns);
  const start = initialModel(
    shares,
    tf,
    Math.min(0.5, Math.max(count, 1) / Math.max(allPairs, 1)),
    estimateDependence(comparer, shares, leftCount, random),
  );
  return estimateByEm(start, patterns, CORE);
}
