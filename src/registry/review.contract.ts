import { z } from "zod";
import { queryCount, trimmedText } from "../platform/contract/primitives.contract.ts";
import {
  WORKLIST_OFFSET_MAX,
  WORKLIST_PAGE_MAX,
  WorklistPaging,
} from "../platform/contract/worklist.contract.ts";
import { MatchReason, PersonView } from "./registry.contract.ts";

// The review of possible duplicates: a pair with its match reasons, the paged queue, the merge or keep-apart
// decision and its undoing, and the matching model and queue figures the Identity page shows.

/** The bands a pair of possible duplicates is put in when it enters the review queue. */
export const ReviewBand = z.enum(["likely", "possible"]);
export const ReviewItem = z.object({
  id: z.string(),
  probability: z.number(),
  band: z.string(),
  reasons: z.array(MatchReason),
  whyCreated: z.string().nullable(),
  status: z.enum(["open", "merged", "distinct"]),
  createdAt: z.string(),
  left: PersonView.nullable(),
  right: PersonView.nullable(),
  /** The names of the offices the two records were registered at (an office without a name: its id). */
  offices: z.array(z.object({ id: z.string(), name: z.string() })),
});
/** How the review queue is sorted: the most probable pairs first (the default), the oldest or the newest. */
export const REVIEW_SORTS = ["probability", "oldest", "newest"] as const;
/** The query of `GET /registry/reviews`: a band, a sort and a page of the open pairs. */
export const ReviewQuery = z
  .object({
    band: ReviewBand.optional(),
    sort: z.enum(REVIEW_SORTS).default("probability"),
    limit: queryCount(1, WORKLIST_PAGE_MAX).default(25),
    offset: queryCount(0, WORKLIST_OFFSET_MAX).default(0),
  })
  .strict();
export type ReviewQuery = z.infer<typeof ReviewQuery>;
/** One page of the open pairs, with how many match in all. */
export const ReviewQueue = z.object({
  items: z.array(ReviewItem.omit({ left: true, right: true, offices: true })),
  ...WorklistPaging,
});
export type ReviewQueue = z.infer<typeof ReviewQueue>;
export const ReviewDecision = z.object({
  decision: z.enum(["merge", "distinct"]),
  reason: trimmedText(3, 500),
});
export const MergeView = z.object({
  id: z.string(),
  survivorId: z.string(),
  mergedId: z.string(),
  reason: z.string(),
  splitAt: z.string().nullable(),
});
export const SplitRequest = z.object({ reason: trimmedText(3, 500) });

/** One agreement level of a compared field: how often matches and non-matches reach it, and its weight. */
export const MatchingLevel = z.object({
  level: z.number(),
  agreement: z.enum(["different", "weak", "similar", "close", "exact"]),
  /**
   * For a date of birth, which agreement the level is (several share a word above): a year only between whole
   * dates, the same year where one side has only a year, a year off by one with the same day and month, a slip
   * (day and month swapped or one digit), exact, different. Null for the other fields.
   */
  dateAgreement: z.enum(["different", "sameYearOnly", "partial", "yearOffByOne", "near", "exact"]).nullable(),
  /** Share of true matches at this level (m). */
  m: z.number(),
  /** Share of random pairs at this level (u). */
  u: z.number(),
  /** log2(m/u): what agreeing this far adds to (or takes from) a pair's score. */
  weight: z.number(),
});

/** The matching model the registry scores possible duplicates with: fields, weights and thresholds. */
export const MatchingModelView = z.object({
  /** Where the figures come from: the built-in model for single pairs (learned models are per bulk job). */
  source: z.literal("default"),
  /** Share of matches expected among candidate pairs before any field is compared. */
  prior: z.number(),
  thresholds: z.object({ likely: z.number(), possible: z.number() }),
  fields: z.array(z.object({ field: z.string(), levels: z.array(MatchingLevel) })),
});
export type MatchingModelView = z.infer<typeof MatchingModelView>;

/** The nation's review queue of possible duplicates, in figures (no person in it). */
export const ReviewFigures = z.object({
  open: z.number(),
  openLikely: z.number(),
  openPossible: z.number(),
  merged: z.number(),
  distinct: z.number(),
  /** Merges later undone (split). */
  split: z.number(),
  /** When the oldest pair still open was found; null when none is open. */
  oldestOpenAt: z.string().nullable(),
  /** Pairs decided in the last 30 days. */
  decidedLast30Days: z.number(),
});
export type ReviewFigures = z.infer<typeof ReviewFigures>;
