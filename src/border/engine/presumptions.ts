import type { AppliedPresumption, EncounterInput } from "../border.contract.ts";
import { type CompiledPack, covers, type Subject } from "./compile-pack.ts";
import { type EncounterMoment, isInForce } from "./effective-window.ts";
import { allHold } from "./encounter-facts.ts";
import { type Said, say } from "./reason-english.ts";

// Presumptions the law attaches to an encounter (the Circumvention of Lawful Pathways presumption of asylum
// ineligibility): reported when in force for the authority, border and kind of entry, and not reported when an
// exception or rebuttal ground holds. Either way the dispositions it affects say so among their reasons.

export interface PresumptionOutcome {
  applied: AppliedPresumption[];
  /** Reasons and citations to add to each affected disposition code. */
  byDisposition: Map<string, { reasons: Said[]; citations: string[] }>;
}

const none: PresumptionOutcome = { applied: [], byDisposition: new Map() };

/** Evaluates the pack's presumptions for one encounter under the authority in force. */
export function assessPresumptions(
  pack: CompiledPack,
  encounter: EncounterInput,
  subject: Subject,
  moment: EncounterMoment,
  authority: string,
): PresumptionOutcome {
  if (pack.presumptions.length === 0) return none;
  const outcome: PresumptionOutcome = { applied: [], byDisposition: new Map() };
  for (const p of pack.presumptions) {
    if (p.authorities !== null && !p.authorities.has(authority)) continue;
    if (!isInForce(p.window, moment) || !covers(p.coverage, subject)) continue;
    const hit = p.exceptions.find((x) => covers(x, subject) && allHold(x.when, encounter));
    if (hit) {
      const code = hit.kind === "rebuttal" ? "presumption_rebutted" : "presumption_excepted";
      const why = say(code, {
        presumption: p.label,
        presumptionCode: p.code,
        text: hit.reason,
        unverified: hit.unverified,
      });
      note(outcome, p.affects, why, hit.citations);
      continue;
    }
    const applies = say("presumption_applies", {
      presumption: p.label,
      presumptionCode: p.code,
      ...p.windowParams,
      unverified: p.unverified,
    });
    outcome.applied.push({
      code: p.code,
      effect: p.effect,
      reasons: [applies.text],
      explained: [applies.why],
      citations: p.citations,
    });
    note(
      outcome,
      p.affects,
      say("presumption_effect", { presumption: p.label, presumptionCode: p.code, effect: p.effect }),
      p.citations,
    );
  }
  return outcome;
}

function note(outcome: PresumptionOutcome, codes: ReadonlySet<string>, reason: Said, citations: string[]) {
  for (const code of codes) {
    let entry = outcome.byDisposition.get(code);
    if (!entry) {
      entry = { reasons: [], citations: [] };
      outcome.byDisposition.set(code, entry);
    }
    entry.reasons.push(reason);
    entry.citations.push(...citations);
  }
}
