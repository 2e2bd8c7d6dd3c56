import { describe, expect, it } from "vitest";
import { Assessment, type AssessmentChecks, EncounterInput } from "../border.contract.ts";
import { loadUsPack, type RawPackJson, usPackJson } from "../shipped-packs.test-support.ts";
import { assessDisposition } from "./assess-disposition.ts";
import { validateWith } from "./parse-input.ts";
import { PolicyPack } from "./policy-pack.ts";

const pack = loadUsPack();

type Key = "expulsion MEX" | "third_country_return COL" | "title8_processing";

function encounter(overrides: Record<string, unknown>): EncounterInput {
  return EncounterInput.parse({
    date: "2022-03-15",
    citizenship: "MEX",
    demographic: "single_adult",
    ...overrides,
  });
}

function assess(overrides: Record<string, unknown>, priorResidence?: AssessmentChecks["priorResidence"]) {
  return assessDisposition(encounter(overrides), pack, priorResidence ? { priorResidence } : undefined);
}

function eligibility(result: Assessment): Record<Key, boolean> {
  const find = (code: string, to?: string) =>
    result.dispositions.find((d) => d.code === code && d.to === to)?.eligible ?? false;
  return {
    "expulsion MEX": find("expulsion", "MEX"),
    "third_country_return COL": find("third_country_return", "COL"),
    title8_processing: find("title8_processing"),
  };
}

const VEN_COL = {
  citizenship: "VEN",
  priorResidences: [{ country: "COL", from: "2019-01-01", to: "2021-12-31" }],
};
const UAC = { demographic: "unaccompanied_minor" };
const T8 = { "expulsion MEX": false, "third_country_return COL": false, title8_processing: true };
const MEX_OK = { "expulsion MEX": true, "third_country_return COL": false, title8_processing: true };
const COL_OK = { "expulsion MEX": false, "third_country_return COL": true, title8_processing: true };

interface Scenario {
  name: string;
  encounter: Record<string, unknown>;
  checks?: AssessmentChecks["priorResidence"];
  authority: "title42" | "title8";
  eligible: Record<Key, boolean>;
  safeguards?: string[];
  pending?: string[];
}

