import { z } from "zod";
import { text } from "../platform/contract/primitives.contract.ts";
import { ExplainedReason } from "./border-reasons.contract.ts";
import { isCalendarDate, isOffsetInstant } from "./moments.contract.ts";

// Shapes shared by the assessment engine, the CLI, the HTTP routes and the web pages.

export const Iso3 = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: "expected an ISO 3166-1 alpha-3 code such as COL" });

export const CalendarDate = z.string().refine(isCalendarDate, { error: "expected a real date YYYY-MM-DD" });

/** The first year an encounter may be dated (records before it are not border encounters this platform keeps). */
export const FIRST_ENCOUNTER_YEAR = 1990;

/**
 * True when an encounter's date is not later than `now`: a calendar date up to today anywhere on Earth (UTC+14,
 * so an officer east of UTC is never refused their own today), an instant up to now with a few minutes for
 * clock drift. The clock is the caller's, so the engines that share this contract stay free of it.
 */
export function isNotFutureEncounter(s: string, now: number): boolean {
  if (isCalendarDate(s)) return s <= new Date(now + 14 * 3_600_000).toISOString().slice(0, 10);
  return Date.parse(s) <= now + 5 * 60_000;
}

/** An encounter's date: the local calendar date, or the exact time with its offset when it is known. */
export const EncounterDate = z
  .string()
  .refine((s) => isCalendarDate(s) || isOffsetInstant(s), {
    error: "expected a real date YYYY-MM-DD or a date-time with offset such as 2023-05-11T23:30:00-04:00",
    abort: true,
  })
  .refine((s) => Number(s.slice(0, 4)) >= FIRST_ENCOUNTER_YEAR, {
    error: `an encounter is dated from ${FIRST_ENCOUNTER_YEAR}`,
  });

export const Demographic = z.enum([
  "single_adult",
  "family_unit",
  "accompanied_minor",
  "unaccompanied_minor",
]);
export type Demographic = z.infer<typeof Demographic>;

/**
 * What may happen to a person, as a closed vocabulary shared by every nation's pack: the US Title 42 and Title 8
 * procedures, and the receiving, protection and return procedures of partner nations.
 */
export const DispositionCode = z.enum([
  "expulsion",
  "third_country_return",
  "title8_processing",
  "expedited_removal",
  "notice_to_appear",
  "voluntary_return",
  "reinstatement",
  "mpp",
  "readmission",
  "assisted_return",
  "deportation",
  "humanitarian_permit",
  "temporary_protection",
  "protection_referral",
]);
export type DispositionCode = z.infer<typeof DispositionCode>;

/** Dispositions that send the person to another country: each names the receiving nation (`to`). */
export const RETURN_DISPOSITIONS: ReadonlySet<DispositionCode> = new Set([
  "expulsion",
  "third_country_return",
  "mpp",
  "assisted_return",
  "deportation",
]);

/** Dispositions that end with the person leaving the country, with or without a named receiving nation. */
export const REMOVAL_DISPOSITIONS: ReadonlySet<DispositionCode> = new Set([
  ...RETURN_DISPOSITIONS,
  "expedited_removal",
  "voluntary_return",
  "reinstatement",
]);

/** Where the person was met: between ports of entry (the default) or presenting at a port of entry. */
export const EntryKind = z.enum(["between_ports", "port_of_entry"]);
export type EntryKind = z.infer<typeof EntryKind>;

export const PresumptionCode = z.enum(["clp_presumption"]);
export type PresumptionCode = z.infer<typeof PresumptionCode>;

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
  border: text(1, 80).optional(),
  fearClaim: z.boolean().default(false),
  medicalEmergency: z.boolean().default(false),
  traffickingIndicators: z.array(text(1, 120)).default([]),
  priorResidences: z.array(PriorResidence).default([]),
  entry: EntryKind.default("between_ports"),
  /** A pre-scheduled time and place to present at a port of entry (CBP One in the United States). */
  appointment: z.boolean().default(false),
  /** Sought protection in a country travelled through and received a final decision denying it. */
  deniedProtectionInTransit: z.boolean().default(false),
  /** Faced an imminent and extreme threat to life or safety at the time of entry. */
  imminentThreat: z.boolean().default(false),
  /** Has a prior order of removal (the basis for reinstating it). */
  priorRemovalOrder: z.boolean().default(false),
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
  // The same reasons, coded, in the same order: absent from assessments stored before reasons had codes.
  explained: z.array(ExplainedReason).optional(),
  citations: z.array(z.string()),
});
export type DispositionAssessment = z.infer<typeof DispositionAssessment>;

/** A safeguard the encounter opens, with the sources behind it (none for one the pack forgot). */
export const TriggeredSafeguard = z.object({
  code: SafeguardCode,
  effect: z.string(),
  // Assessments stored before safeguards carried their sources read as citing none.
  citations: z.array(z.string()).default([]),
});
export type TriggeredSafeguard = z.infer<typeof TriggeredSafeguard>;

export const PendingCheck = z.object({ code: CheckCode, country: Iso3 });
export type PendingCheck = z.infer<typeof PendingCheck>;

/** A presumption the law attaches to this encounter, with why it applies and its sources. */
export const AppliedPresumption = z.object({
  code: PresumptionCode,
  effect: z.string(),
  reasons: z.array(z.string()),
  explained: z.array(ExplainedReason).optional(),
  citations: z.array(z.string()),
});
export type AppliedPresumption = z.infer<typeof AppliedPresumption>;

/** A safeguard open for another member of the encounter's family group: it holds this member's returns too. */
export const FamilyHold = z.object({ encounterId: z.string(), code: SafeguardCode, reason: z.string() });
export type FamilyHold = z.infer<typeof FamilyHold>;

/** The recommendation shown to an officer, who decides. */
export const Assessment = z.object({
  authority: z.string(),
  dispositions: z.array(DispositionAssessment),
  safeguards: z.array(TriggeredSafeguard),
  pendingChecks: z.array(PendingCheck),
  // Assessments stored before presumptions existed read as having none.
  presumptions: z.array(AppliedPresumption).default([]),
  // Only a stored encounter in a family group can be held by another member: absent means held by none.
  familyHolds: z.array(FamilyHold).optional(),
});
export type Assessment = z.infer<typeof Assessment>;
