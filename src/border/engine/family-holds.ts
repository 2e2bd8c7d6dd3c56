import { referenceOf } from "../../shared/reference-code.ts";
import {
  type Assessment,
  type FamilyHold,
  REMOVAL_DISPOSITIONS,
  type SafeguardCode,
} from "../border.contract.ts";
import { type Said, say } from "./reason-english.ts";

// A family met at the border is kept together: a safeguard open for any member (a fear claim, a child, signs of
// trafficking, a medical emergency) holds every return and removal of every other member until it is closed on
// the record. The member's own assessment says which member and which safeguard hold it.

/** A safeguard open on another member's encounter, as the hold it puts on this member. */
export function familyHold(encounterId: string, code: SafeguardCode): FamilyHold {
  return { encounterId, code, reason: holdReason(encounterId, code).text };
}

function holdReason(encounterId: string, code: SafeguardCode): Said {
  return say("family_hold", {
    safeguard: code,
    encounter: referenceOf("encounter", encounterId),
    encounterId,
  });
}

/**
 * The member's assessment with the holds of the other members applied: every disposition that would make the
 * member leave the country becomes ineligible and gives each hold among its reasons. Nothing else changes.
 */
export function applyFamilyHolds(assessment: Assessment, holds: readonly FamilyHold[]): Assessment {
  if (holds.length === 0) return assessment;
  return {
    ...assessment,
    dispositions: assessment.dispositions.map((d) =>
      REMOVAL_DISPOSITIONS.has(d.code)
        ? {
            ...d,
            eligible: false,
            reasons: [...d.reasons, ...holds.map((h) => h.reason)],
            ...(d.explained && {
              explained: [...d.explained, ...holds.map((h) => holdReason(h.encounterId, h.code).why)],
            }),
          }
        : d,
    ),
    familyHolds: [...(assessment.familyHolds ?? []), ...holds],
  };
}
