import { z } from "zod";
import { count, IsoDate, text, trimmedText } from "../platform/contract/primitives.contract.ts";

// Schemas shared by the pathway routes, the staff pages and the public portal.

/** `erased`: the applicant erased their data from the portal; only a tombstone is left, and it is final. */
export const Stage = z.enum(["submitted", "screening", "interview_scheduled", "decided", "closed", "erased"]);
export type Stage = z.infer<typeof Stage>;
/**
 * Which stages may follow which (the server refuses any other move; the staff page offers only these): a
 * decision is final, closing is always possible until closed.
 */
export const NEXT_STAGES: Readonly<Record<Stage, readonly Stage[]>> = {
  submitted: ["screening", "interview_scheduled", "decided", "closed"],
  screening: ["interview_scheduled", "decided", "closed"],
  interview_scheduled: ["screening", "decided", "closed"],
  decided: ["closed"],
  closed: [],
  erased: [],
};
export const Decision = z.enum(["approved", "denied", "referred"]);
export type Decision = z.infer<typeof Decision>;
export const PortalLanguage = z.enum(["es", "en", "pt", "fr", "ht"]);
export type PortalLanguage = z.infer<typeof PortalLanguage>;
export const Outcome = z.enum(["eligible", "maybe", "not_eligible"]);

const Nation = z.string().regex(/^[A-Z]{3}$/, "expected a nation code such as USA");
const PathwayId = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, "expected a pathway id (a-z, 0-9, - and _)");
const Reason = trimmedText(0, 2000).min(3, "give a reason");
const Answers = z.record(text(0, 80), z.unknown());
/** A pathway definition as staff edit it; `catalog-schema.ts` checks its shape. */
const Definition = z.record(text(0, 200), z.unknown());

export const PathwayIdParam = z.object({ id: PathwayId });
export const UuidParam = z.object({ id: z.uuid() });
export const YearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const Problem = z.object({ path: z.string(), message: z.string() });

export const CatalogEntry = z.object({
  id: z.string(),
  nation: z.string(),
  published: z.boolean(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  title: z.string(),
  type: z.string().nullable(),
  example: z.boolean(),
  capacity: z.object({ places: z.number().int(), period: z.string() }).nullable(),
  definition: z.unknown(),
  versions: z.array(
    z.object({ version: z.number().int(), effectiveFrom: z.string(), createdBy: z.string() }),
  ),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;
export const CatalogList = z.object({ pathways: z.array(CatalogEntry) });
export const CatalogSave = z.object({
  definition: Definition,
  effectiveFrom: IsoDate,
});
export const Publication = z.object({ published: z.boolean() });

/** Why a pathway is not open on the screening date, when that is what decided it. */
const NotOpen = {
  status: z.enum(["not_open_yet", "suspended", "closed"]).optional(),
  reasonCode: z
    .enum(["pathway_not_open_yet", "pathway_suspended", "pathway_closed", "no_rules_in_force"])
    .optional(),
};
export const ScreenEntry = z.object({
  pathway: z.string(),
  result: Outcome,
  reasons: z.array(z.string()),
  missing: z.array(z.string()),
  ...NotOpen,
  access: z.enum(["invitation", "referral"]).optional(),
});
export const PreviewRequest = z.object({
  definition: Definition,
  answers: Answers,
  lang: PortalLanguage.default("en"),
  on: IsoDate.optional(),
});
export const PreviewResult = z.object({
  valid: z.boolean(),
  problems: z.array(Problem),
  questions: z.array(z.object({ id: z.string(), type: z.string(), text: z.string() })),
  results: z.array(ScreenEntry),
});

export const PledgeSave = z.object({
  places: count(0, 100_000_000),
  note: text(0, 500).default(""),
});
export const PledgeRow = z.object({
  nation: z.string(),
  year: z.number().int(),
  pledged: z.number().int(),
  /** Persons arrived in the nation in the year (resettled households whose arrival was recorded). */
  delivered: z.number().int(),
  applications: z.number().int(),
  note: z.string(),
});
export const PledgeList = z.object({ year: z.number().int(), nations: z.array(PledgeRow) });

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
export const ApplicationQuery = z.object({
  pathway: PathwayId.optional(),
  stage: Stage.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ApplicationList = z.object({ applications: z.array(ApplicationSummary) });
export const StageChangeView = z.object({
  fromStage: z.string().nullable(),
  toStage: z.string(),
  decision: z.string().nullable(),
  reason: z.string(),
  actor: z.string(),
  changedAt: z.string(),
});
export const AppointmentView = z.object({
  id: z.string(),
  officeId: z.string(),
  day: z.string(),
  slot: z.number().int(),
  time: z.string(),
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

export const AppointmentDaySave = z.object({
  officeId: text(1, 64),
  day: IsoDate,
  capacity: z.number().int().min(0).max(10_000),
});
export const AppointmentDayView = z.object({
  officeId: z.string(),
  day: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
});
export const AppointmentBook = z.object({
  officeId: text(1, 64),
  day: IsoDate,
  /** A free slot picked from the free-slot list; without it the first free slot of the day is taken. */
  slot: z.number().int().min(1).max(10_000).optional(),
});
export const FreeSlotQuery = z.object({ officeId: text(1, 64).optional(), day: IsoDate.optional() });
export const FreeSlotList = z.object({
  /** The nation's offices by id and name, so a person picks an office by its name. */
  offices: z.array(z.object({ id: z.string(), name: z.string() })),
  days: z.array(
    z.object({
      officeId: z.string(),
      day: z.string(),
      slots: z.array(z.object({ slot: z.number().int(), time: z.string() })),
    }),
  ),
});

export const ReferralCreate = z.object({
  toNation: Nation,
  toPathway: PathwayId,
  consent: z.literal(true, { error: "the applicant's consent is required to refer" }),
  consentText: trimmedText(10, 2000),
  reason: Reason,
});
export const ReferralView = z.object({
  id: z.string(),
  direction: z.enum(["outgoing", "incoming"]),
  fromNation: z.string(),
  toNation: z.string(),
  applicationId: z.string(),
  toPathway: z.string(),
  status: z.enum(["pending", "accepted", "rejected", "revoked"]),
  reason: z.string(),
  consentAt: z.string(),
  createdAt: z.string(),
  decidedReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  receivedApplicationId: z.string().nullable(),
});
export type ReferralView = z.infer<typeof ReferralView>;
export const ReferralList = z.object({ referrals: z.array(ReferralView) });
export const ReferralDecision = z.object({
  status: z.enum(["accepted", "rejected", "revoked"]),
  reason: Reason,
});

export const NationDashboard = z.object({
  nation: z.string(),
  applications: z.number().int(),
  byStage: z.record(z.string(), z.number().int()),
  decisions: z.object({ approved: z.number().int(), denied: z.number().int(), referred: z.number().int() }),
  medianDaysToDecision: z.number().nullable(),
  capacityUsed: z.number().int(),
  capacityPledged: z.number().int(),
});
export const Dashboard = z.object({
  year: z.number().int(),
  regional: z.boolean(),
  nations: z.array(NationDashboard),
  totals: NationDashboard,
});
export type Dashboard = z.infer<typeof Dashboard>;
export const OutboxDelivery = z.object({ sent: z.number().int(), failed: z.number().int() });

// ——— the public portal ———

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
