import { dateNumber, type PreparedAnswers, type PreparedValue } from "./answers.ts";
import { languages } from "./language.ts";
import { questionIds } from "./questions.ts";
import { leafReasons } from "./reason-texts.ts";
import type { LeafRule, Outcome, Rule } from "./rule-types.ts";

// Outcomes as small numbers while evaluating (three-valued logic, Kleene style): the hot loop compares
// integers and allocates nothing but the reason and missing lists.
const NO = 0;
const MAYBE = 1;
const YES = 2;
type Code = typeof NO | typeof MAYBE | typeof YES;

/** Maps an outcome code back to its name. */
export const outcomeNames: readonly Outcome[] = ["not_eligible", "maybe", "eligible"];

/**
 * Collects, while evaluating, one reason per leaf (in the language at index `lang` of `languages`) and the
 * questions whose answers would settle a `maybe`.
 */
export interface EvaluationSink {
  lang: number;
  reasons: string[];
  missing: string[];
}

/** A rule compiled to a function of the answers and the evaluation date (yyyymmdd). */
export type CompiledRule = (answers: PreparedAnswers, on: number, sink: EvaluationSink) => Code;

type LeafCheck = (answers: PreparedAnswers, on: number, missing: string[]) => Code;

const setOf = (codes: readonly string[], upper = false) =>
  new Set(codes.map((c) => (upper ? c.toUpperCase() : c.toLowerCase())));

function intersects(value: PreparedValue, wanted: ReadonlySet<string>): boolean {
  if (typeof value === "string") return wanted.has(value);
  if (!(value instanceof Set)) return false;
  for (const item of value) if (wanted.has(item)) return true;
  return false;
}

/** A check that asks one question and decides from its answer alone. */
function single(question: string, decide: (value: PreparedValue, on: number) => boolean): LeafCheck {
  return (answers, on, missing) => {
    const value = answers.get(question);
    if (value === undefined) {
      missing.push(question);
      return MAYBE;
    }
    return decide(value, on) ? YES : NO;
  };
}

function within(value: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

/** Whole years from a yyyymmdd birth date to a yyyymmdd day: the birthday counts from its own day. */
export function ageInYears(birth: number, on: number): number {
  return Math.floor((on - birth) / 10000);
}

function presenceCheck(country: string, cutoff: number): LeafCheck {
  return (answers, _on, missing) => {
    const current = answers.get(questionIds.currentCountry);
    const arrival = answers.get(questionIds.arrivalDate);
    const isThere = current === undefined ? undefined : current instanceof Set && current.has(country);
    const earlyEnough = arrival === undefined ? undefined : typeof arrival === "number" && arrival <= cutoff;
    if (isThere === false || earlyEnough === false) return NO;
    if (isThere && earlyEnough) return YES;
    if (isThere === undefined) missing.push(questionIds.currentCountry);
    if (earlyEnough === undefined) missing.push(questionIds.arrivalDate);
    return MAYBE;
  };
}

function jobOfferCheck(country: string, sectors: string[] | undefined): LeafCheck {
  const offer = single(questionIds.jobOfferIn(country), (v) => v === true);
  if (!sectors) return offer;
  const sector = anyOf(questionIds.jobSectorIn(country), sectors);
  return (answers, on, missing) => {
    const hasOffer = offer(answers, on, missing);
    if (hasOffer === NO) return NO;
    const inSector = sector(answers, on, missing);
    return inSector === NO ? NO : (Math.min(hasOffer, inSector) as Code);
  };
}

function answerCheck(rule: Extract<LeafRule, { kind: "answer" }>): LeafCheck {
  const wanted = rule.in ? setOf(rule.in, rule.type === "country") : undefined;
  const from = rule.onOrAfter ? dateNumber(rule.onOrAfter) : undefined;
  const to = rule.onOrBefore ? dateNumber(rule.onOrBefore) : undefined;
  return single(rule.question, (value) => {
    switch (rule.type) {
      case "boolean":
        return value === (rule.equals ?? true);
      case "number":
        return typeof value === "number" && within(value, rule.min, rule.max);
      case "date":
        return typeof value === "number" && within(value, from, to);
      default:
        return wanted === undefined || intersects(value, wanted);
    }
  });
}

/** A check that the answer shares at least one code with `codes` (sets are built once, at compile time). */
function anyOf(question: string, codes: readonly string[], upper = false): LeafCheck {
  const wanted = setOf(codes, upper);
  return single(question, (v) => intersects(v, wanted));
}

function leafCheck(rule: LeafRule): LeafCheck {
  switch (rule.kind) {
    case "nationality":
      return anyOf(questionIds.nationality, rule.in, true);
    case "presence":
      return presenceCheck(rule.country, dateNumber(rule.onOrBefore) ?? 0);
    case "age":
      return single(
        questionIds.dateOfBirth,
        (v, on) => typeof v === "number" && within(ageInYears(v, on), rule.min, rule.max),
      );
    case "family_tie":
      return anyOf(questionIds.familyIn(rule.country), rule.relations);
    case "sponsor":
      return single(questionIds.sponsorIn(rule.country), (v) => v === true);
    case "job_offer":
      return jobOfferCheck(rule.country, rule.sectors);
    case "vulnerability":
      return anyOf(questionIds.vulnerabilities, rule.categories);
    case "exclusion": {
      const grounds = setOf(rule.grounds);
      return single(questionIds.exclusions, (v) => !intersects(v, grounds));
    }
    case "outside":
      return single(
        questionIds.currentCountry,
        (v) => !(v instanceof Set ? v.has(rule.country) : v === rule.country),
      );
    case "status_elsewhere": {
      const statuses = setOf(rule.statuses);
      return single(questionIds.statusElsewhere, (v) => !intersects(v, statuses));
    }
    case "irregular_entry":
      return single(questionIds.irregularEntry(rule.countries, rule.after), (v) => v === false);
    case "answer":
      return answerCheck(rule);
  }
}

function compileLeaf(rule: LeafRule): CompiledRule {
  const check = leafCheck(rule);
  const reasons = leafReasons(rule);
  // Reason strings laid out by [outcome code][language index]: the hot loop indexes, never looks up by name.
  const byCode = [reasons.not_eligible, reasons.maybe, reasons.eligible].map((t) =>
    languages.map((l) => t[l]),
  );
  return (answers, on, sink) => {
    const code = check(answers, on, sink.missing);
    sink.reasons.push(byCode[code]?.[sink.lang] ?? "");
    return code;
  };
}

// A combinator keeps the missing questions of its children only when its own outcome is `maybe`: answering
// them could change the result. Children that are not `maybe` never leave missing questions behind.
function compileGroup(children: CompiledRule[], all: boolean): CompiledRule {
  return (answers, on, sink) => {
    const start = sink.missing.length;
    let result: Code = all ? YES : NO;
    for (const child of children) {
      const code = child(answers, on, sink);
      result = (all ? Math.min(result, code) : Math.max(result, code)) as Code;
    }
    if (result !== MAYBE) sink.missing.length = start;
    return result;
  };
}

/** Compiles a rule tree once so that each evaluation is a walk over prepared closures. */
export function compileRule(rule: Rule): CompiledRule {
  switch (rule.kind) {
    case "all":
      return compileGroup(rule.all.map(compileRule), true);
    case "any":
      return compileGroup(rule.any.map(compileRule), false);
    case "not": {
      const inner = compileRule(rule.not);
      return (answers, on, sink) => (YES - inner(answers, on, sink)) as Code;
    }
    default:
      return compileLeaf(rule);
  }
}
