import type {
  Assessment,
  AssessmentChecks,
  DispositionAssessment,
  EncounterInput,
  PendingCheck,
  TriggeredSafeguard,
} from "./border.contract.ts";
import {
  type CompiledAuthority,
  type CompiledDisposition,
  type CompiledPack,
  compilePack,
  covers,
} from "./compile-pack.ts";
import { type EncounterMoment, isInForce, toEncounterMoment } from "./effective-window.ts";
import type { PolicyPack } from "./policy-pack.ts";
import { isTriggered, unhandledEffect, unhandledSafeguards } from "./safeguards.ts";

// The assessment recommends and explains; an officer decides. Safeguards always come first: while one
// is open, no return or expulsion it blocks is eligible, whatever the law on the date would allow.
// This runs per encounter in bulk, so the hot path avoids per-call closures and sets.

interface Blocker {
  /** Disposition codes blocked; null means every return (any disposition with a receiving nation). */
  blocks: ReadonlySet<string> | null;
  reason: string;
  citations: string[];
  /** Closed on the record by an authorised officer: explained, but no longer holding anything. */
  closed?: boolean;
}

interface Context {
  encounter: EncounterInput;
  moment: EncounterMoment;
  authority: AuthorityInForce;
  checks: AssessmentChecks;
  blockers: Blocker[];
  pending: PendingCheck[];
}

interface AuthorityInForce {
  code: string;
  reasons: string[];
  citations: string[];
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
  const authority = authorityInForce(compiled, encounter, moment);
  const safeguards: TriggeredSafeguard[] = [];
  const blockers = openSafeguards(compiled, encounter, safeguards, checks.closedSafeguards);
  const context: Context = { encounter, moment, authority, checks, blockers, pending: [] };
  const dispositions: DispositionAssessment[] = [];
  for (const d of compiled.dispositions) dispositions.push(assessOne(d, context));
  return { authority: authority.code, dispositions, safeguards, pendingChecks: context.pending };
}

function authorityInForce(
  pack: CompiledPack,
  encounter: EncounterInput,
  moment: EncounterMoment,
): AuthorityInForce {
  const notes: string[] = [];
  const notedCitations: string[] = [];
  for (const authority of pack.authorities) {
    if (authority === pack.defaultAuthority || !isInForce(authority.window, moment)) continue;
    const exclusion = authority.exclusions.find(
      (x) => isInForce(x.window, moment) && covers(x, encounter.citizenship, encounter.demographic),
    );
    if (!exclusion) return inForce(authority, encounter.date, notes, notedCitations);
    notes.push(`${authority.label} does not apply: ${exclusion.reason} (${exclusion.windowText})`);
    notedCitations.push(...exclusion.citations);
  }
  return inForce(pack.defaultAuthority, encounter.date, notes, notedCitations);
}

function inForce(
  authority: CompiledAuthority,
  date: string,
  notes: string[],
  cites: string[],
): AuthorityInForce {
  notes.push(`${authority.label} applies on ${date} (in force ${authority.windowText})`);
  return { code: authority.code, reasons: notes, citations: [...cites, ...authority.citations] };
}

const closedText = (code: string) =>
  `safeguard ${code} was closed on the record by an authorised officer (reason and evidence on file): it no longer holds this return`;

/**
 * The triggered safeguards: open ones go to `out` and block; closed ones are only explained. A safeguard
 * stays open until it is closed on the record: a fact of the encounter never closes one by itself.
 */
function openSafeguards(
  pack: CompiledPack,
  encounter: EncounterInput,
  out: TriggeredSafeguard[],
  closed: readonly string[] | undefined,
): Blocker[] {
  const blockers: Blocker[] = [];
  for (const safeguard of pack.safeguards) {
    const code = safeguard.rule.code;
    if (!isTriggered(code, encounter)) continue;
    if (closed?.includes(code)) {
      blockers.push({ blocks: safeguard.blocks, reason: closedText(code), citations: [], closed: true });
      continue;
    }
    out.push({ code, effect: safeguard.rule.effect });
    blockers.push(safeguard);
  }
  // A safeguard the pack forgot still holds every return until a person reviews it.
  for (const code of unhandledSafeguards(encounter, pack.pack.safeguards)) {
    if (closed?.includes(code)) {
      blockers.push({ blocks: null, reason: closedText(code), citations: [], closed: true });
      continue;
    }
    out.push({ code, effect: unhandledEffect });
    blockers.push({ blocks: null, reason: `safeguard ${code} is open: ${unhandledEffect}`, citations: [] });
  }
  return blockers;
}

