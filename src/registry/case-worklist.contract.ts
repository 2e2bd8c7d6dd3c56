import { z } from "zod";
import { WorklistPaging, WorklistQuery } from "../platform/contract/worklist.contract.ts";
import { CaseType, CaseView } from "./cases.contract.ts";

// A caseworker's worklist: the cases assigned to the caller, filtered and paged (GET /registry/my-cases).

export const CaseStatus = z.enum(["open", "in_review", "closed"]);

/** The query of `GET /registry/my-cases`: a stage (the case's status), a case type and the shared filters. */
export const MyCasesQuery = WorklistQuery.extend({
  status: CaseStatus.optional(),
  type: CaseType.optional(),
}).strict();
export type MyCasesQuery = z.infer<typeof MyCasesQuery>;

/** One page of the caller's cases, with how many match in all. */
export const MyCasesPage = z.object({
  cases: z.array(
    CaseView.omit({ notes: true, moves: true }).extend({
      /** The person's name, for readers with person.read; null otherwise. */
      personName: z.string().nullable(),
    }),
  ),
  ...WorklistPaging,
});
export type MyCasesPage = z.infer<typeof MyCasesPage>;
