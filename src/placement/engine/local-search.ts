import type { Packing } from "./packing.ts";

const eps = 1e-9;

/** For each case, its allowed places by weight, best first, cut to `limit`. */
export function candidatePlaces(packing: Packing, limit: number): Int32Array[] {
  const { n, m } = packing.model;
  const out: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const allowed: number[] = [];
    for (let p = 0; p < m; p++) if (!Number.isNaN(packing.w(i, p))) allowed.push(p);
    allowed.sort((a, b) => packing.w(i, b) - packing.w(i, a));
    out.push(Int32Array.from(allowed.slice(0, limit)));
  }
  return out;
}

/** Current weight of case i (0 when unassigned). */
function current(packing: Packing, i: number): number {
  const p = packing.placeOf[i]!;
  return p < 0 ? 0 : packing.w(i, p);
}

/** Best place with room for case i other than where it is, and the gain of moving it there. */
function bestRelocation(packing: Packing, i: number, allowLoss = false): { place: number; gain: number } {
  const { m, size } = packing.model;
  const here = packing.placeOf[i]!;
  const cur = current(packing, i);
  let best = { place: -1, gain: allowLoss ? Number.NEGATIVE_INFINITY : eps };
  for (let q = 0; q < m; q++) {
    if (q === here) continue;
    const w = packing.w(i, q);
    if (Number.isNaN(w) || size[i]! > packing.roomPersons[q]! || packing.roomCases[q]! < 1) continue;
    if (w - cur > best.gain) best = { place: q, gain: w - cur };
  }
  return best;
}

/** Best exchange of case i with a case j at one of i's candidate places; applies it when it gains. */
function trySwap(packing: Packing, i: number, candidates: Int32Array): boolean {
  const { size } = packing.model;
  const p = packing.placeOf[i]!;
  const cur = current(packing, i);
  let bestGain = eps;
  let bestJ = -1;
  for (const q of candidates) {
    if (q === p) continue;
    const wiq = packing.w(i, q);
    if (wiq - cur <= eps) break;
    for (const j of packing.members[q]!) {
      if (size[i]! > packing.roomPersons[q]! + size[j]!) continue;
      const wjq = packing.w(j, q);
      let back = 0;
      if (p >= 0) {
        const wjp = packing.w(j, p);
        if (Number.isNaN(wjp) || size[j]! > packing.roomPersons[p]! + size[i]!) continue;
        back = wjp;
      }
      const gain = wiq - cur + back - wjq;
      if (gain > bestGain) {
        bestGain = gain;
        bestJ = j;
      }
    }
  }
  if (bestJ < 0) return false;
  const q = packing.placeOf[bestJ]!;
  packing.remove(bestJ);
  packing.remove(i);
  packing.place(i, q);
  if (p >= 0) packing.place(bestJ, p);
  else {
    // An ejected family goes to its best place with room, if any (the swap gained even without it).
    const again = bestRelocation(packing, bestJ, true);
    if (again.place >= 0 && again.gain >= 0) packing.place(bestJ, again.place);
  }
  return true;
}

/**
 * For an unassigned family u: shift a family j out of one of u's candidate places to another place with
 * room, and put u in the space freed. Applies the best such chain when it gains.
 */
function tryShiftInsert(packing: Packing, u: number, candidates: Int32Array): boolean {
  const { size } = packing.model;
  let best = { gain: eps, j: -1, q: -1, r: -1 };
  for (const q of candidates) {
    const wuq = packing.w(u, q);
    for (const j of packing.members[q]!) {
      if (size[u]! > packing.roomPersons[q]! + size[j]!) continue;
      const out = bestRelocation(packing, j, true);
      if (out.place < 0) continue;
      const gain = wuq + out.gain;
      if (gain > best.gain) best = { gain, j, q, r: out.place };
    }
  }
  if (best.j < 0) return false;
  packing.remove(best.j);
  packing.place(best.j, best.r);
  packing.place(u, best.q);
  return true;
}

/**
 * For an unassigned family u that needs more room at place q than q has: relocate several families out of q
 * (cheapest loss first, each to its best place with room) until u fits, and keep the chain only if it
 * gains. This consolidates scattered spare room, which single moves cannot do.
 */
function tryMultiShift(packing: Packing, u: number, candidates: Int32Array): boolean {
  const { size } = packing.model;
  for (const q of candidates) {
    if (size[u]! <= packing.roomPersons[q]! && packing.roomCases[q]! >= 1) continue;
    const moved: { j: number; from: number }[] = [];
    let gain = packing.w(u, q);
    const members = [...packing.members[q]!].sort((a, b) => size[a]! - size[b]!);
    for (const j of members) {
      if (size[u]! <= packing.roomPersons[q]! && packing.roomCases[q]! >= 1) break;
      const out = bestRelocation(packing, j, true);
      if (out.place < 0 || gain + out.gain <= eps) continue;
      gain += out.gain;
      packing.remove(j);
      packing.place(j, out.place);
      moved.push({ j, from: q });
    }
    if (gain > eps && packing.fits(u, q)) {
      packing.place(u, q);
      return true;
    }
    for (const { j, from } of moved.reverse()) {
      packing.remove(j);
      packing.place(j, from);
    }
  }
  return false;
}

/**
 * First-improvement local search over relocations, pairwise exchanges (including an unassigned family
 * taking the slot of an assigned one) and shift-inserts of unassigned families. Stops at a local optimum or when `outOfTime()` says so.
 */
export function improvePacking(
  packing: Packing,
  candidates: Int32Array[],
  order: Int32Array,
  outOfTime: () => boolean,
): number {
  let rounds = 0;
  for (let improved = true; improved && !outOfTime(); rounds++) {
    improved = false;
    for (const i of order) {
      const move = bestRelocation(packing, i);
      if (move.place >= 0) {
        packing.remove(i);
        packing.place(i, move.place);
        improved = true;
      } else if (trySwap(packing, i, candidates[i]!)) improved = true;
      else if (packing.placeOf[i]! < 0 && tryShiftInsert(packing, i, candidates[i]!)) improved = true;
      else if (packing.placeOf[i]! < 0 && tryMultiShift(packing, i, candidates[i]!)) improved = true;
    }
  }
  return rounds;
}
