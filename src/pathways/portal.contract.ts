import { z } from "zod";
import { IsoDate, text, trimmedText } from "../platform/contract/primitives.contract.ts";
import {
  Answers,
  Decision,
  Nation,
  NotOpen,
  Outcome,
  PathwayId,
  PortalLanguage,
  Stage,
} from "./pathways.contract.ts";

// The public portal: the catalogue and questions in the applicant's language, screening, applying with a
// proof of work, and what the holder of a tracking code and its secret may do (status, slots, download,
// erasure).

export const PortalCatalogQuery = z.object({ lang: PortalLanguage.default("en") });
export const PortalQuestion = z.object({
  id: z.string(),
  type: z.string(),
  text: z.string(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  /** True when the applicant may give several answers (several nationalities), sent as a list. */
  multiple: z.boolean().optional(),
});
export type PortalQuestion = z.infer<typeof PortalQuestion>;
export const PortalPathway = z.object({
  nation: z.string(),
  id: z.string(),
  type: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  documents: z.array(z.string()),
  example: z.boolean(),
  /** `apply`: the portal offers "Apply"; `invitation` and `referral` say how instead (`howToAccess`). */
  access: z.enum(["apply", "invitation", "referral"]),
  howToAccess: z.string().nullable(),
  lastVerified: z.string().nullable(),
});
export type PortalPathway = z.infer<typeof PortalPathway>;
export const PortalCatalog = z.object({
  lang: PortalLanguage,
  pathways: z.array(PortalPathway),
  questions: z.array(PortalQuestion),
  /** The ids of the questions to show before any answer (the others matter only after some answers). */
  shown: z.array(z.string()).optional(),
});
export const PortalScreenRequest = z.object({ lang: PortalLanguage, answers: Answers });
/** The answers given so far, to learn which questions can still change an outcome. */
export const PortalQuestionsRequest = z.object({ answers: Answers });
/** The ids of the questions to show, in the catalogue's order; answers to the others are not needed. */
export const PortalShownQuestions = z.object({ shown: z.array(z.string()) });
export const PortalScreenEntry = PortalPathway.extend({
  result: Outcome,
  reasons: z.array(z.string()),
  missing: z.array(z.string()),
  ...NotOpen,
});
export type PortalScreenEntry = z.infer<typeof PortalScreenEntry>;
export const PortalScreenResult = z.object({ results: z.array(PortalScreenEntry) });
export const PortalChallenge = z.object({ token: z.string(), difficulty: z.number().int() });
export const PortalApplyRequest = z.object({
  lang: PortalLanguage,
  nation: Nation,
  pathwayId: PathwayId,
  answers: Answers,
  consent: z.literal(true, { error: "consent is required to apply" }),
  fullName: trimmedText(0, 200).optional(),
  contact: trimmedText(0, 200).optional(),
  proof: z.object({ token: text(0, 500), nonce: text(0, 40) }),
});
export const PortalApplyResult = z.object({
  trackingCode: z.string(),
  secret: z.string(),
  stage: Stage,
});
export const PortalStatusRequest = z.object({
  trackingCode: trimmedText(0, 40),
  secret: trimmedText(0, 100),
  lang: PortalLanguage,
});
export const PortalStatus = z.object({
  trackingCode: z.string(),
  pathwayTitle: z.string(),
  stage: Stage,
  decision: Decision.nullable(),
  nextStep: z.string(),
  queuePosition: z.number().int().nullable(),
  estimatedWait: z.object({ days: z.number(), text: z.string() }).nullable(),
  appointment: z
    .object({ day: z.string(), time: z.string(), officeId: z.string(), officeName: z.string() })
    .nullable(),
  submittedAt: z.string(),
});
export type PortalStatus = z.infer<typeof PortalStatus>;

/** Code and secret of one application, for the free appointment slots its applicant may choose from. */
export const PortalSlotsRequest = z.object({
  trackingCode: trimmedText(0, 40),
  secret: trimmedText(0, 100),
});
/** Code and secret, and the free slot the applicant chose from the offered ones. */
export const PortalSlotBook = z.object({
  trackingCode: trimmedText(0, 40),
  secret: trimmedText(0, 100),
  officeId: text(1, 64),
  day: IsoDate,
  slot: z.number().int().min(1).max(10_000),
});
/** The appointment the applicant booked, with the office's name. */
export const PortalAppointment = z.object({
  officeId: z.string(),
  officeName: z.string(),
  day: z.string(),
  time: z.string(),
});
export type PortalAppointment = z.infer<typeof PortalAppointment>;

/** Code and secret of one application, for the applicant's download of everything held from it. */
export const PortalDownloadRequest = z.object({
  trackingCode: trimmedText(0, 40),
  secret: trimmedText(0, 100),
  lang: PortalLanguage.optional(),
});
/** Code and secret, and the applicant's explicit confirmation, to erase their application. */
export const PortalEraseRequest = z.object({
  trackingCode: trimmedText(0, 40),
  secret: trimmedText(0, 100),
  confirm: z.literal(true, { error: "confirm: send true to erase; it cannot be undone" }),
});
/** Whether a registry record linked to the application exists and stays (the portal does not erase it). */
const RegistryRecord = z.enum(["none", "kept"]);
/** Everything the nation holds from one application, as its applicant downloads it. */
export const PortalDownload = z.object({
  exportedAt: z.string(),
  trackingCode: z.string(),
  nation: z.string(),
  pathway: z.object({ id: z.string(), title: z.string(), version: z.number().int() }),
  language: z.string(),
  screeningResult: Outcome,
  stage: Stage,
  decision: Decision.nullable(),
  nextStep: z.string(),
  consentAt: z.string(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  referredFrom: z.string().nullable(),
  applicant: z.object({ fullName: z.string().nullable(), contact: z.string().nullable() }),
  answers: z.record(z.string(), z.unknown()),
  history: z.array(
    z.object({
      fromStage: z.string().nullable(),
      toStage: z.string(),
      decision: z.string().nullable(),
      reason: z.string(),
      by: z.enum(["applicant", "office"]),
      changedAt: z.string(),
    }),
  ),
  appointment: z.object({ day: z.string(), time: z.string(), officeId: z.string() }).nullable(),
  notifications: z.array(
    z.object({
      kind: z.string(),
      status: z.string(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
      to: z.string(),
      subject: z.string(),
      text: z.string(),
    }),
  ),
  referrals: z.array(
    z.object({
      fromNation: z.string(),
      toNation: z.string(),
      toPathway: z.string(),
      status: z.string(),
      consentText: z.string(),
      consentAt: z.string(),
      reason: z.string(),
      createdAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
  registryRecord: RegistryRecord,
});
export type PortalDownload = z.infer<typeof PortalDownload>;
/** What an erasure cleared (field names and counts, never values) and what it could not. */
export const PortalErased = z.object({
  trackingCode: z.string(),
  stage: z.literal("erased"),
  erasedAt: z.string(),
  cleared: z.object({
    fields: z.array(z.string()),
    stageReasons: z.number().int(),
    appointmentCancelled: z.boolean(),
    notificationsDropped: z.number().int(),
    referralRecords: z.number().int(),
  }),
  /** `kept`: the nation's registry holds a record linked to this application, under its own legal basis. */
  registryRecord: RegistryRecord,
  /** Nations that received a copy by referral, with the applicant's consent; their copies are theirs to erase. */
  sharedWith: z.array(z.string()),
});
export type PortalErased = z.infer<typeof PortalErased>;

/** How long a one-time recovery code lives, in minutes (the server's rule; the portal's texts say it). */
export const RECOVERY_CODE_MINUTES = 30;
/** A tracking code and the contact given when applying, to have a one-time code sent there. */
export const PortalRecoveryRequest = z.object({
  trackingCode: trimmedText(1, 40),
  contact: trimmedText(1, 200),
  lang: PortalLanguage,
});
/** The same answer whether or not a message was sent, so nobody learns which codes and contacts match. */
export const PortalRecoveryAccepted = z.object({ sent: z.string() });
/** A tracking code and the one-time code sent to its contact, traded for a new secret. */
export const PortalRecoveryConfirm = z.object({
  trackingCode: trimmedText(1, 40),
  oneTimeCode: trimmedText(1, 20),
  lang: PortalLanguage,
});
/** The application's new secret (the old one stops working), shown once like the receipt after applying. */
export const PortalRecovered = z.object({
  trackingCode: z.string(),
  secret: z.string(),
  pathwayTitle: z.string(),
});
export type PortalRecovered = z.infer<typeof PortalRecovered>;
