/**
 * Orders of millions of scored pairs. Sorting an index array with a comparator takes tens of seconds at
 * that size; weights take few distinct values (one per agreement pattern and name rarity), so a native
 * sort of the weights, their distinct values and a counting sort give the same order in a few seconds.
 */

/** Positions of `weights` from the largest weight down; equal weights keep their order (a stable sort). */
export function strongestFirst(weights: Float64Array): Int32Array {
  const n = weights.length;
  const sorted = Float64Array.from(weights).sort();
  const distinct: number[] = [];
  for (let x = n - 1; x >= 0; x--)
    if (distinct.length === 0 || distinct.at(-1)! !== sorted[x]) distinct.push(sorted[x]!);
  const values = Float64Array.from(distinct);
  const rank = new Int32Array(n);
  const starts = new Int32Array(values.length + 1);
  for (let x = 0; x < n; x++) {
    rank[x] = rankOf(values, weights[x]!);
    starts[rank[x]! + 1]!++;
  }
  for (let r = 0; r < values.length; r++) starts[r + 1]! += starts[r]!;
  const order = new Int32Array(n);
  for (let x = 0; x < n; x++) order[starts[rank[x]!]!++] = x;
  return order;
}

/** Index of `w` in `values`, which run from largest to smallest. */
function rankOf(values: Float64Array, w: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! > w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One Int32Array holding the given ones in turn. */
export function concatInts(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One Float64Array holding the given ones in turn. */
export function concatFloats(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
