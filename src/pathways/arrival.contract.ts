import { z } from "zod";
import { IsoDate, trimmedText } from "../platform/contract/primitives.contract.ts";

// Shapes of arrivals: a placed household arriving where it was placed (the web imports only this file).

/** The day the household arrived (not in the future, not before it was placed). */
export const ArrivalRecord = z.object({ arrivedOn: IsoDate });
export type ArrivalRecord = z.infer<typeof ArrivalRecord>;

/**
 * The move of a household placed in another nation, with the applicant's consent as the officer recorded it
 * (what was explained and agreed, in the applicant's words or the form's).
 */
export const ArrivalTransferCreate = z.object({
  consentText: trimmedText(0, 2000).min(5, "say what the applicant agreed to (at least 5 characters)"),
});
export type ArrivalTransferCreate = z.infer<typeof ArrivalTransferCreate>;

export const ArrivalIdParam = z.object({ id: z.uuid() });
export const ArrivalQuery = z.object({ direction: z.enum(["incoming", "outgoing"]).default("incoming") });

/**
 * One arrival as a nation sees it: `outgoing` rows are households the nation placed elsewhere, `incoming` rows
 * households placed with it (from another nation, or its own). Ids, codes and counts only.
 */
export const ArrivalView = z.object({
  id: z.string(),
  direction: z.enum(["incoming", "outgoing"]),
  fromNation: z.string(),
  toNation: z.string(),
  /** The placing nation's application (an id of the placing nation, not the receiving one's). */
  applicationId: z.string(),
  trackingCode: z.string(),
  locality: z.string(),
  persons: z.number().int(),
  status: z.enum(["expected", "arrived"]),
  consentAt: z.string().nullable(),
  createdAt: z.string(),
  arrivedOn: z.string().nullable(),
  /** The registry household of the receiving nation, once arrived. */
  householdId: z.string().nullable(),
});
export type ArrivalView = z.infer<typeof ArrivalView>;
export const ArrivalList = z.object({ arrivals: z.array(ArrivalView) });
