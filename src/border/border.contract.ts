import { z } from "zod";
import { isCalendarDate, isOffsetInstant } from "./effective-window.ts";

// Shapes shared by the assessment engine, the CLI, the HTTP routes and the web pages.

export const Iso3 = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: "expected an ISO 3166-1 alpha-3 code such as COL" });

export const CalendarDate = z.string().refine(isCalendarDate, { error: "expected a real date YYYY-MM-DD" });

/** An encounter's date: the local calendar date, or the exact time with its offset when it is known. */
export const EncounterDate = z.string().refine((s) => isCalendarDate(s) || isOffsetInstant(s), {
  error: "expected a real date YYYY-MM-DD or a date-time with offset such as 2023-05-11T23:30:00-04:00",
});

export const Demographic = z.enum([
  "single_adult",
  "family_unit",
  "accompanied_minor",
  "unaccompanied_minor",
]);
export type Demographic = z.infer<typeof Demographic>;

export const DispositionCode = z.enum(["expulsion", "third_country_return", "title8_processing"]);
export type DispositionCode = z.infer<typeof DispositionCode>;

export const SafeguardCode = z.enum(["fear_claim", "unaccompanied_child", "trafficking", "medical"]);
export type SafeguardCode = z.infer<typeof SafeguardCode>;

export const CheckCode = z.enum(["prior_residence"]);
export type CheckCode = z.infer<typeof CheckCode>;

export const CheckStatus = z.enum(["verified", "not_found", "pending"]);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const PriorResidence = z
  .object({ country: Iso3, from: CalendarDate.optional(), to: CalendarDate.optional() })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, {
    error: "expected `from` on or before `to`",
    path: ["to"],
  });

/** What the assessment needs to know about one encounter; absent safeguard fields mean none was recorded. */
export const EncounterInput = z.object({
  date: EncounterDate,
  citizenship: Iso3,
  demographic: Demographic,
  border: z.string().min(1).optional(),
  fearClaim: z.boolean().default(false),
  medicalEmergency: z.boolean().default(false),
  traffickingIndicators: z.array(z.string().min(1)).default([]),
  priorResidences: z.array(PriorResidence).default([]),
});
export type EncounterInput = z.infer<typeof EncounterInput>;

/**
 * What is on the record so far: answers from partner nations per check and country, and the safeguards an
 * authorised officer has closed with a reason and evidence (only those stop holding returns).
 */
export const AssessmentChecks = z.object({
  priorResidence: z.partialRecord(Iso3, CheckStatus).default({}),
  closedSafeguards: z.array(SafeguardCode).optional(),
});
export type AssessmentChecks = z.infer<typeof AssessmentChecks>;

export const DispositionAssessment = z.object({
  code: DispositionCode,
  to: Iso3.optional(),
  eligible: z.boolean(),
  reasons: z.array(z.string()),
  citations: z.array(z.string()),
});
export type DispositionAssessment = z.infer<typeof DispositionAssessment>;

export const TriggeredSafeguard = z.object({ code: SafeguardCode, effect: z.string() });
export type TriggeredSafeguard = z.infer<typeof TriggeredSafeguard>;

export const PendingCheck = z.object({ code: CheckCode, country: Iso3 });
export type PendingCheck = z.infer<typeof PendingCheck>;

/** The recommendation shown to an officer, who decides. */
export const Assessment = z.object({
  authority: z.string(),
  dispositions: z.array(DispositionAssessment),
  safeguards: z.array(TriggeredSafeguard),
  pendingChecks: z.array(PendingCheck),
});
export type Assessment = z.infer<typeof Assessment>;
