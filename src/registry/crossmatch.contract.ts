import { z } from "zod";
import { trimmedText } from "../platform/contract/primitives.contract.ts";
import { ConsentPurpose, DocumentEntry, PriorResidence } from "./registry.contract.ts";

// What crosses between nations about a person: the cross-match question and its answer, and referrals.

/** A cross-nation question about a person, for a purpose the person has consented to. */
export const CrossmatchRequest = z.object({
  personId: z.string().uuid(),
  purpose: ConsentPurpose.default("cross_border_referral"),
});
/** The answer names only the partner nations holding a likely match: no ids, no scores, no names. */
export const CrossmatchAnswer = z.object({ holders: z.array(z.string()), asked: z.number() });

export const ReferralCreate = z.object({
  personId: z.string().uuid(),
  partner: z.string().regex(/^[A-Z]{3}$/),
  purpose: ConsentPurpose,
  reason: trimmedText(3, 500),
});
export const ReferralDecision = z.object({
  decision: z.enum(["accept", "reject", "revoke"]),
  reason: trimmedText(3, 500),
});
/** The details a referral may carry, each group present only when the agreement's categories allow it. */
export const ReferralShared = z.object({
  givenNames: z.array(z.string()).optional(),
  surnames: z.array(z.string()).optional(),
  sex: z.string().nullable().optional(),
  birthDate: z.string().nullable().optional(),
  nationalities: z.array(z.string()).optional(),
  documents: z.array(DocumentEntry).optional(),
  priorResidences: z.array(PriorResidence).optional(),
});

export const ReferralView = z.object({
  id: z.string(),
  direction: z.enum(["outgoing", "incoming"]),
  partner: z.string(),
  personId: z.string(),
  purpose: z.string(),
  reason: z.string(),
  status: z.enum(["pending", "accepted", "rejected", "revoked", "stopped"]),
  statusReason: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  /**
   * What the holding nation shared on acceptance (outgoing referrals only): only the categories the agreement
   * names for the purpose, so a field absent here was not shared.
   */
  shared: ReferralShared.nullable(),
});
export type ReferralView = z.infer<typeof ReferralView>;
export const ReferralList = z.object({ referrals: z.array(ReferralView) });
