import { expect, it } from "vitest";
import { type Assessment, type AssessmentChecks, EncounterInput } from "./border.contract.ts";
import { assessDisposition } from "./engine/assess-disposition.ts";
import { indexRules } from "./pack-rule-index.test-support.ts";
import { loadShippedPack, type ShippedJurisdiction } from "./shipped-packs.test-support.ts";

// Test support: dated scenarios run through a shipped pack, each naming the rules it exercises (see
// pack-rule-index.fixture.ts), the authority, the eligibility it expects and the presumptions and safeguards.

export interface PackScenario {
  name: string;
  encounter: Record<string, unknown>;
  checks?: Partial<AssessmentChecks>;
  authority: string;
  /** Rule ids the scenario shows applied, with their reasons and citations. */
  rules: string[];
  /** Eligibility of dispositions by "code to" (or "code"). */
  eligible?: Record<string, boolean>;
  presumptions?: string[];
  safeguards?: string[];
}

const keyOf = (d: { code: string; to?: string | undefined }) => (d.to ? `${d.code} ${d.to}` : d.code);

/** Assesses a scenario's encounter against the shipped pack of `nation`. */
export function assessScenario(nation: ShippedJurisdiction, s: PackScenario): Assessment {
  const encounter = EncounterInput.parse({ demographic: "single_adult", ...s.encounter });
  return assessDisposition(encounter, loadShippedPack(nation), { priorResidence: {}, ...s.checks });
}

/** Registers one test per scenario and one that checks every rule of the pack is exercised by some scenario. */
export function runPackScenarios(nation: ShippedJurisdiction, scenarios: PackScenario[]): void {
  const index = indexRules(loadShippedPack(nation));
  it.each(scenarios)("$name", (s) => {
    const out = assessScenario(nation, s);
    expect(out.authority).toBe(s.authority);
    for (const id of s.rules) {
      const rule = index.get(id);
      if (!rule) throw new Error(`scenario names an unknown rule ${id}`);
      rule.check(out, s.encounter.citizenship as string);
    }
    const eligibility = Object.fromEntries(out.dispositions.map((d) => [keyOf(d), d.eligible]));
    expect(eligibility).toMatchObject(s.eligible ?? {});
    expect(out.presumptions.map((p) => p.code)).toEqual(s.presumptions ?? []);
    if (s.safeguards) expect(out.safeguards.map((g) => g.code)).toEqual(s.safeguards);
  });

  it("exercises every rule of the pack in some scenario", () => {
    const exercised = new Set(scenarios.flatMap((s) => s.rules));
    expect([...index.keys()].filter((id) => !exercised.has(id))).toEqual([]);
  });
}
