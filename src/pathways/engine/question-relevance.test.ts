import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prepareAnswers } from "./answers.ts";
import { parseCatalog } from "./catalog.ts";
import { relevantQuestions } from "./question-relevance.ts";
import { compileCatalog, questionsOn, screenCatalog } from "./screening.ts";

// Questions that depend on earlier answers, on a small catalogue of its own: a Canadian labour pathway with a
// job sector, a Colombian one for Venezuelans, and a closed one whose questions nobody should see.

const catalogue = {
  pathways: [
    {
      id: "can-labour",
      rules: [
        { kind: "nationality", in: ["MEX", "GTM"] },
        { kind: "job_offer", country: "CAN", sectors: ["agriculture", "care"] },
      ],
    },
    {
      id: "col-permit",
      rules: [
        { kind: "nationality", in: ["VEN"] },
        { kind: "answer", question: "entered_COL_regularly", type: "boolean" },
      ],
    },
    { id: "gone", status: "closed", rules: [{ kind: "answer", question: "old_question", type: "boolean" }] },
  ],
};

const parsed = parseCatalog(catalogue);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const compiled = compileCatalog(parsed.catalog);
const ON = "2026-06-01";
const shown = (raw: Record<string, unknown>) => relevantQuestions(compiled, raw, ON).shown;
const screen = (raw: Record<string, unknown>) => {
  const { answers } = relevantQuestions(compiled, raw, ON);
  return screenCatalog(compiled, prepareAnswers(answers, compiled.questions).answers, { on: ON, lang: "en" });
};

describe("questions that depend on earlier answers", () => {
  it("shows fewer questions at first than the catalogue asks: the job sector waits for a job offer", () => {
    const all = questionsOn(compiled.catalog, ON).map((q) => q.id);
    expect(all).toContain("job_sector_in_CAN");
    expect(shown({})).toEqual(["nationality", "job_offer_in_CAN", "entered_COL_regularly"]);
    expect(shown({}).length).toBeLessThan(all.length);
    expect(shown({ job_offer_in_CAN: false })).not.toContain("job_sector_in_CAN");
    expect(shown({ job_offer_in_CAN: true })).toContain("job_sector_in_CAN");
  });

  it("hides a question no pathway still possible reads, and keeps the one that ruled them out", () => {
    const venezuelan = shown({ nationality: "VEN", job_offer_in_CAN: true });
    expect(venezuelan).toEqual(["nationality", "entered_COL_regularly"]);
    const mexican = shown({ nationality: "MEX", job_offer_in_CAN: true });
    expect(mexican).toEqual(["nationality", "job_offer_in_CAN", "job_sector_in_CAN"]);
    expect(shown({ nationality: "USA" })).toEqual(["nationality"]);
  });

  it("never shows the questions of a closed pathway", () => {
    expect(questionsOn(compiled.catalog, ON).map((q) => q.id)).not.toContain("old_question");
    expect(shown({ old_question: true })).not.toContain("old_question");
  });

  it("drops the answers to hidden questions", () => {
    const { answers } = relevantQuestions(
      compiled,
      { nationality: "VEN", job_offer_in_CAN: true, job_sector_in_CAN: "care", entered_COL_regularly: true },
      ON,
    );
    expect(answers).toEqual({ nationality: "VEN", entered_COL_regularly: true });
  });

  it("screens the same whether or not hidden questions were answered", () => {
    const base = { nationality: "MEX", job_offer_in_CAN: false };
    // The sector alone would rule the Canadian pathway out; unasked, it changes nothing.
    expect(screen({ ...base, job_sector_in_CAN: "other" })).toEqual(screen(base));
    expect(screen({ job_sector_in_CAN: "other" })).toEqual(screen({}));
    const venezuelan = { nationality: "VEN", entered_COL_regularly: true };
    expect(screen({ ...venezuelan, job_offer_in_CAN: true, job_sector_in_CAN: "care" })).toEqual(
      screen(venezuelan),
    );
    // Once asked, the sector counts.
    const offer = { nationality: "MEX", job_offer_in_CAN: true };
    const labour = (raw: Record<string, unknown>) => screen(raw).find((r) => r.pathway === "can-labour");
    expect(labour({ ...offer, job_sector_in_CAN: "care" })?.result).toBe("eligible");
    expect(labour({ ...offer, job_sector_in_CAN: "other" })?.result).toBe("not_eligible");
  });
});

describe("the example pathways", () => {
  const examples = parseCatalog(
    JSON.parse(readFileSync(new URL("../../../packs/pathways/examples.json", import.meta.url), "utf8")),
  );
  if (!examples.ok) throw new Error(JSON.stringify(examples.problems));
  const pack = compileCatalog(examples.catalog);
  const shownIn = (raw: Record<string, unknown>) => relevantQuestions(pack, raw, "2026-12-05").shown;

  it("ask Canada's job sector only of someone a Canadian labour pathway may still fit", () => {
    expect(questionsOn(pack.catalog, "2026-12-05").map((q) => q.id)).toContain("job_sector_in_CAN");
    expect(shownIn({})).not.toContain("job_sector_in_CAN");
    expect(shownIn({ job_offer_in_CAN: true })).toContain("job_sector_in_CAN");
    // Living in Canada already rules the stream out: neither the offer nor its sector is asked any more.
    const inCanada = shownIn({ current_country: "CAN", job_offer_in_CAN: true });
    expect(inCanada).not.toContain("job_sector_in_CAN");
  });
});
