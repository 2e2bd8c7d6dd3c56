import { describe, expect, it } from "vitest";
import { prepareAnswers } from "./answers.ts";
import { deriveQuestions } from "./questions.ts";
import { compileRule, outcomeNames } from "./rule-engine.ts";
import { RuleSchema } from "./rule-schema.ts";
import type { Outcome } from "./rule-types.ts";

/** Validates a rule as a catalogue would, then evaluates it on `on` (YYYY-MM-DD). */
function evaluate(input: unknown, answers: Record<string, unknown>, on = "2024-06-01") {
  const rule = RuleSchema.parse(input);
  const { questions } = deriveQuestions([rule]);
  const prepared = prepareAnswers(answers, questions);
  expect(prepared.problems).toEqual([]);
  const sink = { lang: 1, reasons: [] as string[], missing: [] as string[] };
  const code = compileRule(rule)(prepared.answers, Number(on.replaceAll("-", "")), sink);
  return { result: outcomeNames[code] as Outcome, missing: sink.missing, reasons: sink.reasons };
}

interface Case {
  name: string;
  rule: unknown;
  answers: Record<string, unknown>;
  result: Outcome;
  missing?: string[];
  on?: string;
}

const nationality = { kind: "nationality", in: ["VEN", "CUB", "HTI"] };
const presence = { kind: "presence", country: "COL", onOrBefore: "2023-06-11" };
const adult = { kind: "age", min: 18, max: 64 };
const family = { kind: "family_tie", country: "USA", relations: ["spouse", "child"] };
const sponsor = { kind: "sponsor", country: "USA" };
const job = { kind: "job_offer", country: "CAN", sectors: ["agriculture"] };
const vulnerable = { kind: "vulnerability", categories: ["medical_need", "woman_at_risk"] };
const excluded = { kind: "exclusion", grounds: ["serious_crime"] };

const cases: Case[] = [
  { name: "nationality listed", rule: nationality, answers: { nationality: "VEN" }, result: "eligible" },
  { name: "nationality lower case", rule: nationality, answers: { nationality: "hti" }, result: "eligible" },
  {
    name: "dual national, one listed",
    rule: nationality,
    answers: { nationality: ["ESP", "CUB"] },
    result: "eligible",
  },
  {
    name: "nationality not listed",
    rule: nationality,
    answers: { nationality: "MEX" },
    result: "not_eligible",
  },
  { name: "nationality missing", rule: nationality, answers: {}, result: "maybe", missing: ["nationality"] },
  {
    name: "present before cut-off",
    rule: presence,
    answers: { current_country: "COL", arrival_date: "2023-06-11" },
    result: "eligible",
  },
  {
    name: "arrived after cut-off",
    rule: presence,
    answers: { current_country: "COL", arrival_date: "2023-06-12" },
    result: "not_eligible",
  },
  {
    name: "lives elsewhere",
    rule: presence,
    answers: { current_country: "PER", arrival_date: "2020-01-01" },
    result: "not_eligible",
  },
  {
    name: "lives elsewhere, date unknown: settled without the date",
    rule: presence,
    answers: { current_country: "PER" },
    result: "not_eligible",
  },
  {
    name: "in the country, date missing",
    rule: presence,
    answers: { current_country: "COL" },
    result: "maybe",
    missing: ["arrival_date"],
  },
  {
    name: "presence all missing",
    rule: presence,
    answers: {},
    result: "maybe",
    missing: ["current_country", "arrival_date"],
  },
  {
    name: "age 18 on the birthday",
    rule: adult,
    answers: { date_of_birth: "2006-06-01" },
    result: "eligible",
  },
  {
    name: "age 17 the day before",
    rule: adult,
    answers: { date_of_birth: "2006-06-02" },
    result: "not_eligible",
  },
  { name: "age 64 is in", rule: adult, answers: { date_of_birth: "1960-01-01" }, result: "eligible" },
  { name: "age 65 is out", rule: adult, answers: { date_of_birth: "1959-01-01" }, result: "not_eligible" },
  {
    name: "age uses the evaluation date",
    rule: adult,
    answers: { date_of_birth: "2006-06-02" },
    on: "2024-06-02",
    result: "eligible",
  },
  { name: "age missing", rule: adult, answers: {}, result: "maybe", missing: ["date_of_birth"] },
  { name: "family tie", rule: family, answers: { family_in_USA: ["parent", "child"] }, result: "eligible" },
  {
    name: "family of another kind",
    rule: family,
    answers: { family_in_USA: ["sibling"] },
    result: "not_eligible",
  },
  { name: "no family", rule: family, answers: { family_in_USA: ["none"] }, result: "not_eligible" },
  { name: "family missing", rule: family, answers: {}, result: "maybe", missing: ["family_in_USA"] },
  { name: "sponsor yes", rule: sponsor, answers: { sponsor_in_USA: "yes" }, result: "eligible" },
  { name: "sponsor no", rule: sponsor, answers: { sponsor_in_USA: false }, result: "not_eligible" },
  {
    name: "sponsor missing",
    rule: sponsor,
    answers: { sponsor_in_USA: null },
    result: "maybe",
    missing: ["sponsor_in_USA"],
  },
  {
    name: "job offer in sector",
    rule: job,
    answers: { job_offer_in_CAN: true, job_sector_in_CAN: "Agriculture" },
    result: "eligible",
  },
  {
    name: "job offer in other sector",
    rule: job,
    answers: { job_offer_in_CAN: true, job_sector_in_CAN: "other" },
    result: "not_eligible",
  },
  { name: "no job offer", rule: job, answers: { job_offer_in_CAN: false }, result: "not_eligible" },
  {
    name: "job offer, sector missing",
    rule: job,
    answers: { job_offer_in_CAN: true },
    result: "maybe",
    missing: ["job_sector_in_CAN"],
  },
  {
    name: "vulnerability listed",
    rule: vulnerable,
    answers: { vulnerabilities: ["medical_need"] },
    result: "eligible",
  },
  { name: "vulnerability none", rule: vulnerable, answers: { vulnerabilities: [] }, result: "not_eligible" },
  {
    name: "vulnerability missing",
    rule: vulnerable,
    answers: {},
    result: "maybe",
    missing: ["vulnerabilities"],
  },
  { name: "no exclusion", rule: excluded, answers: { exclusions: ["none"] }, result: "eligible" },
  { name: "excluded", rule: excluded, answers: { exclusions: "serious_crime" }, result: "not_eligible" },
  { name: "exclusion missing", rule: excluded, answers: {}, result: "maybe", missing: ["exclusions"] },
  {
    name: "answer boolean",
    rule: { kind: "answer", question: "has_passport", type: "boolean" },
    answers: { has_passport: "sí" },
    result: "eligible",
  },
  {
    name: "answer number range",
    rule: { kind: "answer", question: "household", type: "number", max: 6 },
    answers: { household: 7 },
    result: "not_eligible",
  },
  {
    name: "answer choice",
    rule: { kind: "answer", question: "level", type: "choice", in: ["bachelor", "master"] },
    answers: { level: "master" },
    result: "eligible",
  },
];

