import type {
  Assessment,
  AssessmentChecks,
  DispositionAssessment,
  EncounterInput,
  PendingCheck,
  TriggeredSafeguard,
} from "../border.contract.ts";
import type { ExplainedReason } from "../border-reasons.contract.ts";
import { type AuthorityInForce, authorityInForce } from "./authority-in-force.ts";
import {
  type CompiledAcceptance,
  type CompiledDisposition,
  compilePack,
  coverageGap,
  covers,
  type Subject,
} from "./compile-pack.ts";
import { type EncounterMoment, isInForce, toEncounterMoment } from "./effective-window.ts";
import { allHold, holds } from "./encounter-facts.ts";
import { type CompiledBorders, placeBorder } from "./pack-borders.ts";
import type { PolicyPack, SafeguardRule } from "./policy-pack.ts";
import { assessPresumptions, type PresumptionOutcome } from "./presumptions.ts";
import { remembered, type Said, say } from "./reason-english.ts";
import { applicableSafeguards, type Blocker, openSafeguards } from "./safeguard-blockers.ts";
import { isTriggered } from "./safeguards.ts";

// The assessment recommends and explains; an officer decides. Safeguards always come first: while one
// is open, no return or expulsion it blocks is eligible, whatever the law on the date would allow.
// This runs per encounter in bulk, so the hot path avoids per-call closures and sets.

interface Context {
  encounter: EncounterInput;
  borders: CompiledBorders;
  subject: Subject;
  borderText: string;
  moment: EncounterMoment;
  authority: AuthorityInForce;
  checks: AssessmentChecks;
  blockers: Blocker[];
  presumptions: PresumptionOutcome;
  pending: PendingCheck[];
}

const noChecks: AssessmentChecks = { priorResidence: {} };

/** Assesses one encounter against a validated policy pack and the partner checks answered so far. */
export function assessDisposition(
  encounter: EncounterInput,
  pack: PolicyPack,
  checks: AssessmentChecks = noChecks,
): Assessment {
  const compiled = compilePack(pack);
  const moment = toEncounterMoment(encounter.date);
  const placed = placeBorder(compiled.borders, encounter.border);
  const subject = subjectOf(encounter, placed.code);
  const authority = authorityInForce(compiled, subject, moment, encounter.date, placed);
  const safeguards: TriggeredSafeguard[] = [];
  const variants = applicableSafeguards(compiled, authority.code, encounter.citizenship);
  const blockers = openSafeguards(variants, encounter, safeguards, checks.closedSafeguards);
  const presumptions = assessPresumptions(compiled, encounter, subject, moment, authority.code);
  const context: Context = {
    encounter,
    borders: compiled.borders,
    subject,
    borderText: placed.text,
    moment,
    authority,
    checks,
    blockers,
    presumptions,
    pending: [],
  };
  const dispositions: DispositionAssessment[] = [];
  for (const d of compiled.dispositions) {
    const to = d.to === "citizenship" ? encounter.citizenship : d.to;
    // An own-country return repeats a disposition the pack already states for that nation.
    if (d.statedElsewhere.has(encounter.citizenship)) continue;
    dispositions.push(assessOne(d, to, context));
  }
  return {
    authority: authority.code,
    dispositions,
    safeguards,
    pendingChecks: context.pending,
    presumptions: presumptions.applied,
  };
}

/** The safeguard rules that apply to this encounter under the authority in force, one variant per code. */
export function applicableSafeguardRules(encounter: EncounterInput, pack: PolicyPack): SafeguardRule[] {
  const compiled = compilePack(pack);
  const moment = toEncounterMoment(encounter.date);
  const placed = placeBorder(compiled.borders, encounter.border);
  const authority = authorityInForce(
    compiled,
    subjectOf(encounter, placed.code),
    moment,
    encounter.date,
    placed,
  );
  return applicableSafeguards(compiled, authority.code, encounter.citizenship).map((s) => s.rule);
}

/** The safeguard rules this encounter opens, in the variant that applies to it. */
export function safeguardRulesFor(encounter: EncounterInput, pack: PolicyPack): SafeguardRule[] {
  return applicableSafeguardRules(encounter, pack).filter((rule) => isTriggered(rule.code, encounter));
}

function subjectOf(encounter: EncounterInput, border: string | null): Subject {
  return {
    citizenship: encounter.citizenship,
    demographic: encounter.demographic,
    border,
    entry: encounter.entry,
  };
}

function toAssessment(
  d: CompiledDisposition,
  to: string | undefined,
  eligible: boolean,
  said: readonly Said[],
  citations: string[],
): DispositionAssessment {
  const reasons = new Array<string>(said.length);
  const explained = new Array<ExplainedReason>(said.length);
  for (let i = 0; i < said.length; i++) {
    reasons[i] = (said[i] as Said).text;
    explained[i] = (said[i] as Said).why;
  }
  if (to === undefined) return { code: d.code, eligible, reasons, explained, citations };
  return { code: d.code, to, eligible, reasons, explained, citations };
}

