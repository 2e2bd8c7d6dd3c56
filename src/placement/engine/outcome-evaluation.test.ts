import { describe, expect, it } from "vitest";
import { areaUnderCurve, evaluateOutcomes, reliabilityBins } from "./outcome-evaluation.ts";

describe("areaUnderCurve", () => {
  it.each([
    ["a perfect ranking", [0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1],
    ["a reversed ranking", [0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0],
    ["all tied", [0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1], 0.5],
    ["one swapped pair of four", [0.1, 0.3, 0.2, 0.9], [0, 0, 1, 1], 0.75],
  ])("scores %s", (_name, predicted, outcome, expected) => {
    expect(areaUnderCurve(predicted, outcome)).toBeCloseTo(expected, 12);
  });

  it("is undefined (NaN) with one class only", () => {
    expect(areaUnderCurve([0.2, 0.4], [1, 1])).toBeNaN();
  });
});

describe("calibration", () => {
  it("cuts sorted predictions into deciles with their mean and observed rate", () => {
    const predicted = Array.from({ length: 100 }, (_, i) => i / 100);
    const outcome = predicted.map((p) => (p >= 0.5 ? 1 : 0));
    const bins = reliabilityBins(predicted, outcome);
    expect(bins).toHaveLength(10);
    expect(bins.every((b) => b.count === 10)).toBe(true);
    expect(bins[0]).toMatchObject({ bin: 1, observedRate: 0 });
    expect(bins[0]!.meanPredicted).toBeCloseTo(0.045, 12);
    expect(bins[9]).toMatchObject({ bin: 10, observedRate: 1 });
  });

  it("computes the Brier score and the base-rate Brier it should beat", () => {
    const e = evaluateOutcomes([0.9, 0.1, 0.6, 0.4], [1, 0, 0, 1]);
    expect(e.brier).toBeCloseTo((0.01 + 0.01 + 0.36 + 0.36) / 4, 12);
    expect(e.brierBaseRate).toBeCloseTo(0.25, 12);
    expect(e.positives).toBe(2);
    expect(e.bins.reduce((sum, b) => sum + b.count, 0)).toBe(4);
  });
});