const combinatorCases: Case[] = [
  {
    name: "all: one no beats a missing answer",
    rule: [nationality, adult],
    answers: { nationality: "MEX" },
    result: "not_eligible",
    missing: [],
  },
  {
    name: "all: missing answers make maybe and are listed",
    rule: { all: [nationality, adult, sponsor] },
    answers: { nationality: "VEN" },
    result: "maybe",
    missing: ["date_of_birth", "sponsor_in_USA"],
  },
  {
    name: "any: one yes is enough, the unknown does not matter",
    rule: { any: [vulnerable, family] },
    answers: { family_in_USA: ["spouse"] },
    result: "eligible",
    missing: [],
  },
  {
    name: "any: only what could still make it yes is missing",
    rule: { any: [vulnerable, family] },
    answers: { family_in_USA: ["none"] },
    result: "maybe",
    missing: ["vulnerabilities"],
  },
  {
    name: "any: all no",
    rule: { any: [vulnerable, family] },
    answers: { vulnerabilities: [], family_in_USA: [] },
    result: "not_eligible",
  },
  {
    name: "not: flips yes",
    rule: { not: nationality },
    answers: { nationality: "CUB" },
    result: "not_eligible",
  },
  { name: "not: flips no", rule: { not: nationality }, answers: { nationality: "CAN" }, result: "eligible" },
  {
    name: "not: keeps maybe",
    rule: { not: nationality },
    answers: {},
    result: "maybe",
    missing: ["nationality"],
  },
  {
    name: "nested",
    rule: { all: [nationality, { any: [sponsor, { not: excluded }] }] },
    answers: { nationality: "VEN", sponsor_in_USA: false, exclusions: ["serious_crime"] },
    result: "eligible",
  },
];

describe("rule kinds", () => {
  it.each(cases)("$name → $result", ({ rule, answers, result, missing, on }) => {
    const outcome = evaluate(rule, answers, on);
    expect(outcome.result).toBe(result);
    expect(outcome.missing).toEqual(missing ?? []);
    expect(outcome.reasons).toHaveLength(1);
  });
});

describe("combinators", () => {
  it.each(combinatorCases)("$name → $result", ({ rule, answers, result, missing }) => {
    const outcome = evaluate(rule, answers);
    expect(outcome.result).toBe(result);
    if (missing) expect(outcome.missing).toEqual(missing);
  });

  it("gives one reason per leaf rule, even when the result is already decided", () => {
    const outcome = evaluate([nationality, adult, sponsor], { nationality: "MEX" });
    expect(outcome.reasons).toHaveLength(3);
    expect(outcome.reasons[0]).toContain("not among them");
    expect(outcome.reasons[1]).toContain("date of birth");
  });
});
