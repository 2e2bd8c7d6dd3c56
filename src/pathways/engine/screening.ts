import type { PathProblem } from "../../shared/input-problem.ts";
import { dateNumber, type PreparedAnswers, prepareAnswers } from "./answers.ts";
import { type Catalog, isClosedOn, type Pathway, ruleSetOn } from "./catalog.ts";
import type { AccessMode } from "./catalog-schema.ts";
import { type Language, languages, type Texts } from "./language.ts";
import { accessTexts, closedTexts, noRulesText, notOpenYetTexts, statusTexts } from "./pathway-texts.ts";
import { deriveQuestions, type Question } from "./questions.ts";
import { type CompiledRule, compileRule, type EvaluationSink, outcomeNames } from "./rule-engine.ts";
import type { Outcome } from "./rule-types.ts";

/** Why a pathway was ruled out by its dates rather than by the answers. */
export type ReasonCode =
  | "pathway_not_open_yet"
  | "pathway_suspended"
  | "pathway_closed"
  | "no_rules_in_force";

/**
 * What screening says about one pathway. Always the four fields `pathway`, `result`, `reasons`, `missing`;
 * `status` and `reasonCode` only when the pathway is not open on the date, `access` only when people cannot
 * simply apply (invitation or referral).
 */
export interface ScreenResult {
  pathway: string;
  result: Outcome;
  reasons: string[];
  missing: string[];
  status?: "not_open_yet" | "suspended" | "closed";
  reasonCode?: ReasonCode;
  access?: Exclude<AccessMode, "apply">;
}

interface CompiledPeriod {
  from: number;
  until: number;
  status: "open" | "suspended" | "closed";
  texts?: Texts;
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
  periods: CompiledPeriod[];
  access?: { mode: Exclude<AccessMode, "apply">; texts: Texts };
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
    periods: compilePeriods(pathway),
    ...(pathway.access !== "apply" && {
      access: { mode: pathway.access, texts: accessTexts(pathway.access, pathway.accessHow) },
    }),
  }));
  const questions = deriveQuestions(
    catalog.pathways.flatMap((p) => p.ruleSets.map((s) => s.rules)),
  ).questions;
  return { catalog, questions, pathways };
}

// A status without history holds on every date; a history's periods hold between their dates. Days before the
// first period are "not open yet"; days after a period that ended, with none following, are "closed".
function compilePeriods(pathway: Pathway): CompiledPeriod[] {
  if (pathway.statusHistory.length === 0) {
    const status = pathway.status ?? "open";
    return status === "open"
      ? []
      : [{ from: NEVER_BEFORE, until: NEVER_AFTER, status, texts: statusTexts(status, undefined) }];
  }
  return pathway.statusHistory.map((p) => ({
    from: dateNumber(p.from) ?? NEVER_BEFORE,
    until: p.until ? (dateNumber(p.until) ?? NEVER_AFTER) : NEVER_AFTER,
    status: p.status,
    ...(p.status !== "open" && { texts: statusTexts(p.status, p.from, p.change) }),
  }));
}

function statusOn(entry: CompiledPathway, on: number, lang: Language): ScreenResult | undefined {
  const { periods } = entry;
  if (periods.length === 0) return undefined;
  const id = entry.pathway.id;
  const current = periods.find((p) => p.from <= on && on <= p.until);
  if (current?.status === "open") return undefined;
  if (current?.texts) {
    const code = current.status === "suspended" ? "pathway_suspended" : "pathway_closed";
    return closedResult(id, current.texts[lang], current.status as "suspended" | "closed", code);
  }
  const first = entry.pathway.statusHistory[0];
  if (first && on < (periods[0]?.from ?? NEVER_BEFORE)) {
    return closedResult(id, notOpenYetTexts(first.from)[lang], "not_open_yet", "pathway_not_open_yet");
  }
  // Between periods or after the last one ended: the last period that ended before the date says since when.
  const ended = entry.pathway.statusHistory.filter((p) => p.until && (dateNumber(p.until) ?? 0) < on).pop();
  return closedResult(id, closedTexts(ended?.until ?? isoOf(on))[lang], "closed", "pathway_closed");
}

/** Checks and converts raw answers against the questions this catalogue asks. */
export function prepareCatalogAnswers(
  compiled: CompiledCatalog,
  raw: Readonly<Record<string, unknown>>,
): { answers: PreparedAnswers; problems: PathProblem[] } {
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
  if (on < entry.opens && entry.notOpenYet) {
    return closedResult(id, entry.notOpenYet[lang], "not_open_yet", "pathway_not_open_yet");
  }
  if (on > entry.closes && entry.closed)
    return closedResult(id, entry.closed[lang], "closed", "pathway_closed");
  const byStatus = statusOn(entry, on, lang);
  if (byStatus) return byStatus;
  const rule = ruleOn(entry.ruleSets, on);
  if (!rule) return closedResult(id, noRulesText(isoOf(on), lang), "closed", "no_rules_in_force");
  const sink: EvaluationSink = { lang: languages.indexOf(lang), reasons: [], missing: [] };
  const code = rule(answers, on, sink);
  if (entry.access) sink.reasons.push(entry.access.texts[lang]);
  return {
    pathway: id,
    result: outcomeNames[code] ?? "maybe",
    reasons: sink.reasons,
    missing: sink.missing.length < 2 ? sink.missing : [...new Set(sink.missing)],
    ...(entry.access && { access: entry.access.mode }),
  };
}

function closedResult(
  pathway: string,
  reason: string,
  status: NonNullable<ScreenResult["status"]>,
  reasonCode: ReasonCode,
): ScreenResult {
  return { pathway, result: "not_eligible", reasons: [reason], missing: [], status, reasonCode };
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

/** Every question any version of any pathway in the catalogue asks, past ones included (to read old answers by). */
export function questionsEverAsked(catalog: Catalog): Question[] {
  return deriveQuestions(catalog.pathways.flatMap((p) => p.ruleSets.map((s) => s.rules))).questions;
}

/**
 * The questions a screening on `on` (YYYY-MM-DD) needs: those of each pathway's rule set in force that day,
 * or of its newest rule set when none is (so a portal can still show what a coming pathway will ask). A
 * pathway suspended or closed that day asks nothing: its answer does not depend on them.
 */
export function questionsOn(catalog: Catalog, on: string): Question[] {
  const rules = catalog.pathways
    .filter((p) => !isClosedOn(p, on))
    .map((p) => (ruleSetOn(p, on) ?? p.ruleSets[p.ruleSets.length - 1])?.rules);
  return deriveQuestions(rules.filter((r) => r !== undefined)).questions;
}
