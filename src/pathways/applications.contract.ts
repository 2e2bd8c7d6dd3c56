import { z } from "zod";
import { DOCUMENT_TYPES } from "../shared/document-types.ts";
import { AppointmentView } from "./appointments.contract.ts";
import { Answers, Decision, Outcome, Reason, Stage } from "./pathways.contract.ts";

// Applications as staff see and move them: the list and one application's detail with its stage history,
// appointment and placement, a stage change, and the link to a registry person.

export const ApplicationSummary = z.object({
  id: z.string(),
  trackingCode: z.string(),
  pathwayId: z.string(),
  stage: Stage,
  decision: Decision.nullable(),
  screeningResult: Outcome,
  language: z.string(),
  personId: z.string().nullable(),
  referredFrom: z.string().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;
export const StageChangeView = z.object({
  fromStage: z.string().nullable(),
  toStage: z.string(),
  decision: z.string().nullable(),
  reason: z.string(),
  actor: z.string(),
  changedAt: z.string(),
});
/**
 * Where a placement run put the application's household (`placeId` null: not placed, `reason` says why, from
 * the solver: no-allowed-place, no-room, …; or `override` / `taken-out` by staff), and when it arrived.
 */
export const ApplicationPlacement = z.object({
  runId: z.string(),
  caseId: z.string(),
  placeId: z.string().nullable(),
  nation: z.string().nullable(),
  locality: z.string().nullable(),
  reason: z.string(),
  placedAt: z.string(),
  arrivedOn: z.string().nullable(),
  /** The nation the household was moved to for its arrival there (placed in another nation); null before. */
  movedTo: z.string().nullable(),
});
export type ApplicationPlacement = z.infer<typeof ApplicationPlacement>;

export const ApplicationDetail = ApplicationSummary.extend({
  answers: Answers,
  fullName: z.string().nullable(),
  contact: z.string().nullable(),
  history: z.array(StageChangeView),
  appointment: AppointmentView.nullable(),
  placement: ApplicationPlacement.nullable(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;
export const StageChange = z
  .object({ stage: Stage, decision: Decision.optional(), reason: Reason })
  .refine((b) => (b.stage === "decided") === (b.decision !== undefined), {
    message: "a decision goes with the stage decided, and only with it",
    path: ["decision"],
  });
export const PersonLink = z.object({
  personId: z.uuid({ error: "expected a registry person id (a UUID)" }).nullable(),
});

/**
 * A new portal secret issued by an officer to an applicant standing at the office (one who gave no contact to
 * recover it by): the officer attests that they checked the applicant's identity, and on which document.
 */
export const SecretReissue = z.object({
  identityChecked: z.literal(true, { error: "confirm that you checked the applicant's identity in person" }),
  identityDocument: z.enum(DOCUMENT_TYPES),
});
/** The new secret, shown once to be handed to the applicant; the old one no longer works. */
export const SecretReissued = z.object({
  trackingCode: z.string(),
  secret: z.string(),
  /** Whether the application's contact was told that its secret was replaced. */
  contactTold: z.boolean(),
});
export type SecretReissued = z.infer<typeof SecretReissued>;
