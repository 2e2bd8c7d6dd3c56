/** String similarity measures used by the comparison rules. */

// Scratch buffers reused across calls: comparisons run tens of millions of times and must not allocate.
let usedB = new Uint8Array(64);
let matchedA = new Int32Array(64);

/** Jaro similarity in [0, 1]. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (lb > usedB.length || la > matchedA.length) {
    usedB = new Uint8Array(Math.max(lb, la) * 2);
    matchedA = new Int32Array(Math.max(lb, la) * 2);
  }
  usedB.fill(0, 0, lb);
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (usedB[j] === 0 && ca === b.charCodeAt(j)) {
        usedB[j] = 1;
        matchedA[m++] = i;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let x = 0; x < m; x++) {
    while (usedB[k] === 0) k++;
    if (a.charCodeAt(matchedA[x]!) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const t = halfTranspositions / 2;
  return (m / la + m / lb + (m - t) / m) / 3;
}

/** True when a and b are at most one edit apart (insert, delete, substitute or swap neighbours), in linear time. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (sameTail(a, i + 1, b, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2);
  }
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

/** `a.slice(from) === b.slice(bFrom)` without making the slices: this runs for every candidate pair. */
function sameTail(a: string, from: number, b: string, bFrom: number): boolean {
  const x = Math.min(from, a.length);
  const y = Math.min(bFrom, b.length);
  if (a.length - x !== b.length - y) return false;
  for (let k = 0; k < a.length - x; k++) if (a.charCodeAt(x + k) !== b.charCodeAt(y + k)) return false;
  return true;
}

/** Jaro–Winkler similarity in [0, 1]: Jaro boosted by a shared prefix of up to four characters. */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const j = jaro(a, b);
  if (j < 0.7) return j;
  let prefix = 0;
  const limit = Math.min(4, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * prefixScale * (1 - j);
}

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of neighbouring characters
 * (optimal string alignment), so a transposed digit in a document number costs one edit.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let before = new Array<number>(lb + 1).fill(0);
  let previous = Array.from({ length: lb + 1 }, (_, j) => j);
  let current = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    current[0] = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[lb]!;
}
