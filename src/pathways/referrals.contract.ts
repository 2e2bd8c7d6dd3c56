import { z } from "zod";
import { trimmedText } from "../platform/contract/primitives.contract.ts";
import { Nation, PathwayId, Reason } from "./pathways.contract.ts";

// Referrals of an application to another nation's pathway, made with the applicant's consent, and the
// receiving nation's decision.

export const ReferralCreate = z.object({
  toNation: Nation,
  toPathway: PathwayId,
  consent: z.literal(true, { error: "the applicant's consent is required to refer" }),
  consentText: trimmedText(10, 2000),
  reason: Reason,
});
export const ReferralView = z.object({
  id: z.string(),
  direction: z.enum(["outgoing", "incoming"]),
  fromNation: z.string(),
  toNation: z.string(),
  applicationId: z.string(),
  toPathway: z.string(),
  status: z.enum(["pending", "accepted", "rejected", "revoked"]),
  reason: z.string(),
  consentAt: z.string(),
  createdAt: z.string(),
  decidedReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  receivedApplicationId: z.string().nullable(),
});
export type ReferralView = z.infer<typeof ReferralView>;
export const ReferralList = z.object({ referrals: z.array(ReferralView) });
export const ReferralDecision = z.object({
  status: z.enum(["accepted", "rejected", "revoked"]),
  reason: Reason,
});
