import {
  type EncounterInput,
  REMOVAL_DISPOSITIONS,
  type SafeguardCode,
  type TriggeredSafeguard,
} from "../border.contract.ts";
import type { CompiledPack, CompiledSafeguard } from "./compile-pack.ts";
import { type Said, say } from "./reason-english.ts";
import { anyTriggered, isTriggered, unhandledEffect, unhandledSafeguards } from "./safeguards.ts";

// Safeguards always come first: while one is open, no disposition it blocks is eligible. A pack may state a
// safeguard differently under each authority (a fear claim under Title 42 is screened for withholding and
// torture; under Title 8 for credible fear) or for some citizenships (children of contiguous countries): the
// first variant in pack order that covers the encounter applies.

export interface Blocker {
  /** Disposition codes blocked. */
  blocks: ReadonlySet<string>;
  reason: Said;
  citations: string[];
  /** Closed on the record by an authorised officer: explained, but no longer holding anything. */
  closed?: boolean;
}

/** The variant of each safeguard that applies under `authority` to a person of `citizenship`, in pack order. */
export function applicableSafeguards(
  pack: CompiledPack,
  authority: string,
  citizenship: string,
): CompiledSafeguard[] {
  const key = `${authority}|${citizenship}`;
  const known = pack.safeguardVariants.get(key);
  if (known) return known;
  const chosen = new Map<string, CompiledSafeguard>();
  for (const s of pack.safeguards) {
    if (chosen.has(s.rule.code)) continue;
    if (s.authorities !== null && !s.authorities.has(authority)) continue;
    if (s.citizenships !== null && !s.citizenships.has(citizenship)) continue;
    chosen.set(s.rule.code, s);
  }
  const variants = [...chosen.values()];
  // Bounded by authorities times citizenships seen; cleared if hostile input ever made it grow.
  if (pack.safeguardVariants.size > 10_000) pack.safeguardVariants.clear();
  pack.safeguardVariants.set(key, variants);
  return variants;
}

const closedReason = (code: string) => say("safeguard_closed", { safeguard: code });

/**
 * The triggered safeguards: open ones go to `out` and block; closed ones are only explained. A safeguard
 * stays open until it is closed on the record: a fact of the encounter never closes one by itself.
 */
export function openSafeguards(
  safeguards: readonly CompiledSafeguard[],
  encounter: EncounterInput,
  out: TriggeredSafeguard[],
  closed: readonly SafeguardCode[] | undefined,
): Blocker[] {
  const blockers: Blocker[] = [];
  for (const safeguard of safeguards) {
    const code = safeguard.rule.code;
    if (!isTriggered(code, encounter)) continue;
    if (closed?.includes(code)) {
      blockers.push({ blocks: safeguard.blocks, reason: closedReason(code), citations: [], closed: true });
      continue;
    }
    out.push({ code, effect: safeguard.rule.effect, citations: safeguard.citations });
    blockers.push(safeguard);
  }
  // A safeguard the pack forgot still holds every removal until a person reviews it. Most encounters open
  // none, so the list of what the pack covers is only built when one is open.
  if (out.length === 0 && !anyTriggered(encounter)) return blockers;
  for (const code of unhandledSafeguards(
    encounter,
    safeguards.map((s) => s.rule),
  )) {
    if (closed?.includes(code)) {
      blockers.push({
        blocks: REMOVAL_DISPOSITIONS,
        reason: closedReason(code),
        citations: [],
        closed: true,
      });
      continue;
    }
    out.push({ code, effect: unhandledEffect, citations: [] });
    blockers.push({
      blocks: REMOVAL_DISPOSITIONS,
      reason: say("safeguard_unhandled", { safeguard: code }),
      citations: [],
    });
  }
  return blockers;
}