const scenarios: Scenario[] = [
  {
    name: "day before Title 42 applied",
    encounter: { date: "2020-03-20" },
    authority: "title8",
    eligible: T8,
  },
  {
    name: "first day of Title 42",
    encounter: { date: "2020-03-21" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "last day of Title 42 (date only)",
    encounter: { date: "2023-05-11" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "11:58:59 pm ET on 11 May 2023",
    encounter: { date: "2023-05-11T23:58:59-04:00" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "11:59 pm ET on 11 May 2023",
    encounter: { date: "2023-05-11T23:59:00-04:00" },
    authority: "title8",
    eligible: T8,
  },
  {
    name: "11:58 pm ET written in UTC",
    encounter: { date: "2023-05-12T03:58:00Z" },
    authority: "title42",
    eligible: MEX_OK,
  },
  { name: "12 May 2023", encounter: { date: "2023-05-12" }, authority: "title8", eligible: T8 },
  {
    name: "unaccompanied child before the exception: covered, but the safeguard blocks expulsion",
    encounter: { ...UAC, date: "2021-01-29" },
    authority: "title42",
    eligible: T8,
    safeguards: ["unaccompanied_child"],
  },
  {
    name: "unaccompanied child on 30 Jan 2021",
    encounter: { ...UAC, date: "2021-01-30" },
    authority: "title8",
    eligible: T8,
    safeguards: ["unaccompanied_child"],
  },
  {
    name: "unaccompanied child on 10 Mar 2022",
    encounter: { ...UAC, date: "2022-03-10" },
    authority: "title8",
    eligible: T8,
    safeguards: ["unaccompanied_child"],
  },
  {
    name: "unaccompanied child on 11 Mar 2022",
    encounter: { ...UAC, date: "2022-03-11" },
    authority: "title8",
    eligible: T8,
    safeguards: ["unaccompanied_child"],
  },
  {
    name: "accompanied minor stays under Title 42",
    encounter: { demographic: "accompanied_minor", date: "2022-03-11" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "Venezuelan on 11 Oct 2022",
    encounter: { citizenship: "VEN", date: "2022-10-11" },
    authority: "title42",
    eligible: T8,
  },
  {
    name: "Venezuelan on 12 Oct 2022",
    encounter: { citizenship: "VEN", date: "2022-10-12" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "Haitian on 4 Jan 2023",
    encounter: { citizenship: "HTI", date: "2023-01-04" },
    authority: "title42",
    eligible: T8,
  },
  {
    name: "Haitian on 5 Jan 2023",
    encounter: { citizenship: "HTI", date: "2023-01-05" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "Cuban on 26 Apr 2022",
    encounter: { citizenship: "CUB", date: "2022-04-26" },
    authority: "title42",
    eligible: T8,
  },
  {
    name: "Cuban on 27 Apr 2022 (limited numbers)",
    encounter: { citizenship: "CUB", date: "2022-04-27" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "Nicaraguan on 4 Jan 2023 (limited numbers)",
    encounter: { citizenship: "NIC", date: "2023-01-04" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "Guatemalan single adult",
    encounter: { citizenship: "GTM", date: "2021-06-01" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "Guatemalan family unit (limited numbers, where Mexico received families)",
    encounter: { citizenship: "GTM", demographic: "family_unit", date: "2021-06-01" },
    authority: "title42",
    eligible: MEX_OK,
  },
  {
    name: "Brazilian: no receiving nation",
    encounter: { citizenship: "BRA", date: "2021-06-01" },
    authority: "title42",
    eligible: T8,
  },
  {
    name: "Venezuelan with verified COL residence on 26 Jan 2022",
    encounter: { ...VEN_COL, date: "2022-01-26" },
    checks: { COL: "verified" },
    authority: "title42",
    eligible: T8,
  },
  {
    name: "Venezuelan with verified COL residence on 27 Jan 2022",
    encounter: { ...VEN_COL, date: "2022-01-27" },
    checks: { COL: "verified" },
    authority: "title42",
    eligible: COL_OK,
  },
  {
    name: "COL check pending",
    encounter: VEN_COL,
    checks: { COL: "pending" },
    authority: "title42",
    eligible: T8,
    pending: ["COL"],
  },
  {
    name: "COL check not asked yet, residence claimed",
    encounter: VEN_COL,
    authority: "title42",
    eligible: T8,
    pending: ["COL"],
  },
  {
    name: "COL holds no record",
    encounter: VEN_COL,
    checks: { COL: "not_found" },
    authority: "title42",
    eligible: T8,
  },
  {
    name: "no COL residence claimed or verified",
    encounter: { citizenship: "VEN" },
    authority: "title42",
    eligible: T8,
  },
  {
    name: "COL verified a residence the person did not mention",
    encounter: { citizenship: "VEN" },
    checks: { COL: "verified" },
    authority: "title42",
    eligible: COL_OK,
  },
  {
    name: "COL verified for a Venezuelan after Title 42 ended",
    encounter: { ...VEN_COL, date: "2023-05-12" },
    checks: { COL: "verified" },
    authority: "title8",
    eligible: T8,
  },
  {
    name: "fear claim blocks the return to COL",
    encounter: { ...VEN_COL, fearClaim: true },
    checks: { COL: "verified" },
    authority: "title42",
    eligible: T8,
    safeguards: ["fear_claim"],
  },
  {
    name: "fear claim keeps the pending check listed",
    encounter: { ...VEN_COL, fearClaim: true },
    checks: { COL: "pending" },
    authority: "title42",
    eligible: T8,
    safeguards: ["fear_claim"],
    pending: ["COL"],
  },
  {
    name: "fear claim blocks expulsion to MEX",
    encounter: { fearClaim: true },
    authority: "title42",
    eligible: T8,
    safeguards: ["fear_claim"],
  },
  {
    name: "trafficking indicators",
    encounter: { traffickingIndicators: ["debt bondage"] },
    authority: "title42",
    eligible: T8,
    safeguards: ["trafficking"],
  },
  {
    name: "medical emergency",
    encounter: { medicalEmergency: true },
    authority: "title42",
    eligible: T8,
    safeguards: ["medical"],
  },
  {
    name: "several safeguards at once, in pack order",
    encounter: { medicalEmergency: true, fearClaim: true, traffickingIndicators: ["x"] },
    authority: "title42",
    eligible: T8,
    safeguards: ["fear_claim", "trafficking", "medical"],
  },
];

describe("assessDisposition on the US 2020–2025 pack", () => {
  it.each(scenarios)("$name", (s) => {
    const result = assess(s.encounter, s.checks);
    expect(result.authority).toBe(s.authority);
    expect(eligibility(result)).toEqual(s.eligible);
    expect(result.safeguards.map((g) => g.code)).toEqual(s.safeguards ?? []);
    expect(result.pendingChecks).toEqual(
      (s.pending ?? []).map((country) => ({ code: "prior_residence", country })),
    );
  });
});

describe("assessDisposition explanations", () => {
  const citationsOf = (r: Assessment, code: string) =>
    r.dispositions.find((d) => d.code === code)?.citations ?? [];
  const reasonsOf = (r: Assessment, code: string) =>
    r.dispositions.find((d) => d.code === code)?.reasons ?? [];

  it("cites the order behind the authority and the receiving nation's rule", () => {
    const result = assess({ ...VEN_COL }, { COL: "verified" });
    const citations = citationsOf(result, "third_country_return").join("\n");
    expect(citations).toContain("86 FR 42828");
    expect(citations).toContain("2022-01-27");
    expect(reasonsOf(result, "third_country_return")).toContain("prior residence in COL verified by COL");
  });

  it.each([
    ["2022-03-10", "86 FR 9942", "87 FR 15243"],
    ["2022-03-11", "87 FR 15243", "86 FR 9942"],
  ])("cites the right notice for an unaccompanied child on %s", (date, cited, notCited) => {
    const text = citationsOf(assess({ ...UAC, date }), "expulsion").join("\n");
    expect(text).toContain(cited);
    expect(text).not.toContain(notCited);
  });

  it("explains a near miss with the date the rule starts", () => {
    const reasons = reasonsOf(assess({ citizenship: "VEN", date: "2022-10-11" }), "expulsion").join("\n");
    expect(reasons).toMatch(/only from 2022-10-12.*not on 2022-10-11/);
    expect(citationsOf(assess({ citizenship: "VEN", date: "2022-10-11" }), "expulsion").join()).toContain(
      "87 FR 63507",
    );
  });

  it("names the open safeguard and its effect among the reasons of a blocked return", () => {
    const result = assess({ fearClaim: true });
    expect(result.safeguards).toEqual([
      {
        code: "fear_claim",
        effect: expect.stringContaining("withholding of removal (8 U.S.C. 1231(b)(3))"),
        citations: expect.arrayContaining([expect.stringContaining("8 U.S.C. 1231(b)(3)")]),
      },
    ]);
    expect(reasonsOf(result, "expulsion").join()).toContain("safeguard fear_claim is open");
  });

  it.each([
    ["fear claim", { fearClaim: true }, ["fear_claim"]],
    ["trafficking indicators", { traffickingIndicators: ["controlled documents"] }, ["trafficking"]],
    ["medical emergency", { medicalEmergency: true }, ["medical"]],
  ])("opens a return again only once the %s safeguard is closed on the record", (_, facts, closed) => {
    const open = assess(facts);
    expect(eligibility(open)["expulsion MEX"]).toBe(false);
    const closedResult = assessDisposition(encounter(facts), pack, {
      priorResidence: {},
      closedSafeguards: closed as AssessmentChecks["closedSafeguards"],
    });
    expect(closedResult.safeguards).toEqual([]);
    expect(eligibility(closedResult)).toEqual(MEX_OK);
    expect(reasonsOf(closedResult, "expulsion").join()).toContain(`safeguard ${closed[0]} was closed`);
  });

  it("keeps holding returns while any other triggered safeguard is still open", () => {
    const both = encounter({ fearClaim: true, medicalEmergency: true });
    const result = assessDisposition(both, pack, { priorResidence: {}, closedSafeguards: ["fear_claim"] });
    expect(result.safeguards.map((g) => g.code)).toEqual(["medical"]);
    expect(eligibility(result)["expulsion MEX"]).toBe(false);
  });

  it("ignores a closure of a safeguard the encounter never opened", () => {
    const result = assessDisposition(encounter({}), pack, {
      priorResidence: {},
      closedSafeguards: ["trafficking"],
    });
    expect(reasonsOf(result, "expulsion").join()).not.toContain("closed");
  });

  it("marks limited capacity in the reasons", () => {
    expect(reasonsOf(assess({ citizenship: "CUB", date: "2022-06-01" }), "expulsion").join()).toContain(
      "limited numbers",
    );
  });

  it("returns the contract shape, with no `to` on title 8 processing", () => {
    const result = assess(VEN_COL, { COL: "verified" });
    expect(Assessment.parse(result)).toEqual(result);
    const t8 = result.dispositions.find((d) => d.code === "title8_processing");
    expect(t8 && "to" in t8).toBe(false);
  });

  it("is deterministic and leaves its inputs untouched", () => {
    const input = encounter({ ...VEN_COL, fearClaim: true });
    const frozen = JSON.stringify(input);
    const first = assessDisposition(input, pack, { priorResidence: { COL: "pending" } });
    expect(assessDisposition(input, pack, { priorResidence: { COL: "pending" } })).toEqual(first);
    expect(JSON.stringify(input)).toBe(frozen);
  });
});

describe("assessDisposition reads nation differences from the pack", () => {
  function packWith(change: (json: RawPackJson) => void): PolicyPack {
    const json = usPackJson();
    change(json);
    const result = validateWith(PolicyPack, json);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.value;
  }

  it("moves the Colombia start date when the pack does", () => {
    const later = packWith((json) => {
      const toColombia = json.dispositions.find((d: RawPackJson) => d.code === "third_country_return");
      toColombia.acceptance[0].effective.from = "2022-02-15";
    });
    const enc = encounter({ ...VEN_COL, date: "2022-02-01" });
    const checks = { priorResidence: { COL: "verified" as const } };
    expect(eligibility(assessDisposition(enc, pack, checks))["third_country_return COL"]).toBe(true);
    expect(eligibility(assessDisposition(enc, later, checks))["third_country_return COL"]).toBe(false);
  });

  it("still holds every return when a triggered safeguard is missing from the pack", () => {
    const bare = packWith((json) => {
      json.safeguards = [];
    });
    const result = assessDisposition(encounter({ fearClaim: true }), bare);
    expect(result.safeguards.map((g) => g.code)).toEqual(["fear_claim"]);
    expect(eligibility(result)).toEqual(T8);
    const closed = assessDisposition(encounter({ fearClaim: true }), bare, {
      priorResidence: {},
      closedSafeguards: ["fear_claim"],
    });
    expect(closed.safeguards).toEqual([]);
    expect(eligibility(closed)).toEqual(MEX_OK);
  });
});
