/**
 * Solves A s = b for a symmetric positive definite A (d × d, row-major) by Cholesky. A is overwritten with its
 * factor; b is left as it was. A pivot that is not positive is floored at 1e-12, so a nearly singular system
 * still gives a finite answer (callers add a ridge when their system may be singular).
 */
export function solveSymmetric(a: Float64Array, b: ArrayLike<number>, d: number): Float64Array {
  for (let j = 0; j < d; j++) {
    let diagonal = a[j * d + j] as number;
    for (let k = 0; k < j; k++) diagonal -= (a[j * d + k] as number) ** 2;
    const root = Math.sqrt(Math.max(diagonal, 1e-12));
    a[j * d + j] = root;
    for (let i = j + 1; i < d; i++) {
      let sum = a[i * d + j] as number;
      for (let k = 0; k < j; k++) sum -= (a[i * d + k] as number) * (a[j * d + k] as number);
      a[i * d + j] = sum / root;
    }
  }
  const s = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < i; k++) s[i] = (s[i] as number) - (a[i * d + k] as number) * (s[k] as number);
    s[i] = (s[i] as number) / (a[i * d + i] as number);
  }
  for (let i = d - 1; i >= 0; i--) {
    for (let k = i + 1; k < d; k++) s[i] = (s[i] as number) - (a[k * d + i] as number) * (s[k] as number);
    s[i] = (s[i] as number) / (a[i * d + i] as number);
  }
  return s;
}
