import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { fitGlobalModel, globalInputs, globalMinHistory, globalTable } from "./forecast-global.ts";

// Log series whose monthly change carries on half of the last one, plus noise: a rule a global fit can find,
// and one the last value alone (naive) misses.
function momentumSeries(seed: number, n = 120): Float64Array {
  const random = seededRandom(seed);
  const z = new Float64Array(n);
  z[0] = 8;
  let change = 0;
  for (let i = 1; i < n; i++) {
    change = 0.5 * change + (random() - 0.5) * 0.4;
    z[i] = (z[i - 1] as number) + change;
  }
  return z;
}
const everywhere = { learn: () => true };

describe("globalInputs", () => {
  it("reads the last changes, the year-before change and the distance from the 12-month mean", () => {
    const z = Array.from({ length: 30 }, (_, i) => i); // a straight line: every change is its length
    const [one, lastOne, three, six, twelve, yearBefore, fromMean] = globalInputs(z, 25, 2);
    expect([one, lastOne, three, six, twelve, yearBefore]).toEqual([1, 1, 3, 6, 12, 2]);
    expect(fromMean).toBeCloseTo(5.5, 12); // 24 against the mean of 13..24
  });
});

describe("fitGlobalModel and globalTable", () => {
  const learnt = Array.from({ length: 12 }, (_, k) => ({ z: momentumSeries(k + 1), ...everywhere }));
  const coefficients = fitGlobalModel(learnt, 3);

  it("learns the momentum: on series it never saw it beats the last value at one month", () => {
    let [ours, naive] = [0, 0];
    for (let k = 100; k < 106; k++) {
      const z = momentumSeries(k);
      const table = globalTable(z, 1, coefficients);
      for (let t = globalMinHistory; t < z.length; t++) {
        ours += Math.abs((z[t] as number) - (table[t]?.[0] as number));
        naive += Math.abs((z[t] as number) - (z[t - 1] as number));
      }
    }
    expect(ours / naive).toBeLessThan(0.95); // the best rule reaches about 0.87 (√0.75)
    expect(coefficients[0]?.[1]).toBeGreaterThan(0.3); // the last change carries on
  });

  it("is causal: what comes after an origin never changes the forecast made there", () => {
    const z = momentumSeries(7);
    const changed = Float64Array.from(z);
    for (let i = 60; i < changed.length; i++) changed[i] = 20;
    const [before, after] = [globalTable(z, 3, coefficients), globalTable(changed, 3, coefficients)];
    for (let t = globalMinHistory; t <= 60; t++) expect(after[t]).toEqual(before[t]);
    expect(after[61]).not.toEqual(before[61]);
  });

  it("learns only from the origins it is allowed", () => {
    const withHidden = [...learnt, { z: momentumSeries(99).map(() => 3), learn: () => false }];
    expect(fitGlobalModel(withHidden, 3)).toEqual(coefficients);
    const allowed = [...learnt, { z: momentumSeries(99).map((_, i) => (i % 2) * 4), ...everywhere }];
    expect(fitGlobalModel(allowed, 3)).not.toEqual(coefficients);
  });

  it("forecasts nothing before it has its 13 values", () => {
    const table = globalTable(momentumSeries(3, 20), 2, coefficients);
    expect(table.slice(0, globalMinHistory).every((row) => row === undefined)).toBe(true);
    expect(table[globalMinHistory]).toHaveLength(2);
  });
});
