import { solveSymmetric } from "../../shared/symmetric-solve.ts";

/** Rows of a design matrix, row-major (rows × d), with 0/1 labels. */
export interface Design {
  rows: number;
  d: number;
  x: Float64Array;
  y: Uint8Array;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Linear predictor of row `r` under coefficients `beta`. */
function linear(design: Design, r: number, beta: Float64Array): number {
  let z = 0;
  const at = r * design.d;
  for (let j = 0; j < design.d; j++) z += design.x[at + j]! * beta[j]!;
  return z;
}

/**
 * Penalised logistic regression by Newton's method: minimises the log loss plus
 * Σⱼ penaltyⱼ/2 · (βⱼ − priorⱼ)², so coefficients are pulled towards `prior` (a pooled model, or 0).
 * Small d (tens of features) keeps the d × d solve cheap; the problem is strictly convex when every
 * penalty is positive.
 */
export function fitPenalisedLogistic(
  design: Design,
  prior: Float64Array,
  penalty: Float64Array,
): Float64Array {
  const { d } = design;
  const beta = Float64Array.from(prior);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Float64Array(d);
    const hessian = new Float64Array(d * d);
    for (let j = 0; j < d; j++) {
      gradient[j] = penalty[j]! * (beta[j]! - prior[j]!);
      hessian[j * d + j] = penalty[j]!;
    }
    accumulate(design, beta, gradient, hessian);
    const step = solveSymmetric(hessian, gradient, d);
    let largest = 0;
    for (let j = 0; j < d; j++) {
      beta[j]! -= step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-9) break;
  }
  return beta;
}

/** Adds the log-loss gradient Xᵀ(p − y) and Hessian XᵀWX of every row. */
function accumulate(design: Design, beta: Float64Array, gradient: Float64Array, hessian: Float64Array): void {
  const { d, x, y } = design;
  for (let r = 0; r < design.rows; r++) {
    const p = sigmoid(linear(design, r, beta));
    const residual = p - y[r]!;
    const w = Math.max(p * (1 - p), 1e-12);
    const at = r * d;
    for (let j = 0; j < d; j++) {
      const xj = x[at + j]!;
      if (xj === 0) continue;
      gradient[j]! += residual * xj;
      for (let k = 0; k <= j; k++) hessian[j * d + k]! += w * xj * x[at + k]!;
    }
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hessian[k * d + j] = hessian[j * d + k]!;
}

/** Probability of the outcome for one encoded row. */
export function predictRow(row: Float64Array, beta: Float64Array): number {
  let z = 0;
  for (let j = 0; j < row.length; j++) z += row[j]! * beta[j]!;
  return sigmoid(z);
}
