import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_PROBLEM_CODES } from "../src/platform/audit/audit.contract.ts";
import { problem, problemParameters, problemText } from "../src/platform/audit/audit-problems.ts";
import { problemText as webProblemText } from "../web/src/pages/audit/audit-problem-text.ts";

// Every reason the audit verification can give is worded in every staff language, naming the same values as
// the English sentence the command line prints; and the web's sentence is the one the code names.

const LANGUAGES = ["es", "en", "pt", "fr", "ht"] as const;
const problemsIn = (lang: string): Record<string, string> =>
  JSON.parse(readFileSync(join("web", "src", "i18n", `${lang}.json`), "utf8")).pages.audit.verification
    .problems;

describe("audit verification problems", () => {
  it.each(LANGUAGES)("are all worded in %s, with every value the English sentence names", (lang) => {
    const words = problemsIn(lang);
    for (const code of AUDIT_PROBLEM_CODES) {
      const text = words[code];
      expect(text, `${lang}: ${code}`).toBeTruthy();
      for (const name of problemParameters(code).filter((n) => n !== "detail"))
        expect(text, `${lang}: ${code} names {{${name}}}`).toContain(`{{${name}}}`);
    }
    expect(words.pending).toContain("{{problem}}");
    expect(Object.keys(words).sort()).toEqual([...AUDIT_PROBLEM_CODES, "pending"].sort());
  });

  it("fills the English sentence from the parameters", () => {
    expect(problemText(problem("positions_missing", { from: 8, to: 9 }))).toBe(
      "log positions 8..9 are missing",
    );
    expect(problemText(problem("columns_differ", { columns: "action, details" }))).toBe(
      "column action, details differs from its hashed content (the row was edited)",
    );
  });

  it("gives the web the sentence for the code, with its values, marked when pending", () => {
    const words = problemsIn("es");
    const t = (key: string, options?: Record<string, unknown>) => {
      const template = words[key.split(".").at(-1) as string] ?? key;
      return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name] ?? ""));
    };
    const link = {
      seq: null,
      logIndex: 8,
      batch: 2,
      reason: "log positions 8..8 are missing",
      code: "positions_missing" as const,
      params: { from: 8, to: 8 },
      pending: false,
    };
    expect(webProblemText(link, t)).toBe("faltan las posiciones 8 a 8 del registro");
    expect(webProblemText({ ...link, code: "not_queued", params: {}, pending: true }, t)).toBe(
      "aún sin secuenciar: no tiene posición en el registro ni está en cola para tenerla",
    );
  });
});
