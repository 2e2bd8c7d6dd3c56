import type { Language } from "./language.ts";

/** A text given as one string for every language or as a map language → text. */
export type TextsInput = string | Partial<Record<Language, string>>;

/** Optional wording a nation gives a leaf rule instead of the built-in reason texts. */
export interface ReasonOverride {
  eligible?: TextsInput;
  not_eligible?: TextsInput;
  maybe?: TextsInput;
}

interface LeafCommon {
  /** A name for the rule, for people editing the catalogue. */
  id?: string;
  note?: string;
  /** The instrument the rule comes from (a citation, with "to be verified" where it is not yet checked). */
  source?: string;
  reason?: ReasonOverride;
}

export type AnswerType = "boolean" | "choice" | "multi_choice" | "country" | "date" | "number";

export type LeafRule = LeafCommon &
  (
    | { kind: "nationality"; in: string[] }
    | { kind: "presence"; country: string; onOrBefore: string }
    | { kind: "age"; min?: number; max?: number }
    | { kind: "family_tie"; country: string; relations: string[] }
    | { kind: "sponsor"; country: string }
    | { kind: "job_offer"; country: string; sectors?: string[] }
    | { kind: "vulnerability"; categories: string[] }
    | { kind: "exclusion"; grounds: string[] }
    | { kind: "outside"; country: string }
    | { kind: "status_elsewhere"; statuses: string[] }
    | { kind: "irregular_entry"; countries: string[]; after: string }
    | {
        kind: "answer";
        question: string;
        type: AnswerType;
        text?: TextsInput;
        options?: string[];
        equals?: boolean;
        in?: string[];
        min?: number;
        max?: number;
        onOrBefore?: string;
        onOrAfter?: string;
      }
  );

export type Rule =
  | { kind: "all"; all: Rule[]; id?: string; note?: string }
  | { kind: "any"; any: Rule[]; id?: string; note?: string }
  | { kind: "not"; not: Rule; id?: string; note?: string }
  | LeafRule;

export type LeafKind = LeafRule["kind"];

/** The leaf kinds, in the order the documentation presents them. */
export const leafKinds = [
  "nationality",
  "presence",
  "age",
  "family_tie",
  "sponsor",
  "job_offer",
  "vulnerability",
  "exclusion",
  "outside",
  "status_elsewhere",
  "irregular_entry",
  "answer",
] as const satisfies readonly LeafKind[];

/** What a rule (or a whole pathway) comes to for one applicant. */
export type Outcome = "eligible" | "maybe" | "not_eligible";
