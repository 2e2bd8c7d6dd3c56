import { z } from "zod";
import { WorklistPaging, WorklistQuery } from "../platform/contract/worklist.contract.ts";
import { Demographic, DispositionCode, Iso3 } from "./border.contract.ts";
import { DecisionView } from "./border-records.contract.ts";

// A border supervisor's queue: the decisions awaiting their approval, filtered and paged (GET /border/my-queue).

/**
 * The specific needs the border's own records show (the encounter's demographic, its medical emergency and its
 * trafficking indicators); other codes of the vocabulary are kept in the registry's record of a linked
 * person, not here, and are refused rather than answered with an empty list.
 */
export const BORDER_NEEDS = [
  "unaccompanied_child",
  "serious_medical_condition",
  "victim_of_trafficking",
] as const;

/** The query of `GET /border/my-queue`: a disposition (the decision's stage) and the shared filters. */
export const ApprovalQueueQuery = WorklistQuery.extend({ disposition: DispositionCode.optional() }).strict();
export type ApprovalQueueQuery = z.infer<typeof ApprovalQueueQuery>;

/** One decision in the queue, with what the list shows of its encounter. */
export const ApprovalQueueItem = DecisionView.extend({
  encounterDate: z.string(),
  citizenship: Iso3,
  demographic: Demographic,
  personId: z.string().nullable(),
});

/** One page of the queue, with how many decisions match in all. */
export const ApprovalQueuePage = z.object({ decisions: z.array(ApprovalQueueItem), ...WorklistPaging });
export type ApprovalQueuePage = z.infer<typeof ApprovalQueuePage>;
