import { describe, expect, it } from "vitest";
import type { Assessment } from "../border.contract.ts";
import { applyFamilyHolds, familyHold } from "./family-holds.ts";

const assessment: Assessment = {
  authority: "title42",
  dispositions: [
    { code: "expulsion", to: "MEX", eligible: true, reasons: ["Title 42 in force"], citations: [] },
    { code: "third_country_return", to: "COL", eligible: true, reasons: ["verified"], citations: [] },
    { code: "title8_processing", eligible: true, reasons: ["always open"], citations: [] },
  ],
  safeguards: [],
  pendingChecks: [],
  presumptions: [],
};

describe("the family hold", () => {
  it("makes every return and removal ineligible, saying which member and safeguard hold it", () => {
    const held = applyFamilyHolds(assessment, [
      familyHold("enc-2", "fear_claim"),
      familyHold("enc-3", "medical"),
    ]);
    const [expulsion, third, title8] = held.dispositions;
    for (const option of [expulsion!, third!]) {
      expect(option.eligible).toBe(false);
      expect(option.reasons).toEqual([
        option.reasons[0],
        "held: a fear claim is open for another member of this family group (encounter enc-2)",
        "held: a medical safeguard is open for another member of this family group (encounter enc-3)",
      ]);
    }
    expect(title8).toEqual(assessment.dispositions[2]);
    expect(held.familyHolds?.map((h) => [h.encounterId, h.code])).toEqual([
      ["enc-2", "fear_claim"],
      ["enc-3", "medical"],
    ]);
  });

  it("leaves an assessment without holds as it was", () => {
    expect(applyFamilyHolds(assessment, [])).toBe(assessment);
  });
});
