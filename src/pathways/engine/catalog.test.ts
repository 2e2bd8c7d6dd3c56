import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prepareAnswers } from "./answers.ts";
import { type Catalog, parseCatalog } from "./catalog.ts";
import { estimateWait } from "./estimated-wait.ts";
import { languages } from "./language.ts";
import { describeWait } from "./pathway-texts.ts";
import { questionText } from "./question-texts.ts";
import { compileCatalog, questionsOn, screenCatalog } from "./screening.ts";

const examples = JSON.parse(
  readFileSync(new URL("../../../packs/pathways/examples.json", import.meta.url), "utf8"),
);

function problemsOf(json: unknown) {
  const parsed = parseCatalog(json);
  return parsed.ok ? [] : parsed.problems;
}

describe("catalogue validation", () => {
  it.each([
    {
      name: "bad country code",
      json: { pathways: [{ id: "a", rules: { kind: "nationality", in: ["VE"] } }] },
      path: "pathways[0].rules.in[0]",
      message: "alpha-3",
    },
    {
      name: "unknown rule kind",
      json: { pathways: [{ id: "a", rules: [{ kind: "presense" }] }] },
      path: "pathways[0].rules.all[0].kind",
      message: 'unknown rule kind "presense"',
    },
    {
      name: "impossible date",
      json: {
        pathways: [{ id: "a", rules: { kind: "presence", country: "COL", onOrBefore: "2023-02-30" } }],
      },
      path: "pathways[0].rules.onOrBefore",
      message: "real calendar date",
    },
    {
      name: "no rules",
      json: { pathways: [{ id: "a" }] },
      path: "pathways[0].rules",
      message: "expected `rules`",
    },
    {
      name: "duplicate id",
      json: [
        { id: "a", rules: { kind: "sponsor", country: "USA" } },
        { id: "a", rules: { kind: "sponsor", country: "USA" } },
      ],
      path: "pathways[1].id",
      message: "already used",
    },
    {
      name: "typo in a key",
      json: [{ id: "a", rules: { kind: "sponsor", country: "USA", contry: "CAN" } }],
      path: "pathways[0].rules",
      message: "contry",
    },
    { name: "not a catalogue", json: "hello", path: "(root)", message: "expected a catalogue" },
  ])("$name → $path", ({ json, path, message }) => {
    const problems = problemsOf(json);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.find((p) => p.path === path)?.message).toContain(message);
  });

  it("accepts forgiving spellings: a bare list, kind aliases, snake_case keys, one string for all texts", () => {
    const parsed = parseCatalog([
      {
        id: "p",
        type: "Labor",
        title: "Only one title",
        rules: [
          { kind: "Family-Tie", country: "usa", relation: "spouse" },
          { type: "presence", in: "col", on_or_before: "2023-06-11T00:00:00Z" },
          { kind: "all", rules: [{ kind: "ageRange", minAge: 18 }] },
        ],
      },
    ]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const pathway = parsed.catalog.pathways[0];
    expect(pathway?.type).toBe("labour");
    expect(pathway?.title.ht).toBe("Only one title");
    expect(pathway?.ruleSets[0]?.rules).toEqual({
      kind: "all",
      all: [
        { kind: "family_tie", country: "USA", relations: ["spouse"] },
        { kind: "presence", country: "COL", onOrBefore: "2023-06-11" },
        { kind: "all", all: [{ kind: "age", min: 18 }] },
      ],
    });
  });

  it("validates the shipped examples, every one marked as an example", () => {
    const parsed = parseCatalog(examples);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.catalog.pathways.length).toBeGreaterThanOrEqual(5);
    expect(parsed.catalog.pathways.every((p) => p.example && p.nation && p.type)).toBe(true);
  });
});