function toAssessment(d: CompiledDisposition, eligible: boolean, reasons: string[], citations: string[]) {
  const cited = dedupe(citations);
  if (d.to === undefined) return { code: d.code, eligible, reasons, citations: cited };
  return { code: d.code, to: d.to, eligible, reasons, citations: cited };
}

function assessOne(d: CompiledDisposition, ctx: Context): DispositionAssessment {
  const { authority, encounter } = ctx;
  if (!d.authorities.has(authority.code)) {
    const reason = `${d.label} is not available: it exists only under ${[...d.authorities].join(", ")}`;
    return toAssessment(d, false, [...authority.reasons, reason], authority.citations);
  }
  const rule = d.acceptance.find(
    (r) => isInForce(r.window, ctx.moment) && covers(r, encounter.citizenship, encounter.demographic),
  );
  if (!rule) {
    const misses = nearMisses(d, encounter);
    return toAssessment(
      d,
      false,
      [...authority.reasons, ...misses.reasons],
      [...authority.citations, ...misses.citations],
    );
  }
  const reasons = [...authority.reasons, rule.appliesText];
  const citations = [...authority.citations, ...rule.citations];
  let eligible = true;
  for (const check of rule.requiredChecks) {
    const outcome = checkOutcome(check.country, ctx);
    reasons.push(outcome.reason);
    eligible &&= outcome.passed;
  }
  for (const blocker of ctx.blockers) {
    if (blocker.blocks === null ? d.to === undefined : !blocker.blocks.has(d.code)) continue;
    reasons.push(blocker.reason);
    if (blocker.closed) continue;
    citations.push(...blocker.citations);
    eligible = false;
  }
  return toAssessment(d, eligible, reasons, citations);
}

function nearMisses(
  d: CompiledDisposition,
  encounter: EncounterInput,
): { reasons: string[]; citations: string[] } {
  const { citizenship, demographic, date } = encounter;
  const reasons: string[] = [];
  const citations: string[] = [];
  for (const r of d.acceptance) {
    if (r.citizenships !== null && !r.citizenships.has(citizenship)) continue;
    citations.push(...r.citations);
    if (!covers(r, citizenship, demographic)) {
      reasons.push(`${r.reason}, but only for ${[...(r.demographics ?? [])].join(", ")}, not ${demographic}`);
    } else {
      reasons.push(`${r.reason}, but only ${r.windowText}, not on ${date}`);
    }
  }
  if (reasons.length === 0) reasons.push(`${d.label}: no rule in the pack covers ${citizenship} nationals`);
  return { reasons, citations };
}

function checkOutcome(country: string, ctx: Context): { passed: boolean; reason: string } {
  const status = ctx.checks.priorResidence[country];
  if (status === "verified")
    return { passed: true, reason: `prior residence in ${country} verified by ${country}` };
  if (status === "not_found") {
    return { passed: false, reason: `${country} holds no residence record for this person: not eligible` };
  }
  const claimed = ctx.encounter.priorResidences.some((r) => r.country === country);
  if (status === undefined && !claimed) {
    return { passed: false, reason: `no prior residence in ${country} claimed or verified` };
  }
  if (!ctx.pending.some((p) => p.country === country)) ctx.pending.push({ code: "prior_residence", country });
  return {
    passed: false,
    reason: `prior residence in ${country} must be verified by ${country} first (pending)`,
  };
}

function dedupe(values: string[]): string[] {
  const out: string[] = [];
  for (const value of values) if (!out.includes(value)) out.push(value);
  return out;
}
