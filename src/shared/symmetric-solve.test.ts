import { describe, expect, it } from "vitest";
import { solveSymmetric } from "./symmetric-solve.ts";

describe("solveSymmetric", () => {
  it("solves a symmetric positive definite system", () => {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = [1, -2, 3] → b = A x
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const x = [1, -2, 3];
    const b = [4 * 1 + 2 * -2, 2 * 1 + 5 * -2 + 1 * 3, 1 * -2 + 3 * 3];
    const s = solveSymmetric(a, b, 3);
    for (let i = 0; i < 3; i++) expect(s[i]).toBeCloseTo(x[i] as number, 10);
  });

  it("leaves the right-hand side as it was and stays finite on a singular system", () => {
    const b = [1, 1];
    const s = solveSymmetric(Float64Array.from([1, 1, 1, 1]), b, 2);
    expect(b).toEqual([1, 1]);
    expect(Array.from(s).every(Number.isFinite)).toBe(true);
  });
});
