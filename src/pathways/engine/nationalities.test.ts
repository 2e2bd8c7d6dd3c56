import { describe, expect, it } from "vitest";
import { countryCodesOf, prepareAnswers } from "./answers.ts";
import { parseCatalog } from "./catalog.ts";
import { compileCatalog, screenCatalog } from "./screening.ts";

// A person may hold several nationalities: a rule that tests nationality is met when any of them qualifies.
// One code, as older answers and clients send it, stays valid.

const parsed = parseCatalog({
  pathways: [{ id: "ven-only", rules: [{ kind: "nationality", in: ["VEN"] }] }],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const compiled = compileCatalog(parsed.catalog);
const result = (nationality: unknown) => {
  const prepared = prepareAnswers({ nationality }, compiled.questions);
  expect(prepared.problems).toEqual([]);
  return screenCatalog(compiled, prepared.answers, { on: "2026-06-01", lang: "en" })[0]?.result;
};

describe("several nationalities", () => {
  it("qualifies a person when one of two nationalities qualifies", () => {
    expect(result(["COL", "VEN"])).toBe("eligible");
    expect(result(["VEN", "COL"])).toBe("eligible");
  });

  it("excludes a person when neither nationality qualifies", () => {
    expect(result(["COL", "PER"])).toBe("not_eligible");
  });

  it("keeps one code as a single answer valid", () => {
    expect(result("VEN")).toBe("eligible");
    expect(result("ven")).toBe("eligible");
    expect(result("COL")).toBe("not_eligible");
  });

  it("refuses a list with an element that is not a country code, naming the question", () => {
    const { problems } = prepareAnswers({ nationality: ["VEN", "Venezuela"] }, compiled.questions);
    expect(problems.map((p) => p.path)).toEqual(["nationality"]);
  });

  it("reads the codes of a stored answer, whichever way it was given", () => {
    expect(countryCodesOf("VEN")).toEqual(["VEN"]);
    expect(countryCodesOf(["VEN", "col", "VEN"])).toEqual(["VEN", "COL"]);
    expect(countryCodesOf("VEN,HTI")).toEqual(["VEN", "HTI"]);
    expect(countryCodesOf(["VEN", 3, "nowhere"])).toEqual(["VEN"]);
    expect(countryCodesOf(undefined)).toEqual([]);
  });
});
