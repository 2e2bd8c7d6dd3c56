/**
 * Each case's best places by priced weight, so a bid usually scans a short list instead of every place. `tau[i]`
 * is the best priced weight left off case i's list: a bid whose second best beats it needs no full scan.
 */
export interface CandidateLists {
  start: Int32Array;
  place: Int32Array;
  /** The pair's weight beside its place, so a bid reads one short contiguous run of memory. */
  weight: Float64Array;
  tau: Float64Array;
}

/**
 * Lists of at most `k` places per case by weight minus the places' current prices (−Infinity where not
 * allowed). Because prices only rise afterwards, a place off the list stays worth at most `tau[i]`.
 */
export function candidateLists(
  weight: Float64Array,
  prices: Float64Array,
  n: number,
  m: number,
  k: number,
): CandidateLists {
  const tau = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const start = new Int32Array(n + 1);
  const place = new Int32Array(n * Math.min(k, m));
  const listWeight = new Float64Array(place.length);
  const scratch = new Float64Array(m);
  const values = new Float64Array(m);
  let fill = 0;
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let p = 0; p < m; p++) scratch[p] = weight[row + p]! - prices[p]!;
    if (m > k) {
      values.set(scratch);
      tau[i] = kthSmallest(values, m - k - 1);
    }
    const cut = tau[i]!;
    for (let p = 0; p < m; p++) {
      if (scratch[p]! <= cut) continue;
      place[fill] = p;
      listWeight[fill++] = weight[row + p]!;
    }
    start[i + 1] = fill;
  }
  return { start, place, weight: listWeight, tau };
}

/** The value of rank `rank` (0 = smallest) by quickselect; reorders `a`. Typed-array sort is far slower. */
export function kthSmallest(a: Float64Array, rank: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = medianOfThree(a[lo]!, a[(lo + hi) >> 1]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (rank <= j) hi = j;
    else if (rank >= i) lo = i;
    else return a[rank]!;
  }
  return a[rank]!;
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : Math.max(x, z);
  return x < z ? x : Math.max(y, z);
}
