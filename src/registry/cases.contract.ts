import { z } from "zod";
import { trimmedText } from "../platform/contract/primitives.contract.ts";

// Registry cases: what opens one, how it reads with its notes and moves between offices and caseworkers, and
// the changes staff make to it.

export const CaseType = z.enum(["protection", "pathway_application", "border_encounter"]);
export const CaseCreate = z.object({
  personId: z.string().uuid(),
  type: CaseType,
  officeId: trimmedText(0, 40).nullable().default(null),
  note: trimmedText(0, 4000).nullable().default(null),
});
export const CaseView = z.object({
  id: z.string(),
  /** The case's reference (`C-7KQ2-M9XD`), derived from its id: what screens show and searches take. */
  reference: z.string(),
  personId: z.string(),
  type: CaseType,
  status: z.enum(["open", "in_review", "closed"]),
  officeId: z.string().nullable(),
  assignedTo: z.string().nullable(),
  createdAt: z.string(),
  notes: z.array(z.object({ id: z.string(), body: z.string(), at: z.string() })),
  moves: z.array(
    z.object({
      kind: z.enum(["assignment", "transfer"]),
      fromOffice: z.string().nullable(),
      toOffice: z.string().nullable(),
      fromUser: z.string().nullable(),
      toUser: z.string().nullable(),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});
export type CaseView = z.infer<typeof CaseView>;
export const CaseList = z.object({ cases: z.array(CaseView.omit({ notes: true, moves: true })) });
export const CaseNote = z.object({ body: trimmedText(1, 4000) });
export const CaseStatusChange = z.object({ status: z.enum(["open", "in_review", "closed"]) });
export const CaseAssign = z.object({ userId: z.string().uuid(), reason: trimmedText(3, 500) });
export const CaseTransfer = z.object({
  officeId: trimmedText(1, 40),
  reason: trimmedText(3, 500),
});