function assessOne(d: CompiledDisposition, to: string | undefined, ctx: Context): DispositionAssessment {
  const { authority, encounter } = ctx;
  if (!d.authorities.has(authority.code)) {
    return toAssessment(d, to, false, [...authority.reasons, d.unavailable], authority.citations.slice());
  }
  const rule = firstApplicable(d.acceptance, ctx);
  if (!rule) {
    const reasons = authority.reasons.slice();
    const citations = authority.citations.slice();
    nearMisses(d, ctx, reasons, citations);
    return toAssessment(d, to, false, reasons, citations);
  }
  const reasons = authority.reasons.slice();
  reasons.push(rule.applies);
  const citations = authority.citations.slice();
  addCitations(citations, rule.citations);
  for (const screening of rule.screenings) {
    if (!holds(screening.when, encounter)) continue;
    reasons.push(screening.said);
    addCitations(citations, screening.citations);
  }
  const presumed = ctx.presumptions.byDisposition.get(d.code);
  if (presumed) {
    for (const reason of presumed.reasons) reasons.push(reason);
    addCitations(citations, presumed.citations);
  }
  let eligible = true;
  for (const check of rule.requiredChecks) {
    const outcome = checkOutcome(check.country, ctx);
    reasons.push(outcome.reason);
    eligible &&= outcome.passed;
  }
  for (const blocker of ctx.blockers) {
    if (!blocker.blocks.has(d.code)) continue;
    reasons.push(blocker.reason);
    if (blocker.closed) continue;
    addCitations(citations, blocker.citations);
    eligible = false;
  }
  return toAssessment(d, to, eligible, reasons, citations);
}

/** The first acceptance rule in force that covers the subject and whose required facts hold. */
function firstApplicable(rules: readonly CompiledAcceptance[], ctx: Context): CompiledAcceptance | undefined {
  for (const r of rules) {
    if (isInForce(r.window, ctx.moment) && covers(r, ctx.subject) && allHold(r.requires, ctx.encounter))
      return r;
  }
  return undefined;
}

/** Appends why no acceptance rule applies: the nearest rules for this citizenship, or that none covers it. */
function nearMisses(d: CompiledDisposition, ctx: Context, reasons: Said[], citations: string[]): void {
  const { subject, encounter } = ctx;
  const before = reasons.length;
  for (const r of d.acceptance) {
    if (r.citizenships !== null && !r.citizenships.has(subject.citizenship)) continue;
    if (r.notCitizenships?.has(subject.citizenship)) continue;
    addCitations(citations, r.citations);
    const gap = coverageGap(r, subject, ctx.borderText, ctx.borders);
    if (gap !== null) {
      const key = `${gap.code}|${gap.params.actual ?? gap.params.at}`;
      reasons.push(remembered(r.said, key, () => say(gap.code, { rule: r.reason, ...gap.params })));
    } else if (!isInForce(r.window, ctx.moment)) {
      // Dates are many: this reason is made each time rather than remembered.
      reasons.push(say("rule_outside_window", { rule: r.reason, ...r.windowParams, date: encounter.date }));
    } else {
      const facts = r.requires.filter((fact) => !holds(fact, encounter));
      reasons.push(
        remembered(r.said, `facts|${facts.join(",")}`, () =>
          say("rule_missing_facts", { rule: r.reason, facts }),
        ),
      );
    }
  }
  if (reasons.length === before) {
    const citizenship = subject.citizenship;
    reasons.push(
      remembered(d.said, citizenship, () => say("no_rule_covers", { disposition: d.label, citizenship })),
    );
  }
}

function checkOutcome(country: string, ctx: Context): { passed: boolean; reason: Said } {
  const status = ctx.checks.priorResidence[country];
  if (status === "verified") return { passed: true, reason: say("residence_verified", { country }) };
  if (status === "not_found") return { passed: false, reason: say("residence_not_found", { country }) };
  const claimed = ctx.encounter.priorResidences.some((r) => r.country === country);
  if (status === undefined && !claimed)
    return { passed: false, reason: say("residence_not_claimed", { country }) };
  if (!ctx.pending.some((p) => p.country === country)) ctx.pending.push({ code: "prior_residence", country });
  return { passed: false, reason: say("residence_pending", { country }) };
}

/** Appends the citations not listed yet (lists are short: a linear scan beats building a set). */
function addCitations(out: string[], more: readonly string[]): void {
  for (const value of more) if (!out.includes(value)) out.push(value);
}
