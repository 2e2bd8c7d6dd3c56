import { z } from "zod";
import { isSpecificNeed } from "../../shared/specific-needs.ts";
import { AGE_BANDS, WORKLIST_SORTS } from "../../shared/worklist-filters.ts";
import { queryCount, text } from "./primitives.contract.ts";

// The query parameters and the page every worklist shares (a caseworker's cases, a pathway officer's queue, a
// border supervisor's queue): filters on nationality, specific needs and age band, a sort from a closed set,
// a search by code, and paging by limit and offset with the total. Each capability extends it with its own
// filters (stage, pathway, disposition).

/** The most items one page holds. */
export const WORKLIST_PAGE_MAX = 100;
/** How far paging by offset goes; narrower filters reach the rest. */
export const WORKLIST_OFFSET_MAX = 10_000;

/** A nationality: an ISO 3166 alpha-3 code in capitals. */
export const NationalityParam = z
  .string()
  .regex(/^[A-Z]{3}$/, "expected an ISO 3166 alpha-3 code such as VEN");

/** One or more specific-needs codes of the shared vocabulary, separated by commas; a listed item has them all. */
export const NeedsParam = text(1, 400)
  .refine((v) => v.split(",").length <= 5, "expected at most 5 codes")
  .refine(
    (v) => v.split(",").every(isSpecificNeed),
    "expected codes of the specific-needs vocabulary (such as woman_at_risk), separated by commas",
  );

/** The query every worklist takes. */
export const WorklistQuery = z.object({
  nationality: NationalityParam.optional(),
  needs: NeedsParam.optional(),
  age: z.enum(AGE_BANDS).optional(),
  sort: z.enum(WORKLIST_SORTS).default("oldest"),
  code: text(1, 64).optional(),
  limit: queryCount(1, WORKLIST_PAGE_MAX).default(25),
  offset: queryCount(0, WORKLIST_OFFSET_MAX).default(0),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

/** The paging part of a worklist's answer: the items of the page come beside it. */
export const WorklistPaging = {
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
};

/** The needs of a query as a list of codes (empty without the filter). */
export const needsOf = (needs: string | undefined): string[] =>
  needs === undefined ? [] : [...new Set(needs.split(","))];
