import type { PlacementCase, PlacementInput, PlacementOptions, PlacementPlace } from "./placement-types.ts";

/**
 * The solver's view of an instance: numbers only. Allowed pairs (supplied, and compatible) are stored by case
 * in compressed rows; `weight` is what is maximised, `score` what was supplied.
 */
export interface PlacementModel {
  n: number;
  m: number;
  size: Int32Array;
  capPersons: Float64Array;
  /** Capacity in cases; Infinity when the place gave none. */
  capCases: Float64Array;
  start: Int32Array;
  place: Int32Array;
  weight: Float64Array;
  score: Float64Array;
  nationOf: Int32Array;
  nations: string[];
}

/** True when a place can serve a family: every need met and, where required, a shared language. */
export function isCompatible(c: PlacementCase, p: PlacementPlace): boolean {
  if (c.needs.some((need) => !p.services.includes(need))) return false;
  if (c.languageRequired && c.languages.length > 0) {
    return c.languages.some((lang) => p.languages.includes(lang));
  }
  return true;
}

/** Bonus for stated preferences (scaled by rank) and for relatives living at the place. */
export function pairBonus(c: PlacementCase, p: PlacementPlace, options: PlacementOptions): number {
  const prefWeight = options.preferenceWeight ?? 0;
  const tieWeight = options.tieWeight ?? 0;
  let bonus = 0;
  if (prefWeight !== 0 && c.preferences.length > 0) {
    const rank = c.preferences.findIndex((wish) => wish === p.id || wish === p.locality || wish === p.nation);
    if (rank >= 0) bonus += (prefWeight * (c.preferences.length - rank)) / c.preferences.length;
  }
  if (tieWeight !== 0 && c.ties.some((tie) => tie === p.id || (p.locality !== "" && tie === p.locality))) {
    bonus += tieWeight;
  }
  return bonus;
}

/** Turns validated input into the numeric model, dropping incompatible pairs. */
export function buildModel(input: PlacementInput, options: PlacementOptions = {}): PlacementModel {
  const n = input.cases.length;
  const m = input.places.length;
  const { caseIndex, placeIndex, score } = input.scores;
  const compatible = compatibilityTable(input);
  const counts = new Int32Array(n + 1);
  for (let k = 0; k < caseIndex.length; k++) {
    if (compatible(caseIndex[k]!, placeIndex[k]!)) counts[caseIndex[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
  const total = counts[n]!;
  const start = Int32Array.from(counts);
  const fill = Int32Array.from(counts);
  const place = new Int32Array(total);
  const weight = new Float64Array(total);
  const scoreOut = new Float64Array(total);
  const bonuses = hasBonuses(options);
  for (let k = 0; k < caseIndex.length; k++) {
    const c = caseIndex[k]!;
    const p = placeIndex[k]!;
    if (!compatible(c, p)) continue;
    const at = fill[c]!++;
    place[at] = p;
    scoreOut[at] = score[k]!;
    weight[at] = score[k]! + (bonuses ? pairBonus(input.cases[c]!, input.places[p]!, options) : 0);
  }
  const nations = [...new Set(input.places.map((p) => p.nation))].sort();
  const nationIndex = new Map(nations.map((code, i) => [code, i]));
  return {
    n,
    m,
    size: Int32Array.from(input.cases, (c) => c.size),
    capPersons: Float64Array.from(input.places, (p) => p.capacityPersons),
    capCases: Float64Array.from(input.places, (p) => p.capacityCases ?? Number.POSITIVE_INFINITY),
    start,
    place,
    weight,
    score: scoreOut,
    nationOf: Int32Array.from(input.places, (p) => nationIndex.get(p.nation)!),
    nations,
  };
}

function hasBonuses(options: PlacementOptions): boolean {
  return (options.preferenceWeight ?? 0) !== 0 || (options.tieWeight ?? 0) !== 0;
}

/** Compatibility as a fast lookup: cases and places without constraints skip the string checks. */
function compatibilityTable(input: PlacementInput): (c: number, p: number) => boolean {
  const constrained = input.cases.map(
    (c) => c.needs.length > 0 || (c.languageRequired && c.languages.length > 0),
  );
  if (!constrained.some(Boolean)) return () => true;
  const m = input.places.length;
  const memo = new Int8Array(input.cases.length * m);
  return (c, p) => {
    if (!constrained[c]) return true;
    const key = c * m + p;
    if (memo[key] === 0) memo[key] = isCompatible(input.cases[c]!, input.places[p]!) ? 1 : 2;
    return memo[key] === 1;
  };
}

/**
 * Capacity of each place counted in cases when the persons limit reduces to a case count: all families
 * there have size 1, or even its largest admissible families fit in its persons capacity. Undefined when
 * some place has a binding persons limit over families of mixed size (the knapsack-like case).
 */
export function unitCapacities(model: PlacementModel): Float64Array | undefined {
  const count = new Float64Array(model.m);
  const largest = new Float64Array(model.m);
  for (let i = 0; i < model.n; i++) {
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      const p = model.place[k]!;
      count[p]! += 1;
      largest[p] = Math.max(largest[p]!, model.size[i]!);
    }
  }
  const caps = new Float64Array(model.m);
  const binding: number[] = [];
  for (let p = 0; p < model.m; p++) {
    const capCases = Math.min(model.capCases[p]!, count[p]!);
    if (largest[p]! <= 1) caps[p] = Math.min(capCases, model.capPersons[p]!);
    else if (capCases * largest[p]! <= model.capPersons[p]!) caps[p] = capCases;
    else binding.push(p);
  }
  // Only places where the quick test failed need their exact largest-families sum.
  for (const p of binding) {
    const sizes: number[] = [];
    for (let i = 0; i < model.n; i++) {
      for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
        if (model.place[k] === p) sizes.push(model.size[i]!);
    }
    sizes.sort((a, b) => b - a);
    const capCases = Math.min(model.capCases[p]!, sizes.length);
    let total = 0;
    for (let k = 0; k < capCases; k++) total += sizes[k]!;
    if (total > model.capPersons[p]!) return undefined;
    caps[p] = capCases;
  }
  return caps;
}
