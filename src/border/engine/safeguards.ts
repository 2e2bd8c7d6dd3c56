import type { EncounterInput, SafeguardCode } from "../border.contract.ts";
import type { SafeguardRule } from "./policy-pack.ts";

// Which facts of an encounter open which safeguard. What a safeguard does, what it blocks and what
// evidence it needs are the pack's data (see safeguard-blockers.ts for which variant applies); only the link
// to the encounter's fields lives in code.

const triggers: Record<SafeguardCode, (encounter: EncounterInput) => boolean> = {
  fear_claim: (e) => e.fearClaim,
  unaccompanied_child: (e) => e.demographic === "unaccompanied_minor",
  trafficking: (e) => e.traffickingIndicators.length > 0,
  medical: (e) => e.medicalEmergency,
};

const safeguardCodes = Object.keys(triggers) as SafeguardCode[];

/** The effect of a safeguard the encounter opens but the pack forgot: it still holds every return. */
export const unhandledEffect =
  "the pack defines no rule for this safeguard: hold every return until a supervisor reviews it";

/** Whether the encounter's facts open the safeguard `code`. */
export function isTriggered(code: SafeguardCode, encounter: EncounterInput): boolean {
  return triggers[code](encounter);
}

/** Whether the encounter's facts open any safeguard at all. */
export function anyTriggered(encounter: EncounterInput): boolean {
  for (const code of safeguardCodes) if (triggers[code](encounter)) return true;
  return false;
}

/** Safeguard codes whose facts are present but which the pack does not define: a pack gap to surface. */
export function unhandledSafeguards(
  encounter: EncounterInput,
  rules: readonly SafeguardRule[],
): SafeguardCode[] {
  const missing: SafeguardCode[] = [];
  for (const code of safeguardCodes) {
    if (triggers[code](encounter) && !rules.some((r) => r.code === code)) missing.push(code);
  }
  return missing;
}
