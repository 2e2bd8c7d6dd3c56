import { z } from "zod";
import { WorklistPaging, WorklistQuery } from "../platform/contract/worklist.contract.ts";
import { ApplicationSummary } from "./applications.contract.ts";

// A pathway officer's queue: the nation's applications awaiting a stage change or a decision, filtered and
// paged (GET /pathways/my-queue).

/** The stages an application waits in for an officer (decided, closed and erased ones are done). */
export const WaitingStage = z.enum(["submitted", "screening", "interview_scheduled"]);

/** The query of `GET /pathways/my-queue`: a waiting stage, a pathway and the shared filters. */
export const MyQueueQuery = WorklistQuery.extend({
  stage: WaitingStage.optional(),
  pathway: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, "expected a pathway id (a-z, 0-9, - and _)")
    .optional(),
}).strict();
export type MyQueueQuery = z.infer<typeof MyQueueQuery>;

/** One page of the queue, with how many applications match in all. */
export const MyQueuePage = z.object({ applications: z.array(ApplicationSummary), ...WorklistPaging });
export type MyQueuePage = z.infer<typeof MyQueuePage>;