describe("screening a catalogue", () => {
  const parsed = parseCatalog(examples);
  if (!parsed.ok) throw new Error("examples must be valid");
  const compiled = compileCatalog(parsed.catalog);
  const screen = (raw: Record<string, unknown>, on: string) =>
    screenCatalog(compiled, prepareAnswers(raw, compiled.questions).answers, { on, lang: "en" });
  const venezuelanInColombia = {
    nationality: "VEN",
    current_country: "COL",
    arrival_date: "2023-08-15",
    exclusions: [],
  };

  it("applies the rule set in force on the evaluation date", () => {
    // CHNV opened to Venezuelans on 18 October 2022 and to Cubans on 6 January 2023 (rule set "chnv").
    const cuban = {
      nationality: "CUB",
      current_country: "MEX",
      sponsor_in_USA: true,
      has_valid_passport: true,
      status_elsewhere: ["none"],
      "irregular_entry_MEX_PAN_USA_after_2023-01-09": false,
      exclusions: [],
    };
    const before = screen(cuban, "2022-12-01").find((r) => r.pathway === "usa-sponsor-parole");
    const after = screen(cuban, "2023-01-06").find((r) => r.pathway === "usa-sponsor-parole");
    expect(before?.result).toBe("not_eligible");
    expect(before?.reasons[0]).toContain("6 January 2023");
    expect(after?.result).toBe("eligible");
  });

  it("says a pathway is not open yet before its opening date", () => {
    const result = screen(venezuelanInColombia, "2020-01-01").find(
      (r) => r.pathway === "col-temporary-status-ven",
    );
    expect(result).toMatchObject({ result: "not_eligible", missing: [] });
    expect(result?.reasons[0]).toContain("not open yet");
  });

  it("gives one entry per pathway, each with reasons; only open pathways miss answers", () => {
    const results = screen({}, "2024-06-01");
    expect(results.map((r) => r.pathway)).toEqual(parsed.catalog.pathways.map((p) => p.id));
    for (const r of results) {
      expect(r.reasons.length).toBeGreaterThan(0);
      if (r.status === undefined) expect(r).toMatchObject({ result: "maybe", missing: expect.any(Array) });
      else expect(r).toMatchObject({ result: "not_eligible", missing: [] });
    }
    expect(results.filter((r) => r.result === "maybe").length).toBeGreaterThanOrEqual(4);
  });

  it("asks only the questions of the rule sets in force", () => {
    const ids = questionsOn(parsed.catalog, "2024-06-01").map((q) => q.id);
    expect(ids).toContain("nationality");
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("texts", () => {
  it.each(languages)("every question of the examples has wording in %s", (lang) => {
    for (const question of compileCatalog((parseCatalog(examples) as { catalog: Catalog }).catalog)
      .questions) {
      const text = questionText(question.id, lang);
      expect(text).not.toContain("undefined");
      expect(text.length).toBeGreaterThan(5);
    }
  });

  it.each(languages)("every reason of the examples is written out in %s", (lang) => {
    const compiled = compileCatalog((parseCatalog(examples) as { catalog: Catalog }).catalog);
    const answered = {
      nationality: "MEX",
      current_country: "USA",
      arrival_date: "2020-01-01",
      exclusions: [],
    };
    for (const raw of [{}, answered]) {
      const results = screenCatalog(compiled, prepareAnswers(raw, compiled.questions).answers, {
        on: "2024-06-01",
        lang,
      });
      for (const reason of results.flatMap((r) => r.reasons)) {
        expect(reason).not.toMatch(/undefined|\$\{|\(\)/);
        expect(reason.length).toBeGreaterThan(20);
      }
    }
  });

  it("says waits the way people do", () => {
    expect(describeWait(3, "en")).toBe("About 3 days");
    expect(describeWait(21, "ht")).toBe("Anviwon 3 semèn");
    expect(describeWait(120, "es")).toBe("Alrededor de 4 meses");
  });
});

describe("estimated wait", () => {
  it.each([
    { position: 1, places: 100, expected: { days: 30, periodsAhead: 0 } },
    { position: 100, places: 100, expected: { days: 30, periodsAhead: 0 } },
    { position: 101, places: 100, expected: { days: 60, periodsAhead: 1 } },
    { position: 250, places: 100, expected: { days: 90, periodsAhead: 2 } },
  ])("position $position with $places a month", ({ position, places, expected }) => {
    expect(estimateWait({ position, placesPerPeriod: places, period: "month", processingDays: 30 })).toEqual(
      expected,
    );
  });

  it("counts places already used this period and the days left in it", () => {
    const wait = estimateWait({
      position: 10,
      placesPerPeriod: 50,
      period: "week",
      usedThisPeriod: 45,
      daysLeftInPeriod: 2,
    });
    expect(wait).toEqual({ days: 2, periodsAhead: 1 });
  });

  it("has no estimate without capacity", () => {
    expect(estimateWait({ position: 1, placesPerPeriod: 0, period: "month" })).toBeUndefined();
  });
});
