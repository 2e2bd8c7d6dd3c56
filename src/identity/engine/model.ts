import { COMPARISONS, GIVEN, SURNAME } from "./compare.ts";
import { type Dependence, stratumOf } from "./name-strata.ts";
import type { Person } from "./person.ts";

/** Fellegi–Sunter parameters: m and u per comparison and level, and the share of matches among candidates. */
export interface MatchModel {
  m: number[][];
  u: number[][];
  lambda: number;
  /** log2(m/u) per comparison and level. */
  weights: number[][];
  tf: TermFrequencies;
  /** Bits per name stratum, field and level for fields that go together among different people (none: independent). */
  dependence?: Dependence;
}

/** How often each full given name and surname occurs, so a shared rare name counts for more than García. */
export interface TermFrequencies {
  total: number;
  given: Map<string, number>;
  surname: Map<string, number>;
  /** Chance that two random records share a given name / a surname exactly. */
  givenCollision: number;
  surnameCollision: number;
}

const FLOOR = 1e-5;

/** Counts full given names and surnames over every record to be matched. */
export function termFrequencies(people: Iterable<Person>): TermFrequencies {
  const given = new Map<string, number>();
  const surname = new Map<string, number>();
  let total = 0;
  for (const p of people) {
    total++;
    if (p.givenText) given.set(p.givenText, (given.get(p.givenText) ?? 0) + 1);
    if (p.surnameText) surname.set(p.surnameText, (surname.get(p.surnameText) ?? 0) + 1);
  }
  return {
    total,
    given,
    surname,
    givenCollision: collision(given),
    surnameCollision: collision(surname),
  };
}

function collision(counts: Map<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  let sum = 0;
  for (const c of counts.values()) sum += (c / n) * (c / n);
  return Math.max(sum, FLOOR);
}

/** A starting model: matches mostly agree, u from the level shares of random pairs. */
export function initialModel(
  randomLevelShares: number[][],
  tf: TermFrequencies,
  lambda: number,
  dependence?: Dependence,
): MatchModel {
  const m = COMPARISONS.map((c) => {
    const top = 0.85;
    const rest = (1 - top) / (c.levels - 1);
    return Array.from({ length: c.levels }, (_, l) => (l === c.levels - 1 ? top : rest));
  });
  const u = randomLevelShares.map((row) => row.map((x) => Math.max(x, FLOOR)));
  return withWeights({ m, u, lambda, weights: [], tf, ...(dependence ? { dependence } : {}) });
}

/** Recomputes log2(m/u) after m or u changed. */
export function withWeights(model: Omit<MatchModel, "weights"> & { weights?: number[][] }): MatchModel {
  const weights = model.m.map((row, f) =>
    row.map((mv, l) => Math.log2(Math.max(mv, FLOOR) / Math.max(model.u[f]![l]!, FLOOR))),
  );
  return { ...model, weights };
}

/** Term-frequency adjustment of an exact name agreement: positive for rare names, negative for common ones. */
export function tfAdjustment(tf: TermFrequencies, a: Person, b: Person, levels: ArrayLike<number>): number {
  let adj = 0;
  if (levels[GIVEN] === 4 && a.givenText === b.givenText) adj += nameRarity(tf, "given", a.givenText);
  if (levels[SURNAME] === 4 && a.surnameText === b.surnameText)
    adj += nameRarity(tf, "surname", a.surnameText);
  return adj;
}

