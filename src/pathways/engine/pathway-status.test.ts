import { describe, expect, it } from "vitest";
import { prepareAnswers } from "./answers.ts";
import { parseCatalog } from "./catalog.ts";
import type { Language } from "./language.ts";
import { compileCatalog, questionsOn, screenCatalog } from "./screening.ts";

// A pathway's status by date, and the exclusions the rule language expresses, on a small catalogue of its own.

const catalogue = {
  pathways: [
    {
      id: "parole",
      status: "closed",
      lastVerified: "2025-04-01",
      statusHistory: [
        { status: "open", from: "2022-10-18", until: "2025-01-19", source: "notice A" },
        {
          status: "suspended",
          from: "2025-01-20",
          until: "2025-03-24",
          source: "order B",
          change: { en: "New applications were paused.", ht: "Yo te kanpe nouvo demann yo." },
        },
        { status: "closed", from: "2025-03-25", source: "notice C", change: "The process was ended." },
      ],
      rules: [
        { kind: "nationality", in: ["VEN"] },
        { kind: "outside", country: "USA" },
        { kind: "status_elsewhere", statuses: ["dual_nationality", "permanent_residence", "refugee_status"] },
        { kind: "irregular_entry", countries: ["USA", "MEX", "PAN"], after: "2022-10-19" },
      ],
    },
    {
      id: "resettlement",
      access: "referral",
      accessHow: { en: "UNHCR refers refugees; nobody applies." },
      rules: [{ kind: "answer", question: "recognised_refugee", type: "boolean" }],
    },
    { id: "frozen", status: "suspended", rules: [{ kind: "nationality", in: ["VEN"] }] },
  ],
};

const parsed = parseCatalog(catalogue);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const compiled = compileCatalog(parsed.catalog);
const screen = (raw: Record<string, unknown>, on: string, lang: Language = "en") => {
  const prepared = prepareAnswers(raw, compiled.questions);
  expect(prepared.problems).toEqual([]);
  return screenCatalog(compiled, prepared.answers, { on, lang });
};
const fits = {
  nationality: "VEN",
  current_country: "COL",
  status_elsewhere: ["none"],
  "irregular_entry_MEX_PAN_USA_after_2022-10-19": false,
  recognised_refugee: true,
};
const one = (id: string, raw: Record<string, unknown>, on: string, lang: Language = "en") =>
  screen(raw, on, lang).find((r) => r.pathway === id);

describe("status by date", () => {
  it("is eligible while open, with the four fields only", () => {
    expect(one("parole", fits, "2023-05-01")).toEqual({
      pathway: "parole",
      result: "eligible",
      reasons: expect.any(Array),
      missing: [],
    });
  });

  it("is not open yet before its first period", () => {
    expect(one("parole", fits, "2022-10-17")).toMatchObject({
      result: "not_eligible",
      status: "not_open_yet",
      reasonCode: "pathway_not_open_yet",
    });
  });

  it("is never eligible while suspended, and says what changed", () => {
    const result = one("parole", fits, "2025-02-01");
    expect(result).toMatchObject({
      result: "not_eligible",
      status: "suspended",
      reasonCode: "pathway_suspended",
    });
    expect(result?.reasons[0]).toContain("suspended since");
    expect(result?.reasons[0]).toContain("New applications were paused.");
    expect(one("parole", fits, "2025-02-01", "ht")?.reasons[0]).toContain("Yo te kanpe nouvo demann yo.");
  });

  it("is closed from the date it ended, in every language", () => {
    for (const lang of ["es", "en", "pt", "fr", "ht"] as const) {
      const result = one("parole", fits, "2026-01-01", lang);
      expect(result).toMatchObject({
        result: "not_eligible",
        status: "closed",
        reasonCode: "pathway_closed",
      });
      expect(result?.reasons[0]).toMatch(/2025/);
    }
    expect(one("parole", fits, "2026-01-01")?.reasons[0]).toContain("The process was ended.");
  });

  it("holds a status given without history on every date", () => {
    expect(one("frozen", fits, "2024-01-01")).toMatchObject({ result: "not_eligible", status: "suspended" });
  });
});

describe("questions by date", () => {
  it("asks a pathway's questions while it is open or not open yet, not once it is suspended or closed", () => {
    const ids = (on: string) => questionsOn(parsed.catalog, on).map((q) => q.id);
    expect(ids("2022-01-01")).toContain("status_elsewhere");
    expect(ids("2023-05-01")).toContain("status_elsewhere");
    expect(ids("2025-02-01")).not.toContain("status_elsewhere");
    expect(ids("2026-01-01")).not.toContain("status_elsewhere");
    expect(ids("2026-01-01")).toContain("recognised_refugee");
  });
});

describe("exclusions", () => {
  it("rules out someone already inside the destination country", () => {
    expect(one("parole", { ...fits, current_country: "USA" }, "2023-05-01")?.result).toBe("not_eligible");
  });

  it.each(["dual_nationality", "permanent_residence", "refugee_status"])(
    "rules out %s elsewhere",
    (status) => {
      expect(one("parole", { ...fits, status_elsewhere: [status] }, "2023-05-01")?.result).toBe(
        "not_eligible",
      );
    },
  );

  it("rules out an irregular entry after the date, and asks about it when unanswered", () => {
    const id = "irregular_entry_MEX_PAN_USA_after_2022-10-19";
    expect(one("parole", { ...fits, [id]: true }, "2023-05-01")?.result).toBe("not_eligible");
    const { [id]: _, ...unanswered } = fits;
    expect(one("parole", unanswered, "2023-05-01")).toMatchObject({ result: "maybe", missing: [id] });
  });

  it("says a referral-only pathway takes no application and how referral happens", () => {
    const result = one("resettlement", fits, "2024-01-01");
    expect(result).toMatchObject({ result: "eligible", access: "referral" });
    expect(result?.reasons.at(-1)).toContain("UNHCR refers refugees");
  });
});

describe("validation", () => {
  const problems = (pathway: Record<string, unknown>) => {
    const result = parseCatalog([{ id: "p", rules: [{ kind: "nationality", in: ["VEN"] }], ...pathway }]);
    return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it("refuses overlapping periods, an open-ended period before another, and a status that disagrees", () => {
    expect(
      problems({
        status: "open",
        statusHistory: [
          { status: "open", from: "2022-01-01", until: "2022-06-30", source: "a" },
          { status: "suspended", from: "2022-06-01", source: "b" },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^pathways\[0\]\.statusHistory\[1\]\.from: .*without overlap/),
      expect.stringMatching(/^pathways\[0\]\.status: .*says suspended/),
    ]);
    expect(
      problems({
        statusHistory: [
          { status: "open", from: "2022-01-01", source: "a" },
          { status: "closed", from: "2023-01-01", source: "b" },
        ],
      }),
    ).toEqual([expect.stringMatching(/statusHistory\[0\]\.until: only the last period/)]);
  });

  it("needs a source for every period and `accessHow` for referral", () => {
    expect(problems({ statusHistory: [{ status: "open", from: "2022-01-01" }] })[0]).toMatch(
      /statusHistory\[0\]\.source/,
    );
    expect(problems({ access: "referral" })[0]).toMatch(/accessHow/);
    expect(problems({ status: "paused" })[0]).toMatch(/^pathways\[0\]\.status: expected a status/);
  });
});
