import { type PreparedAnswers, prepareAnswers } from "./answers.ts";
import { ruleSetOn } from "./catalog.ts";
import { leavesOf, type Question, questionIds, questionsOfLeaf } from "./questions.ts";
import type { Rule } from "./rule-types.ts";
import { type CompiledCatalog, questionsOn, screenCatalog } from "./screening.ts";

// Which questions the portal shows for the answers given so far. A question is shown only while it can still
// change an outcome: some pathway, not ruled out by the other answers, reads it. Reading follows the rules'
// own order where one answer only means something after another (the sector of a job offer is read only once
// the person says they have one). Answers to questions not shown are dropped before screening, so the result
// never depends on them.

/** The ids of the questions one rule tree reads, given the answers so far. */
function readsOf(rule: Rule, answers: PreparedAnswers): Set<string> {
  const ids = new Set<string>();
  for (const leaf of leavesOf(rule)) {
    for (const question of questionsOfLeaf(leaf)) {
      if (leaf.kind === "job_offer" && question.id === questionIds.jobSectorIn(leaf.country)) {
        if (answers.get(questionIds.jobOfferIn(leaf.country)) !== true) continue;
      }
      ids.add(question.id);
    }
  }
  return ids;
}

/** The questions read only after `id` has a given answer (a job offer's sector after the offer). */
function followersOf(id: string): string[] {
  const offer = /^job_offer_in_([A-Z]{3})$/.exec(id);
  return offer?.[1] ? [questionIds.jobSectorIn(offer[1])] : [];
}

/** The answers without `id` and without the questions that only follow from it. */
function without(answers: PreparedAnswers, id: string): PreparedAnswers {
  const drop = [id, ...followersOf(id)].filter((d) => answers.has(d));
  if (drop.length === 0) return answers;
  const rest = new Map(answers);
  for (const d of drop) rest.delete(d);
  return rest;
}

/** The questions shown for `answers` (already restricted to shown ones), in the catalogue's order. */
function shownFor(compiled: CompiledCatalog, asked: Question[], answers: PreparedAnswers, on: string) {
  const rules = compiled.pathways.map((p) => ruleSetOn(p.pathway, on)?.rules);
  return asked.filter((question) => {
    const others = without(answers, question.id);
    const results = screenCatalog(compiled, others, { on, lang: "en" });
    return results.some((r, i) => {
      const rule = rules[i];
      return r.result !== "not_eligible" && rule !== undefined && readsOf(rule, others).has(question.id);
    });
  });
}

function pick(raw: Readonly<Record<string, unknown>>, ids: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const id of ids) if (raw[id] !== undefined) kept[id] = raw[id];
  return kept;
}

/**
 * The questions to show for the raw answers given so far (ids, in the order the portal asks them) and the
 * answers that count: those to shown questions. Built up from no answers at all, taking in only answers to
 * questions already shown, so an answer to a question never shown cannot change anything.
 */
export function relevantQuestions(
  compiled: CompiledCatalog,
  raw: Readonly<Record<string, unknown>>,
  on: string,
): { shown: string[]; answers: Record<string, unknown> } {
  const asked = questionsOn(compiled.catalog, on);
  let shown: string[] = [];
  let kept: Record<string, unknown> = {};
  // Each round can only reveal or hide questions the previous answers touched; a catalogue settles in a
  // few rounds, and the bound keeps a pathological one from looping.
  for (let round = 0; round <= asked.length; round++) {
    const prepared = prepareAnswers(kept, compiled.questions).answers;
    const next = shownFor(compiled, asked, prepared, on).map((q) => q.id);
    const same = next.length === shown.length && next.every((id, i) => id === shown[i]);
    shown = next;
    kept = pick(raw, shown);
    if (same) break;
  }
  return { shown, answers: kept };
}
