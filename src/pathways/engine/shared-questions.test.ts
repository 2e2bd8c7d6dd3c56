import { describe, expect, it } from "vitest";
import type { Rule } from "./rule-types.ts";
import { builtInQuestionType, sharedQuestionProblems } from "./shared-questions.ts";

const ask = (question: string, type: string, extra: Record<string, unknown> = {}) =>
  ({ kind: "answer", question, type, ...extra }) as Rule;
const owner = (key: string, ...rules: Rule[]) => ({ key, rules });

describe("built-in question types", () => {
  it.each([
    ["nationality", "country"],
    ["current_country", "country"],
    ["arrival_date", "date"],
    ["date_of_birth", "date"],
    ["family_in_USA", "multi_choice"],
    ["sponsor_in_CAN", "boolean"],
    ["job_offer_in_MEX", "boolean"],
    ["job_sector_in_CAN", "choice"],
    ["vulnerabilities", "multi_choice"],
    ["exclusions", "multi_choice"],
    ["status_elsewhere", "multi_choice"],
    ["irregular_entry_USA_after_2022-10-19", "boolean"],
    ["irregular_entry_MEX_PAN_USA_after_2023-01-09", "boolean"],
    ["irregular_entry_usa_after_2023-01-09", undefined],
    ["irregular_entry_USA_after_2023", undefined],
    ["has_passport", undefined],
    ["family_in_usa", undefined],
    ["xnationality", undefined],
  ])("%s is %s", (id, type) => {
    expect(builtInQuestionType(id)).toBe(type);
  });
});

describe("sharedQuestionProblems", () => {
  it("refuses a nation's own question that takes a built-in exclusion id with another type", () => {
    const problems = sharedQuestionProblems(
      owner(
        "USA:x",
        ask("irregular_entry_MEX_USA_after_2022-10-19", "date"),
        ask("status_elsewhere", "boolean"),
      ),
      [],
    );
    expect(problems.map((p) => p.path)).toEqual([
      "question irregular_entry_MEX_USA_after_2022-10-19",
      "question status_elsewhere",
    ]);
  });

  const col = owner("COL:a", ask("has_passport", "boolean", { text: "Do you have a passport?" }));
  it.each([
    ["a built-in id asked with another type", [ask("nationality", "date")], [], /built in as country/],
    [
      "a built-in id reworded",
      [ask("nationality", "country", { text: "Anything" })],
      [],
      /wording is built in/,
    ],
    [
      "another nation's question with another type",
      [ask("has_passport", "number")],
      [col],
      /COL:a asks it as boolean/,
    ],
    [
      "another nation's question worded differently",
      [ask("has_passport", "boolean", { text: "Passport?" })],
      [col],
      /worded differently from published pathway COL:a/,
    ],
  ])("refuses %s", (_name, rules, others, message) => {
    const problems = sharedQuestionProblems(owner("MEX:b", ...rules), others);
    expect(problems.map((p) => p.message).join("\n")).toMatch(message);
  });

  it.each([
    ["a built-in question asked the built-in way", [{ kind: "nationality", in: ["VEN"] } as Rule], [col]],
    [
      "a built-in id asked as the same type, without text",
      [ask("current_country", "country", { in: ["CAN"] })],
      [],
    ],
    ["the same question, same type, no text", [ask("has_passport", "boolean", { equals: true })], [col]],
    [
      "the same question, same type, same text",
      [ask("has_passport", "boolean", { text: "Do you have a passport?" })],
      [col],
    ],
    [
      "its own earlier version",
      [ask("has_passport", "number")],
      [owner("MEX:b", ask("has_passport", "boolean"))],
    ],
  ])("accepts %s", (_name, rules, others) => {
    expect(sharedQuestionProblems(owner("MEX:b", ...rules), others)).toEqual([]);
  });

  it("leaves a built-in clash to the pathway that breaks the built-in type, not to the one keeping it", () => {
    const legacy = owner("MEX:old", ask("nationality", "date"));
    expect(sharedQuestionProblems(owner("USA:x", { kind: "nationality", in: ["VEN"] }), [legacy])).toEqual(
      [],
    );
    expect(sharedQuestionProblems(legacy, [])).not.toEqual([]);
  });
});
