import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EncounterInput, PresumptionCode } from "../src/border/border.contract.ts";
import { REASON_CODES, type ReasonCode } from "../src/border/border-reasons.contract.ts";
import { assessDisposition } from "../src/border/engine/assess-disposition.ts";
import { FactCode } from "../src/border/engine/encounter-facts.ts";
import { PolicySource } from "../src/border/engine/policy-pack-rules.ts";
import {
  loadShippedPack,
  SHIPPED_PACKS,
  type ShippedJurisdiction,
} from "../src/border/shipped-packs.test-support.ts";

// Every reason an assessment gives is worded in every staff language, and each wording names every part the
// engine gives the reason: a part the sentence forgot would silently vanish from what the officer reads.

const LANGUAGES = ["es", "en", "pt", "fr", "ht"] as const;
// biome-ignore lint/suspicious/noExplicitAny: the locale files are read as plain JSON
const borderWords = (lang: string): Record<string, any> =>
  JSON.parse(readFileSync(join("web", "src", "i18n", `${lang}.json`), "utf8")).pages.border;

/** Parts the web reads without a placeholder of their own: the window's bounds, codes that name a quoted part. */
const UNPLACED = new Set([
  "borderLabels",
  "onlyLabels",
  "from",
  "until",
  "zone",
  "unverified",
  "limited",
  "authorityCode",
  "presumptionCode",
  "encounterId",
]);

/** The parameters each reason code is given, over a spread of encounters through the shipped packs. */
function parametersByCode(): Map<ReasonCode, Set<string>> {
  const byCode = new Map<ReasonCode, Set<string>>();
  for (const nation of Object.keys(SHIPPED_PACKS) as ShippedJurisdiction[]) {
    const pack = loadShippedPack(nation);
    for (const date of ["2020-06-01", "2022-05-25", "2023-06-01"])
      for (const citizenship of ["MEX", "VEN", "HND", "HTI", "CUB"])
        for (const demographic of ["single_adult", "family_unit", "unaccompanied_minor"])
          for (const border of [undefined, "US-southwest", "Atlantic airport"]) {
            const encounter = EncounterInput.parse({
              date,
              citizenship,
              demographic,
              border,
              fearClaim: demographic === "family_unit",
              priorResidences: [{ country: "COL" }],
            });
            const assessment = assessDisposition(encounter, pack, { priorResidence: { COL: "pending" } });
            for (const item of [...assessment.dispositions, ...assessment.presumptions])
              for (const why of item.explained ?? []) {
                const keys = byCode.get(why.code) ?? new Set<string>();
                for (const key of Object.keys(why.params)) keys.add(key);
                byCode.set(why.code, keys);
              }
          }
  }
  return byCode;
}

describe("border reasons in the staff languages", () => {
  it.each(LANGUAGES)("every reason code is worded in %s", (lang) => {
    const words = borderWords(lang).reason;
    for (const code of REASON_CODES) expect(words[code], `${lang}: ${code}`).toBeTruthy();
    for (const bound of ["always", "from", "until", "between"]) expect(words.window[bound]).toBeTruthy();
    expect(words.unverified).toContain("{{text}}");
  });

  it("the English wording names every part the engine gives each reason", () => {
    const words = borderWords("en").reason;
    const byCode = parametersByCode();
    expect(byCode.size).toBeGreaterThan(12);
    for (const [code, keys] of byCode) {
      for (const key of keys) {
        if (UNPLACED.has(key)) continue;
        expect(words[code], `${code} names {{${key}}}`).toContain(`{{${key}}}`);
      }
      if (keys.has("from") || keys.has("until"))
        expect(words[code], `${code} names its window`).toContain("{{window}}");
    }
  });

  it.each(LANGUAGES)(
    "facts, the shipped packs' authorities, presumptions and kinds of source are named in %s",
    (lang) => {
      const words = borderWords(lang);
      for (const fact of FactCode.options) expect(words.fact[fact], `${lang}: fact ${fact}`).toBeTruthy();
      for (const presumption of PresumptionCode.options)
        expect(words.presumption[presumption], `${lang}: ${presumption}`).toBeTruthy();
      for (const nation of Object.keys(SHIPPED_PACKS) as ShippedJurisdiction[])
        for (const authority of loadShippedPack(nation).authorities)
          expect(words.authorityName[authority.code], `${lang}: ${authority.code}`).toBeTruthy();
      for (const kind of PolicySource.shape.kind.options)
        expect(words.sourceKind[kind], `${lang}: source kind ${kind}`).toBeTruthy();
      expect(words.toBeVerified).toBeTruthy();
    },
  );
});
