import { z } from "zod";
import { queryCount, trimmedText } from "../platform/contract/primitives.contract.ts";
import { WORKLIST_OFFSET_MAX, WorklistPaging } from "../platform/contract/worklist.contract.ts";
import { WORKLIST_SORTS } from "../shared/worklist-filters.ts";
import { Nation, PathwayId, Reason } from "./pathways.contract.ts";

// Referrals of an application to another nation's pathway, made with the applicant's consent, and the
// receiving nation's decision, and the nation's referrals as a worklist (filtered, sorted and paged).

export const ReferralCreate = z.object({
  toNation: Nation,
  toPathway: PathwayId,
  consent: z.literal(true, { error: "the applicant's consent is required to refer" }),
  consentText: trimmedText(10, 2000),
  reason: Reason,
});
export const ReferralStatus = z.enum(["pending", "accepted", "rejected", "revoked"]);
export type ReferralStatus = z.infer<typeof ReferralStatus>;
export const ReferralView = z.object({
  id: z.string(),
  direction: z.enum(["outgoing", "incoming"]),
  fromNation: z.string(),
  toNation: z.string(),
  applicationId: z.string(),
  toPathway: z.string(),
  status: ReferralStatus,
  reason: z.string(),
  consentAt: z.string(),
  createdAt: z.string(),
  decidedReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  receivedApplicationId: z.string().nullable(),
});
export type ReferralView = z.infer<typeof ReferralView>;
/**
 * The query of `GET /pathways/referrals`: one direction (incoming by default), a status, the other nation,
 * newest first by default, a page of up to 200 (default 100).
 */
export const ReferralQuery = z
  .object({
    direction: z.enum(["incoming", "outgoing"]).default("incoming"),
    status: ReferralStatus.optional(),
    nation: Nation.optional(),
    sort: z.enum(WORKLIST_SORTS).default("newest"),
    limit: queryCount(1, 200).default(100),
    offset: queryCount(0, WORKLIST_OFFSET_MAX).default(0),
  })
  .strict();
export type ReferralQuery = z.infer<typeof ReferralQuery>;
/** One page of the nation's referrals in one direction, with how many match in all. */
export const ReferralPage = z.object({ referrals: z.array(ReferralView), ...WorklistPaging });
export type ReferralPage = z.infer<typeof ReferralPage>;
export const ReferralDecision = z.object({
  status: z.enum(["accepted", "rejected", "revoked"]),
  reason: Reason,
});
