import { inCountry } from "./country-names.ts";
import { completeTexts, formatDate, type Language, languages, type Texts } from "./language.ts";
import { type ReasonWords, reasonTemplates } from "./reason-templates.ts";
import type { LeafRule, Outcome } from "./rule-types.ts";
import { countryList, labelList } from "./vocabulary.ts";

/** The three reasons of one leaf rule (one per outcome), each in every language. */
export type LeafReasons = Record<Outcome, Texts>;

const ageRange: Record<Language, (min?: number, max?: number) => string> = {
  en: (min, max) =>
    min !== undefined && max !== undefined
      ? `between ${min} and ${max} years old`
      : min !== undefined
        ? `at least ${min} years old`
        : `at most ${max} years old`,
  es: (min, max) =>
    min !== undefined && max !== undefined
      ? `tener entre ${min} y ${max} años`
      : min !== undefined
        ? `tener al menos ${min} años`
        : `tener como máximo ${max} años`,
  pt: (min, max) =>
    min !== undefined && max !== undefined
      ? `ter entre ${min} e ${max} anos`
      : min !== undefined
        ? `ter pelo menos ${min} anos`
        : `ter no máximo ${max} anos`,
  fr: (min, max) =>
    min !== undefined && max !== undefined
      ? `avoir entre ${min} et ${max} ans`
      : min !== undefined
        ? `avoir au moins ${min} ans`
        : `avoir au plus ${max} ans`,
  ht: (min, max) =>
    min !== undefined && max !== undefined
      ? `gen ant ${min} ak ${max} an`
      : min !== undefined
        ? `gen omwen ${min} an`
        : `gen pou pi plis ${max} an`,
};

const sectorWord: Record<Language, string> = {
  en: "sector",
  es: "sector",
  pt: "setor",
  fr: "secteur",
  ht: "sektè",
};

function sectorsPhrase(sectors: string[] | undefined, lang: Language): string {
  if (!sectors) return "";
  const colon = lang === "fr" ? " :" : ":";
  return ` (${sectorWord[lang]}${colon} ${labelList(sectors, lang)})`;
}

function wordsFor(rule: LeafRule, lang: Language): ReasonWords {
  const country = "country" in rule ? rule.country : "";
  return {
    countries:
      rule.kind === "nationality"
        ? countryList(rule.in, lang)
        : rule.kind === "irregular_entry"
          ? countryList(rule.countries, lang)
          : "",
    inCountry: country ? inCountry(country, lang) : "",
    date:
      rule.kind === "presence"
        ? formatDate(rule.onOrBefore, lang)
        : rule.kind === "irregular_entry"
          ? formatDate(rule.after, lang)
          : "",
    range: rule.kind === "age" ? ageRange[lang](rule.min, rule.max) : "",
    relations: rule.kind === "family_tie" ? labelList(rule.relations, lang) : "",
    sectors: rule.kind === "job_offer" ? sectorsPhrase(rule.sectors, lang) : "",
    categories: rule.kind === "vulnerability" ? labelList(rule.categories, lang) : "",
    grounds: rule.kind === "exclusion" ? labelList(rule.grounds, lang) : "",
    statuses: rule.kind === "status_elsewhere" ? labelList(rule.statuses, lang) : "",
    question: rule.kind === "answer" ? questionWording(rule, lang) : "",
  };
}

function questionWording(rule: Extract<LeafRule, { kind: "answer" }>, lang: Language): string {
  return rule.text === undefined ? rule.question.replaceAll("_", " ") : completeTexts(rule.text)[lang];
}

/** Builds the reasons a leaf rule gives, in every language; a nation's own wording replaces the built-in one. */
export function leafReasons(rule: LeafRule): LeafReasons {
  const outcomes: Outcome[] = ["eligible", "not_eligible", "maybe"];
  const entries = outcomes.map((outcome) => {
    const override = rule.reason?.[outcome];
    if (override !== undefined) return [outcome, completeTexts(override)] as const;
    const texts = Object.fromEntries(
      languages.map((lang) => [lang, reasonTemplates[lang][rule.kind][outcome](wordsFor(rule, lang))]),
    ) as Texts;
    return [outcome, texts] as const;
  });
  return Object.fromEntries(entries) as LeafReasons;
}
