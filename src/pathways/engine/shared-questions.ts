import type { PathProblem } from "../../shared/input-problem.ts";
import { completeTexts } from "./language.ts";
import { deriveQuestions, leavesOf, questionsOfLeaf } from "./questions.ts";
import type { AnswerType, LeafKind, LeafRule, Rule } from "./rule-types.ts";

// The public portal asks one questionnaire for every nation's published pathways: a question id means the same
// question, of the same type and wording, whoever asks it. These checks keep one nation's pathway from changing
// or breaking the questions of the others.

/** A pathway as the shared-question checks see it: its composite key and the rules that may be in force. */
export interface QuestionOwner {
  /** "<nation>:<id>", shown in problems so the other side can be found. */
  key: string;
  rules: Rule[];
}

const SAMPLE = "XXX";

// One leaf of every built-in kind: the questions they ask are the platform's, the same for every nation.
const builtInLeaves = {
  nationality: { kind: "nationality", in: [SAMPLE] },
  presence: { kind: "presence", country: SAMPLE, onOrBefore: "2000-01-01" },
  age: { kind: "age", min: 0 },
  family_tie: { kind: "family_tie", country: SAMPLE, relations: ["parent"] },
  sponsor: { kind: "sponsor", country: SAMPLE },
  job_offer: { kind: "job_offer", country: SAMPLE, sectors: ["other"] },
  vulnerability: { kind: "vulnerability", categories: ["other"] },
  exclusion: { kind: "exclusion", grounds: ["other"] },
  outside: { kind: "outside", country: SAMPLE },
  status_elsewhere: { kind: "status_elsewhere", statuses: ["other"] },
  irregular_entry: { kind: "irregular_entry", countries: [SAMPLE], after: "2000-01-01" },
} satisfies Record<Exclude<LeafKind, "answer">, LeafRule>;

const builtIns: { pattern: RegExp; type: AnswerType }[] = Object.values(builtInLeaves)
  .flatMap((leaf) => questionsOfLeaf(leaf as LeafRule))
  .map((q) => ({
    // A country in an id stands for any code; an irregular-entry id lists one or more, then any date.
    pattern: new RegExp(
      `^${q.id.replace(`${SAMPLE}_after_2000-01-01`, "(?:[A-Z]{3}_)+after_\\d{4}-\\d{2}-\\d{2}").replace(SAMPLE, "[A-Z]{3}")}$`,
    ),
    type: q.type,
  }));

/** The type of a built-in question id (`nationality`, `family_in_USA`, …), or undefined for a nation's own id. */
export function builtInQuestionType(id: string): AnswerType | undefined {
  return builtIns.find((b) => b.pattern.test(id))?.type;
}

/** The wording a nation gave its own questions (rules of kind `answer` with a `text`), as comparable JSON. */
function customWordings(rules: Rule[]): Map<string, string> {
  const wordings = new Map<string, string>();
  for (const leaf of rules.flatMap(leavesOf)) {
    if (leaf.kind !== "answer" || leaf.text === undefined || wordings.has(leaf.question)) continue;
    wordings.set(leaf.question, JSON.stringify(completeTexts(leaf.text)));
  }
  return wordings;
}

function builtInProblems(rules: Rule[]): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const q of deriveQuestions(rules).questions) {
    const type = builtInQuestionType(q.id);
    if (type !== undefined && type !== q.type) {
      problems.push({
        path: `question ${q.id}`,
        message: `asked here as ${q.type}, but it is built in as ${type} for every nation; use another id`,
      });
    }
  }
  for (const id of customWordings(rules).keys()) {
    if (builtInQuestionType(id) === undefined) continue;
    problems.push({
      path: `question ${id}`,
      message: "its wording is built in and shared by every nation; leave out `text` or use another id",
    });
  }
  return problems;
}

/**
 * What keeps `candidate` from sharing the portal with `others`: a built-in question asked with another type or
 * reworded, a question another pathway asks with another type, or the same own question worded differently.
 */
export function sharedQuestionProblems(candidate: QuestionOwner, others: QuestionOwner[]): PathProblem[] {
  const problems = builtInProblems(candidate.rules);
  const types = new Map<string, { type: AnswerType; key: string }>();
  const wordings = new Map<string, { wording: string; key: string }>();
  for (const other of others) {
    if (other.key === candidate.key) continue;
    for (const q of deriveQuestions(other.rules).questions) {
      if (!types.has(q.id)) types.set(q.id, { type: q.type, key: other.key });
    }
    for (const [id, wording] of customWordings(other.rules)) {
      if (!wordings.has(id)) wordings.set(id, { wording, key: other.key });
    }
  }
  for (const q of deriveQuestions(candidate.rules).questions) {
    const known = types.get(q.id);
    if (known && known.type !== q.type && builtInQuestionType(q.id) === undefined) {
      problems.push({
        path: `question ${q.id}`,
        message: `asked here as ${q.type}, but published pathway ${known.key} asks it as ${known.type}; use the same type or another id`,
      });
    }
  }
  for (const [id, wording] of customWordings(candidate.rules)) {
    const known = wordings.get(id);
    if (known && known.wording !== wording) {
      problems.push({
        path: `question ${id}`,
        message: `worded differently from published pathway ${known.key}; use the same text or another id`,
      });
    }
  }
  return problems;
}
