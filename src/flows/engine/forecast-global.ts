import { solveSymmetric } from "../../shared/symmetric-solve.ts";
import type { OriginTable } from "./forecast-models.ts";

/**
 * A global model, tried on the tuning set beside the ensemble (ADR 0003, third round) and not adopted: one
 * linear rule per horizon, learned across many series at once, for the h-month log change from the last value.
 * Its inputs at origin t (the first t values seen) are the last 1-, 3-, 6- and 12-month changes, the change
 * over the same months a year earlier, and the distance of the last value from its 12-month mean. Fitted by
 * least absolute deviations (iteratively reweighted least squares), every series weighing the same, with a
 * small ridge so a near-collinear set of inputs stays solvable.
 */

/** Inputs of the global rule for the forecast of z[t+h-1] made after the first t values (t ≥ 13). */
export function globalInputs(z: ArrayLike<number>, t: number, h: number): number[] {
  const at = (i: number) => z[Math.max(0, i)] as number;
  const last = at(t - 1);
  let mean = 0;
  for (let i = t - 12; i < t; i++) mean += at(i);
  mean /= 12;
  const yearBefore = t - 13 >= 0 && t - 1 + h - 12 >= 0 ? at(t - 1 + h - 12) - at(t - 13) : 0;
  return [
    1,
    last - at(t - 2),
    last - at(t - 4),
    last - at(t - 7),
    last - at(t - 13),
    yearBefore,
    last - mean,
  ];
}

/** A log-scale series and which of its origins the rule may learn from (`learn(t, h)`). */
export interface GlobalTrainingSeries {
  z: ArrayLike<number>;
  learn(t: number, h: number): boolean;
}

/** Least history before the global rule forecasts (its inputs reach 13 values back). */
export const globalMinHistory = 13;

/** Coefficients per horizon 1..H, learned from every allowed origin of every series. */
export function fitGlobalModel(series: GlobalTrainingSeries[], H: number, ridge = 0.01): Float64Array[] {
  const out: Float64Array[] = [];
  for (let h = 1; h <= H; h++) {
    const rows: { x: number[]; y: number; weight: number }[] = [];
    for (const s of series) {
      const origins: number[] = [];
      for (let t = globalMinHistory; t + h - 1 < s.z.length; t++) if (s.learn(t, h)) origins.push(t);
      for (const t of origins)
        rows.push({
          x: globalInputs(s.z, t, h),
          y: (s.z[t + h - 1] as number) - (s.z[t - 1] as number),
          weight: 1 / origins.length,
        });
    }
    out.push(leastAbsoluteDeviations(rows, ridge));
  }
  return out;
}

function leastAbsoluteDeviations(
  rows: { x: number[]; y: number; weight: number }[],
  ridge: number,
): Float64Array {
  const d = rows[0]?.x.length ?? 1;
  const total = rows.reduce((sum, r) => sum + r.weight, 0);
  let beta: Float64Array = new Float64Array(d);
  let weights = rows.map((r) => r.weight);
  for (let round = 0; round < 15 && rows.length > 0; round++) {
    const a = new Float64Array(d * d);
    const b = new Float64Array(d);
    rows.forEach((r, i) => {
      const w = weights[i] as number;
      for (let j = 0; j < d; j++) {
        b[j] = (b[j] as number) + w * (r.x[j] as number) * r.y;
        for (let k = 0; k < d; k++)
          a[j * d + k] = (a[j * d + k] as number) + w * (r.x[j] as number) * (r.x[k] as number);
      }
    });
    for (let j = 1; j < d; j++) a[j * d + j] = (a[j * d + j] as number) + ridge * total;
    beta = solveSymmetric(a, b, d);
    // Reweighting by 1 / |residual| turns squared error into absolute error (floored so no row dominates).
    weights = rows.map((r) => r.weight / Math.max(Math.abs(r.y - dot(r.x, beta)), 0.02));
  }
  return beta;
}

const dot = (x: number[], beta: Float64Array) => x.reduce((sum, v, j) => sum + v * (beta[j] as number), 0);

/** Forecasts from every origin with at least `globalMinHistory` values, on the log scale given. */
export function globalTable(z: ArrayLike<number>, H: number, coefficients: Float64Array[]): OriginTable {
  const out: OriginTable = new Array(z.length + 1);
  for (let t = globalMinHistory; t <= z.length; t++) {
    const row = new Float64Array(H);
    for (let h = 1; h <= H; h++) {
      const beta = coefficients[Math.min(h, coefficients.length) - 1] as Float64Array;
      row[h - 1] = (z[t - 1] as number) + dot(globalInputs(z, t, h), beta);
    }
    out[t] = row;
  }
  return out;
}
