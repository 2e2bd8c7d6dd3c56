import { z } from "zod";
import type { EncounterInput } from "../border.contract.ts";

// Facts of an encounter that a pack's rules may name: a rule that needs a prior removal order, a screening
// owed when fear is expressed, an exception to a presumption for a port-of-entry appointment. The pack says
// what each fact means in law; only the link from a fact to the encounter's fields lives here.

export const FactCode = z.enum([
  "fear_claim",
  "medical_emergency",
  "trafficking_indicators",
  "imminent_threat",
  "denied_protection_in_transit",
  "port_of_entry",
  "appointment",
  "prior_removal_order",
  "prior_residence_claimed",
]);
export type FactCode = z.infer<typeof FactCode>;

const facts: Record<FactCode, (encounter: EncounterInput) => boolean> = {
  fear_claim: (e) => e.fearClaim,
  medical_emergency: (e) => e.medicalEmergency,
  trafficking_indicators: (e) => e.traffickingIndicators.length > 0,
  imminent_threat: (e) => e.imminentThreat,
  denied_protection_in_transit: (e) => e.deniedProtectionInTransit,
  port_of_entry: (e) => e.entry === "port_of_entry",
  appointment: (e) => e.appointment,
  prior_removal_order: (e) => e.priorRemovalOrder,
  prior_residence_claimed: (e) => e.priorResidences.length > 0,
};

/** Whether the encounter establishes the fact `code`. */
export function holds(code: FactCode, encounter: EncounterInput): boolean {
  return facts[code](encounter);
}

/** Whether every fact in `codes` holds (an empty list always holds). */
export function allHold(codes: readonly FactCode[], encounter: EncounterInput): boolean {
  for (const code of codes) if (!facts[code](encounter)) return false;
  return true;
}
