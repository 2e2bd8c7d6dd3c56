import { dateNumber, type PreparedAnswers, prepareAnswers } from "./answers.ts";
import { type Catalog, type Pathway, ruleSetOn } from "./catalog.ts";
import type { SchemaProblem } from "./catalog-schema.ts";
import { type Language, languages, type Texts } from "./language.ts";
import { closedTexts, noRulesText, notOpenYetTexts } from "./pathway-texts.ts";
import { deriveQuestions, type Question } from "./questions.ts";
import { type CompiledRule, compileRule, type EvaluationSink, outcomeNames } from "./rule-engine.ts";
import type { Outcome } from "./rule-types.ts";

/** What screening says about one pathway: the CLI prints exactly these four fields. */
export interface ScreenResult {
  pathway: string;
  result: Outcome;
  reasons: string[];
  missing: string[];
}

interface CompiledRuleSet {
  from: number;
  to: number;
  rule: CompiledRule;
}

interface CompiledPathway {
  pathway: Pathway;
  opens: number;
  closes: number;
  ruleSets: CompiledRuleSet[];
  notOpenYet?: Texts;
  closed?: Texts;
}

/** A catalogue prepared for many screenings: rules compiled, reasons rendered, questions derived. */
export interface CompiledCatalog {
  catalog: Catalog;
  questions: Question[];
  pathways: CompiledPathway[];
}

const NEVER_BEFORE = 0;
const NEVER_AFTER = 99_991_231;

/** Compiles every pathway of a validated catalogue once; screenings then reuse it. */
export function compileCatalog(catalog: Catalog): CompiledCatalog {
  const pathways = catalog.pathways.map((pathway) => ({
    pathway,
    opens: pathway.opens ? (dateNumber(pathway.opens) ?? NEVER_BEFORE) : NEVER_BEFORE,
    closes: pathway.closes ? (dateNumber(pathway.closes) ?? NEVER_AFTER) : NEVER_AFTER,
    ruleSets: pathway.ruleSets.map((set) => ({
      from: set.effectiveFrom ? (dateNumber(set.effectiveFrom) ?? NEVER_BEFORE) : NEVER_BEFORE,
      to: set.effectiveTo ? (dateNumber(set.effectiveTo) ?? NEVER_AFTER) : NEVER_AFTER,
      rule: compileRule(set.rules),
    })),
    ...(pathway.opens && { notOpenYet: notOpenYetTexts(pathway.opens) }),
    ...(pathway.closes && { closed: closedTexts(pathway.closes) }),
  }));
  const questions = deriveQuestions(
    catalog.pathways.flatMap((p) => p.ruleSets.map((s) => s.rules)),
  ).questions;
  return { catalog, questions, pathways };
}

/** Checks and converts raw answers against the questions this catalogue asks. */
export function prepareCatalogAnswers(
  compiled: CompiledCatalog,
  raw: Readonly<Record<string, unknown>>,
): { answers: PreparedAnswers; problems: SchemaProblem[] } {
  return prepareAnswers(raw, compiled.questions);
}

function ruleOn(sets: CompiledRuleSet[], on: number): CompiledRule | undefined {
  let found: CompiledRule | undefined;
  // Sets are in effectiveFrom order, so the last one in force wins.
  for (const set of sets) if (set.from <= on && on <= set.to) found = set.rule;
  return found;
}

function screenPathway(
  entry: CompiledPathway,
  answers: PreparedAnswers,
  on: number,
  lang: Language,
): ScreenResult {
  const id = entry.pathway.id;
  if (on < entry.opens && entry.notOpenYet) return closedResult(id, entry.notOpenYet[lang]);
  if (on > entry.closes && entry.closed) return closedResult(id, entry.closed[lang]);
  const rule = ruleOn(entry.ruleSets, on);
  if (!rule) return closedResult(id, noRulesText(isoOf(on), lang));
  const sink: EvaluationSink = { lang: languages.indexOf(lang), reasons: [], missing: [] };
  const code = rule(answers, on, sink);
  return {
    pathway: id,
    result: outcomeNames[code] ?? "maybe",
    reasons: sink.reasons,
    missing: sink.missing.length < 2 ? sink.missing : [...new Set(sink.missing)],
  };
}

function closedResult(pathway: string, reason: string): ScreenResult {
  return { pathway, result: "not_eligible", reasons: [reason], missing: [] };
}

function isoOf(day: number): string {
  const y = Math.floor(day / 10000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// Screening many applicants on one day parses that day once.
const lastOn: { text: string; day: number | undefined } = { text: "", day: undefined };

/** Screens prepared answers against every pathway on `on` (YYYY-MM-DD), with reasons in `lang`. */
export function screenCatalog(
  compiled: CompiledCatalog,
  answers: PreparedAnswers,
  options: { on: string; lang: Language },
): ScreenResult[] {
  const on = options.on === lastOn.text ? lastOn.day : dateNumber(options.on);
  if (on === undefined) throw new RangeError(`evaluation date must be YYYY-MM-DD, got ${options.on}`);
  lastOn.text = options.on;
  lastOn.day = on;
  return compiled.pathways.map((entry) => screenPathway(entry, answers, on, options.lang));
}

/**
 * The questions a screening on `on` (YYYY-MM-DD) needs: those of each pathway's rule set in force that day,
 * or of its newest rule set when none is (so a portal can still show what a coming pathway will ask).
 */
export function questionsOn(catalog: Catalog, on: string): Question[] {
  const rules = catalog.pathways.map((p) => (ruleSetOn(p, on) ?? p.ruleSets[p.ruleSets.length - 1])?.rules);
  return deriveQuestions(rules.filter((r) => r !== undefined)).questions;
}
