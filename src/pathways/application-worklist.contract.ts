import { z } from "zod";
import { queryCount } from "../platform/contract/primitives.contract.ts";
import { WorklistPaging, WorklistQuery } from "../platform/contract/worklist.contract.ts";
import { ApplicationSummary } from "./applications.contract.ts";
import { Decision, PathwayId, Stage } from "./pathways.contract.ts";

// The nation's applications as worklists: a pathway officer's queue of those awaiting a stage change or a
// decision (GET /pathways/my-queue), and the whole queue in any stage (GET /pathways/applications), both
// filtered, sorted and paged in the database.

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

/**
 * The query of `GET /pathways/applications`: any stage (decided, closed and erased included), a pathway, a
 * decision and the shared filters. A page holds up to 500 (default 100), as this list always allowed.
 */
export const ApplicationQuery = WorklistQuery.extend({
  stage: Stage.optional(),
  pathway: PathwayId.optional(),
  decision: Decision.optional(),
  limit: queryCount(1, 500).default(100),
}).strict();
export type ApplicationQuery = z.infer<typeof ApplicationQuery>;

/** One page of the nation's applications, with how many match in all. */
export const ApplicationPage = z.object({ applications: z.array(ApplicationSummary), ...WorklistPaging });
export type ApplicationPage = z.infer<typeof ApplicationPage>;
