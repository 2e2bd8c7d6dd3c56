import { describe, expect, it } from "vitest";
import { labelOf } from "../../pathways/engine/vocabulary.ts";
import { assessFairness, type FairnessSettings, formatFairness, steeringFlags } from "./outcome-fairness.ts";
import { type CaseFeatures, generateHistory, type OutcomeRecord } from "./outcome-history.ts";

// Two localities with 200 past families each. A quarter of each are women at risk (WAR), who did equally
// well in both (30 of 50 employed); the others did 75 of 150 in both. Held out: the same rows.
function history(): OutcomeRecord[] {
  const rows: OutcomeRecord[] = [];
  for (const locality of ["L1", "L2"]) {
    for (let i = 0; i < 200; i++) {
      const war = i < 50;
      rows.push({
        id: `${locality}-${i}`,
        size: 1,
        languages: [],
        needs: [],
        education: undefined,
        workExperience: undefined,
        specificNeeds: war ? ["woman_at_risk"] : [],
        nationality: i % 2 === 0 ? "VEN" : "HTI",
        locality,
        outcome: (war ? i < 30 : i < 125) ? 1 : 0,
        line: 0,
      });
    }
  }
  return rows;
}

const settings: FairnessSettings = { shareRatio: 0.5, tolerance: 0.02, minRows: 30, minExpected: 5, z: 0 };
const war = (c: CaseFeatures) => c.specificNeeds.includes("woman_at_risk");
// Half the families (by id parity) gain a little at L1, the other half at L2: the group splits evenly.
const lean = (c: CaseFeatures, locality: string) => {
  const odd = Number(c.id.split("-")[1]) % 2 === 1;
  return (odd ? locality === "L1" : locality === "L2") ? 0.01 : 0;
};
const honest = (c: CaseFeatures, locality: string) => (war(c) ? 0.6 : 0.5) + lean(c, locality);
// The same, but women at risk scored 0.3 lower in L2, where their outcomes were as good as in L1.
const steering = (c: CaseFeatures, locality: string) =>
  honest(c, locality) - (war(c) && locality === "L2" ? 0.3 : 0);

describe("assessFairness", () => {
  const rows = history();

  it("reports calibration by needs group and nationality: mean predicted against observed, with counts", () => {
    const report = assessFairness({ heldOut: rows, history: rows, predict: honest, settings });
    const group = report.byNeed.find((g) => g.group === "woman_at_risk")!;
    expect(group.rows).toBe(100);
    expect(group.observedRate).toBeCloseTo(0.6, 12);
    expect(group.meanPredicted).toBeCloseTo(0.605, 12);
    expect(report.overall).toMatchObject({ rows: 400 });
    expect(report.overall.observedRate).toBeCloseTo((60 + 150) / 400, 12);
    expect(report.byNationality.map((g) => [g.group, g.rows])).toEqual([
      ["HTI", 200],
      ["VEN", 200],
    ]);
    // Placement share per place for the group against everyone's.
    const l2 = group.places.find((p) => p.locality === "L2")!;
    expect(l2.overallShare).toBeCloseTo(0.5, 12);
    expect(l2.share).toBeCloseTo(0.5, 12);
    expect(l2.observedRate).toBeCloseTo(0.6, 12);
    expect(report.flagged).toBe(false);
  });

  it("flags a model steering a needs group away from a place where it does as well", () => {
    const report = assessFairness({ heldOut: rows, history: rows, predict: steering, settings });
    expect(report.flagged).toBe(true);
    expect(report.flags).toEqual([
      expect.objectContaining({ group: "woman_at_risk", locality: "L2", share: 0, overallShare: 0.5 }),
    ]);
    expect(formatFairness(report).join("\n")).toMatch(
      /FLAG woman_at_risk at L2: share 0\.0% against 50\.0% overall/,
    );
  });

  it("does not flag when the group did worse at the place it is kept from", () => {
    // Women at risk employed 10 of 50 in L2 now: being sent to L1 is what the history supports.
    const worse = history().map((r) =>
      r.locality === "L2" && r.specificNeeds.length > 0
        ? { ...r, outcome: (Number(r.id.split("-")[1]) < 10 ? 1 : 0) as 0 | 1 }
        : r,
    );
    const report = assessFairness({ heldOut: worse, history: worse, predict: steering, settings });
    expect(report.flags).toEqual([]);
  });

  it("reads no rate from too few past cases, and asks for z standard errors of certainty", () => {
    const report = assessFairness({ heldOut: rows, history: rows, predict: steering, settings });
    const group = report.byNeed.filter((g) => g.group === "woman_at_risk");
    expect(steeringFlags(group, { ...settings, minRows: 51 })).toEqual([]);
    // 50 past cases at 0.6: one standard error is 0.069, more than the 0.02 tolerance.
    expect(steeringFlags(group, { ...settings, z: 1 })).toEqual([]);
    expect(steeringFlags(group, { ...settings, z: -1 })).toHaveLength(1);
    // A shortfall the overall share would not even notice (minExpected) is not a flag.
    expect(steeringFlags(group, { ...settings, minExpected: 51 })).toEqual([]);
  });
});

describe("generated specific needs", () => {
  it("uses the codes of the pathways vocabulary, and a nationality for every family", () => {
    const generated = generateHistory({ history: 2000, newCases: 0, localities: 4, seed: 3 });
    const codes = new Set(generated.records.flatMap((r) => r.specificNeeds));
    expect(codes.size).toBeGreaterThanOrEqual(5);
    // A code the vocabulary knows has a label of its own, not the code turned into words.
    for (const code of codes) expect(labelOf(code, "es")).not.toBe(code.replaceAll("_", " "));
    expect(generated.records.every((r) => /^[A-Z]{3}$/.test(r.nationality))).toBe(true);
    const medical = generated.records.filter((r) => r.needs.includes("medical"));
    expect(medical.every((r) => r.specificNeeds.includes("medical_need"))).toBe(true);
  });
});