/** Bits an exact agreement on this name adds (rare) or takes away (common), clamped to ±3. */
export function nameRarity(tf: TermFrequencies, kind: "given" | "surname", text: string): number {
  const share = (tf[kind].get(text) ?? 1) / tf.total;
  const collision = kind === "given" ? tf.givenCollision : tf.surnameCollision;
  return clamp(Math.log2(collision / Math.max(share, FLOOR)), -3, 3);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Match weight (log2 odds) of a comparison vector, prior included, without term frequencies. */
export function vectorWeight(model: MatchModel, levels: ArrayLike<number>): number {
  let w = Math.log2(model.lambda / (1 - model.lambda));
  const stratum = model.dependence ? stratumOf(levels) : 0;
  const extra = stratum > 0 ? model.dependence![stratum]! : null;
  for (let f = 0; f < model.weights.length; f++) {
    const l = levels[f]!;
    if (l >= 0) w += model.weights[f]![l]! + (extra === null ? 0 : extra[f]![l]!);
  }
  return w;
}

/** The bits a field's level adds to a pair's weight, its dependence on the names' agreement included. */
export function levelWeight(model: MatchModel, levels: ArrayLike<number>, f: number): number {
  const l = levels[f]!;
  if (l < 0) return 0;
  const stratum = model.dependence ? stratumOf(levels) : 0;
  return model.weights[f]![l]! + (stratum > 0 ? model.dependence![stratum]![f]![l]! : 0);
}

/** Probability of a match from a match weight. */
export function weightToProbability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/**
 * Learns m, u and the match share by expectation–maximisation on comparison patterns and their counts,
 * without labels. EM runs on the core identity fields first (`core`), because fields that move together
 * (nationality and birth place) would otherwise be taken for the sign of a match; the other fields then
 * get their m and u from one step with the core fields' posteriors. Last, every field's m is taken again from
 * the pairs the other fields make near-certain (`mFromOtherFields`).
 */
export function estimateByEm(
  start: MatchModel,
  patterns: Map<string, number>,
  core: readonly boolean[],
  iterations = 60,
): MatchModel {
  const rows = [...patterns].map(([key, count]) => ({ levels: key.split(",").map(Number), count }));
  const coreRows = rows.map((r) => ({ count: r.count, levels: r.levels.map((l, f) => (core[f] ? l : -1)) }));
  let model = start;
  for (let it = 0; it < iterations; it++) {
    const next = emStep(model, coreRows, core);
    const moved = Math.abs(next.lambda - model.lambda) / model.lambda;
    model = next;
    if (moved < 1e-6) break;
  }
  const posteriors = coreRows.map((r) => weightToProbability(vectorWeight(model, r.levels)));
  return mFromOtherFields({ ...emStep(model, rows, null, posteriors), lambda: model.lambda }, rows);
}

/** A pair is an anchor for a field when the other fields alone give it at least this match probability. */
const ANCHOR = 0.95;
/** The EM estimate counts as this many anchor pairs, so a field with few anchors keeps close to it. */
const EM_PAIRS = 20;

/**
 * m of each field taken again from the pairs that the other fields alone make near-certain matches (anchors).
 * EM's match class also takes in different people who share common names: counted as matches, they teach
 * that a differing date or birthplace is usual among matches. Among anchors a field cannot vouch for itself.
 */
function mFromOtherFields(model: MatchModel, rows: { levels: number[]; count: number }[]): MatchModel {
  const counts = COMPARISONS.map((c) => new Array<number>(c.levels).fill(0));
  const without = new Array<number>(COMPARISONS.length);
  for (const row of rows) {
    for (let f = 0; f < COMPARISONS.length; f++) {
      const l = row.levels[f]!;
      if (l < 0) continue;
      for (let g = 0; g < without.length; g++) without[g] = g === f ? -1 : row.levels[g]!;
      if (weightToProbability(vectorWeight(model, without)) >= ANCHOR) counts[f]![l]! += row.count;
    }
  }
  const m = counts.map((row, f) => {
    const anchors = row.reduce((a, b) => a + b, 0);
    return row.map((c, l) => (c + EM_PAIRS * model.m[f]![l]!) / (anchors + EM_PAIRS));
  });
  return withWeights({ ...model, m });
}

function emStep(
  model: MatchModel,
  rows: { levels: number[]; count: number }[],
  only: readonly boolean[] | null,
  posteriors?: number[],
): MatchModel {
  const mSum = COMPARISONS.map((c) => new Array<number>(c.levels).fill(1e-3));
  const uSum = COMPARISONS.map((c) => new Array<number>(c.levels).fill(1e-3));
  let matches = 0;
  let total = 0;
  rows.forEach((row, r) => {
    const post = posteriors?.[r] ?? weightToProbability(vectorWeight(model, row.levels));
    const pm = post * row.count;
    const pu = (1 - post) * row.count;
    matches += pm;
    total += row.count;
    row.levels.forEach((l, f) => {
      if (l < 0) return;
      mSum[f]![l]! += pm;
      uSum[f]![l]! += pu;
    });
  });
  const norm = (sums: number[][]) => sums.map((r) => r.map((x) => x / r.reduce((a, b) => a + b, 0)));
  const lambda = clamp(matches / Math.max(total, 1), 1e-12, 0.999);
  const m = norm(mSum).map((row, f) => (only && !only[f] ? model.m[f]! : row));
  const u = norm(uSum).map((row, f) => (only && !only[f] ? model.u[f]! : row));
  return withWeights({ ...model, m, u, lambda });
}
