import type { PathProblem } from "../../shared/input-problem.ts";
import type { AnswerType, LeafRule, Rule } from "./rule-types.ts";

/** One question the portal asks; `options` lists the accepted answers of choice questions. */
export interface Question {
  id: string;
  type: AnswerType;
  options?: string[];
}

/** Fixed ids of the questions the built-in rule kinds ask (country-specific ones end in the country code). */
export const questionIds = {
  nationality: "nationality",
  currentCountry: "current_country",
  arrivalDate: "arrival_date",
  dateOfBirth: "date_of_birth",
  familyIn: (country: string) => `family_in_${country}`,
  sponsorIn: (country: string) => `sponsor_in_${country}`,
  jobOfferIn: (country: string) => `job_offer_in_${country}`,
  jobSectorIn: (country: string) => `job_sector_in_${country}`,
  vulnerabilities: "vulnerabilities",
  exclusions: "exclusions",
  statusElsewhere: "status_elsewhere",
  /** Whether the person entered any of `countries` without authorisation after `after` (YYYY-MM-DD). */
  irregularEntry: (countries: readonly string[], after: string) =>
    `irregular_entry_${[...countries].sort().join("_")}_after_${after}`,
} as const;

/** Reads an irregular-entry question id back: its countries and date, or undefined for any other id. */
export function parseIrregularEntryId(id: string): { countries: string[]; after: string } | undefined {
  const match = /^irregular_entry_((?:[A-Z]{3}_)+)after_(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  return { countries: match[1].slice(0, -1).split("_"), after: match[2] };
}

/** The questions one leaf rule needs answered, in the order a person would be asked them. */
export function questionsOfLeaf(rule: LeafRule): Question[] {
  switch (rule.kind) {
    case "nationality":
      return [{ id: questionIds.nationality, type: "country" }];
    case "presence":
      return [
        { id: questionIds.currentCountry, type: "country" },
        { id: questionIds.arrivalDate, type: "date" },
      ];
    case "age":
      return [{ id: questionIds.dateOfBirth, type: "date" }];
    case "family_tie":
      return [
        {
          id: questionIds.familyIn(rule.country),
          type: "multi_choice",
          options: [...rule.relations, "none"],
        },
      ];
    case "sponsor":
      return [{ id: questionIds.sponsorIn(rule.country), type: "boolean" }];
    case "job_offer": {
      const offer: Question = { id: questionIds.jobOfferIn(rule.country), type: "boolean" };
      if (!rule.sectors) return [offer];
      return [
        offer,
        { id: questionIds.jobSectorIn(rule.country), type: "choice", options: [...rule.sectors, "other"] },
      ];
    }
    case "vulnerability":
      return [
        { id: questionIds.vulnerabilities, type: "multi_choice", options: [...rule.categories, "none"] },
      ];
    case "exclusion":
      return [{ id: questionIds.exclusions, type: "multi_choice", options: [...rule.grounds, "none"] }];
    case "outside":
      return [{ id: questionIds.currentCountry, type: "country" }];
    case "status_elsewhere":
      return [{ id: questionIds.statusElsewhere, type: "multi_choice", options: [...rule.statuses, "none"] }];
    case "irregular_entry":
      return [{ id: questionIds.irregularEntry(rule.countries, rule.after), type: "boolean" }];
    case "answer":
      return [answerQuestion(rule)];
  }
}

function answerQuestion(rule: Extract<LeafRule, { kind: "answer" }>): Question {
  if (rule.type !== "choice" && rule.type !== "multi_choice") return { id: rule.question, type: rule.type };
  return { id: rule.question, type: rule.type, options: rule.options ?? rule.in ?? [] };
}

/** Every leaf of a rule tree, depth first, left to right. */
export function leavesOf(rule: Rule): LeafRule[] {
  switch (rule.kind) {
    case "all":
      return rule.all.flatMap(leavesOf);
    case "any":
      return rule.any.flatMap(leavesOf);
    case "not":
      return leavesOf(rule.not);
    default:
      return [rule];
  }
}

/** Merges the questions of many rules: one entry per id, options united ("none"/"other" kept last). */
export function deriveQuestions(rules: Rule[]): { questions: Question[]; problems: PathProblem[] } {
  const byId = new Map<string, Question>();
  const problems: PathProblem[] = [];
  for (const question of rules.flatMap(leavesOf).flatMap(questionsOfLeaf)) {
    const known = byId.get(question.id);
    if (!known) {
      byId.set(question.id, { ...question, ...(question.options && { options: [...question.options] }) });
      continue;
    }
    if (known.type !== question.type) {
      problems.push({
        path: `question ${question.id}`,
        message: `asked both as ${known.type} and as ${question.type}; give each question one type`,
      });
      continue;
    }
    if (known.options && question.options) known.options = mergeOptions(known.options, question.options);
  }
  return { questions: [...byId.values()], problems };
}

const trailing = new Set(["other", "none"]);

function mergeOptions(a: string[], b: string[]): string[] {
  const all = [...new Set([...a, ...b])];
  return [...all.filter((o) => !trailing.has(o)), ...all.filter((o) => trailing.has(o))];
}
