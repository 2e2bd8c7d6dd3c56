import { describe, expect, it } from "vitest";
import { referenceOf } from "../../shared/reference-code.ts";
import type { Assessment } from "../border.contract.ts";
import { applyFamilyHolds, familyHold } from "./family-holds.ts";

const SISTER = "5f0c2a9e-1b7d-4c3a-9e21-0a6b7c8d9e10";
const BROTHER = "a3e1d5c7-2f4b-4a6c-8e0d-1b3c5d7e9f21";

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
      familyHold(SISTER, "fear_claim"),
      familyHold(BROTHER, "medical"),
    ]);
    const [expulsion, third, title8] = held.dispositions;
    for (const option of [expulsion!, third!]) {
      expect(option.eligible).toBe(false);
      expect(option.reasons).toEqual([
        option.reasons[0],
        `held: a fear claim is open for another member of this family group (encounter ${referenceOf("encounter", SISTER)})`,
        `held: a medical safeguard is open for another member of this family group (encounter ${referenceOf("encounter", BROTHER)})`,
      ]);
    }
    expect(title8).toEqual(assessment.dispositions[2]);
    expect(held.familyHolds?.map((h) => [h.encounterId, h.code])).toEqual([
      [SISTER, "fear_claim"],
      [BROTHER, "medical"],
    ]);
  });

  it("leaves an assessment without holds as it was", () => {
    expect(applyFamilyHolds(assessment, [])).toBe(assessment);
  });
});
