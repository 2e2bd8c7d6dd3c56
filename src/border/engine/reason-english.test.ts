import { describe, expect, it } from "vitest";
import { type Assessment, EncounterInput } from "../border.contract.ts";
import { REASON_CODES, type ReasonCode } from "../border-reasons.contract.ts";
import {
  loadShippedPack,
  packJson,
  SHIPPED_PACKS,
  type ShippedJurisdiction,
} from "../shipped-packs.test-support.ts";
import { assessDisposition } from "./assess-disposition.ts";
import { applyFamilyHolds, familyHold } from "./family-holds.ts";
import { PolicyPack } from "./policy-pack.ts";
import { englishReason } from "./reason-english.ts";

// Every reason an assessment gives is carried twice: as the English sentence the CLI and exports print, and as
// a code with its parts that the web writes in the reader's language. The two must say the same thing, in
// the same order, for every pack, date and kind of person.

const DATES = [
  "2019-06-01",
  "2020-06-01",
  "2021-09-20",
  "2022-05-25",
  "2023-05-11T23:30:00-04:00",
  "2024-07-01",
];
const CITIZENSHIPS = ["MEX", "VEN", "HTI", "GTM", "HND", "COL", "CUB", "ECU"];
const DEMOGRAPHICS = ["single_adult", "family_unit", "accompanied_minor", "unaccompanied_minor"] as const;
const BORDERS = [
  undefined,
  "US-southwest",
  "Del Rio Sector",
  "northern",
  "Atlantic airport",
  "Frontera norte",
];

function* encounters(): Generator<EncounterInput> {
  let i = 0;
  for (const date of DATES)
    for (const citizenship of CITIZENSHIPS)
      for (const demographic of DEMOGRAPHICS) {
        i += 1;
        yield EncounterInput.parse({
          date,
          citizenship,
          demographic,
          border: BORDERS[i % BORDERS.length],
          fearClaim: i % 3 === 0,
          medicalEmergency: i % 7 === 0,
          traffickingIndicators: i % 11 === 0 ? ["debt bondage"] : [],
          entry: i % 5 === 0 ? "port_of_entry" : "between_ports",
          appointment: i % 10 === 0,
          priorRemovalOrder: i % 4 === 0,
          priorResidences: i % 2 === 0 ? [{ country: "COL" }] : [],
        });
      }
}

const CHECKS = [
  { priorResidence: {} },
  { priorResidence: { COL: "verified" as const } },
  { priorResidence: { COL: "not_found" as const } },
  { priorResidence: { COL: "pending" as const } },
  { priorResidence: {}, closedSafeguards: ["fear_claim" as const, "medical" as const] },
];

/** Every pair of a sentence and its code in an assessment, failing on a count that differs. */
function pairsOf(assessment: Assessment): { text: string; code: ReasonCode; english: string }[] {
  const pairs: { text: string; code: ReasonCode; english: string }[] = [];
  const lists = [...assessment.dispositions, ...assessment.presumptions];
  for (const item of lists) {
    expect(item.explained).toHaveLength(item.reasons.length);
    item.reasons.forEach((text, i) => {
      const why = item.explained?.[i];
      if (why) pairs.push({ text, code: why.code, english: englishReason(why) });
    });
  }
  return pairs;
}

/** A shipped pack altered to reach the reasons the shipped packs never give. */
function altered(
  nation: ShippedJurisdiction,
  change: (json: ReturnType<typeof packJson>) => void,
): PolicyPack {
  const json = packJson(nation);
  change(json);
  return PolicyPack.parse(json);
}

describe("coded reasons", () => {
  const seen = new Set<ReasonCode>();
  const check = (assessment: Assessment) => {
    for (const pair of pairsOf(assessment)) {
      expect(pair.english).toBe(pair.text);
      seen.add(pair.code);
    }
  };

  it("say in English exactly what the reasons say, for every shipped pack", () => {
    let assessed = 0;
    for (const nation of Object.keys(SHIPPED_PACKS) as ShippedJurisdiction[]) {
      const pack = loadShippedPack(nation);
      for (const encounter of encounters())
        for (const checks of CHECKS) {
          check(assessDisposition(encounter, pack, checks));
          assessed += 1;
        }
    }
    expect(assessed).toBe(3 * DATES.length * CITIZENSHIPS.length * DEMOGRAPHICS.length * CHECKS.length);
  });

  it("cover the reasons only altered packs and family groups give", () => {
    const child = EncounterInput.parse({
      date: "2023-06-01",
      citizenship: "HND",
      demographic: "unaccompanied_minor",
      fearClaim: true,
    });
    // A pack that names borders but no default, and forgets every safeguard.
    const bare = altered("USA", (json) => {
      delete json.defaultBorder;
      json.safeguards = [];
    });
    check(assessDisposition(child, bare));
    const adult = EncounterInput.parse({
      ...child,
      citizenship: "MEX",
      demographic: "single_adult",
      border: "US-southwest",
    });
    check(assessDisposition(adult, bare));
    // A family member's open safeguard holds this member's returns.
    const held = applyFamilyHolds(assessDisposition(child, loadShippedPack("USA")), [
      familyHold("0c6f4a53-7b9e-4a36-9a59-3f1a4a1f1e11", "fear_claim"),
    ]);
    check(held);
    // A rule limited to one kind of entry, met at the other.
    const atPort = altered("MEX", (json) => {
      for (const d of json.dispositions) for (const r of d.acceptance) r.entries = ["port_of_entry"];
    });
    for (const encounter of encounters())
      if (encounter.entry === "between_ports") check(assessDisposition(encounter, atPort));
    expect(REASON_CODES.filter((code) => !seen.has(code))).toEqual([]);
  });

  it("quote the pack's words and carry codes, dates and countries as they are", () => {
    const encounter = EncounterInput.parse({
      date: "2023-06-01",
      citizenship: "VEN",
      demographic: "single_adult",
      border: "US-southwest",
      priorResidences: [{ country: "COL" }],
    });
    const assessment = assessDisposition(encounter, loadShippedPack("USA"), {
      priorResidence: { COL: "pending" },
    });
    const mpp = assessment.dispositions.find((d) => d.code === "mpp");
    const window = mpp?.explained?.find((r) => r.code === "rule_outside_window");
    expect(window?.params).toMatchObject({
      date: "2023-06-01",
      from: "2019-01-28",
      zone: "America/New_York",
    });
    expect(window?.params.rule).toMatch(/^Migrant Protection Protocols/);
    const toColombia = assessment.dispositions.find((d) => d.code === "third_country_return");
    expect(toColombia?.explained?.map((r) => r.code)).toContain("disposition_unavailable");
    expect(toColombia?.explained?.at(-1)?.params).toMatchObject({ authorities: ["title42"] });
  });
});
