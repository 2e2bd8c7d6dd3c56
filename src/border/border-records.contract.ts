import { z } from "zod";
import { queryCount, text, trimmedText } from "../platform/contract/primitives.contract.ts";
import {
  Assessment,
  CalendarDate,
  CheckStatus,
  Demographic,
  DispositionCode,
  EncounterDate,
  EntryKind,
  Iso3,
  PriorResidence,
} from "./border.contract.ts";

// Shapes of the border records (encounters, verifications, decisions) shared by routes, CLI and web pages.

export const EncounterDocument = z.strictObject({
  type: text(1, 40),
  country: Iso3.optional(),
  number: text(1, 60),
});
export type EncounterDocument = z.infer<typeof EncounterDocument>;

/** One encounter as an officer records it; names, birth date and documents are stored encrypted. */
export const EncounterRecord = z.strictObject({
  date: EncounterDate,
  placeNation: Iso3.optional(),
  border: text(1, 80).optional(),
  port: text(1, 80).optional(),
  sector: text(1, 80).optional(),
  personId: text(1, 80).nullable().optional(),
  demographic: Demographic,
  citizenship: Iso3,
  priorResidences: z.array(PriorResidence).max(20).default([]),
  fearClaim: z.boolean().default(false),
  medicalEmergency: z.boolean().default(false),
  traffickingIndicators: z.array(text(1, 120)).max(20).default([]),
  entry: EntryKind.default("between_ports"),
  appointment: z.boolean().default(false),
  deniedProtectionInTransit: z.boolean().default(false),
  imminentThreat: z.boolean().default(false),
  priorRemovalOrder: z.boolean().default(false),
  givenNames: text(1, 120).optional(),
  familyNames: text(1, 120).optional(),
  birthDate: CalendarDate.optional(),
  documents: z.array(EncounterDocument).max(10).default([]),
  /** Another encounter of the same family: the new one joins its family group (one is made if it has none). */
  familyOf: z.uuid().optional(),
});
export type EncounterRecord = z.infer<typeof EncounterRecord>;

export const IdParam = z.object({ id: z.uuid() });

/** What lists show: no personal field. */
export const EncounterSummary = z.object({
  id: z.uuid(),
  /** The encounter's reference (`E-7KQ2-M9XD`), derived from its id: what screens show and searches take. */
  reference: z.string(),
  date: z.string(),
  placeNation: Iso3,
  border: z.string().nullable(),
  citizenship: Iso3,
  demographic: Demographic,
  authority: z.string().nullable(),
  createdAt: z.string(),
});
export type EncounterSummary = z.infer<typeof EncounterSummary>;

export const EncounterList = z.object({ encounters: z.array(EncounterSummary), total: z.number().int() });

export const EncounterListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: queryCount().default(0),
});

/** The full record for one encounter, personal fields decrypted (an audited read). */
export const EncounterView = EncounterSummary.extend({
  port: z.string().nullable(),
  sector: z.string().nullable(),
  personId: z.string().nullable(),
  priorResidences: z.array(PriorResidence),
  fearClaim: z.boolean(),
  medicalEmergency: z.boolean(),
  traffickingIndicators: z.array(z.string()),
  entry: EntryKind,
  appointment: z.boolean(),
  deniedProtectionInTransit: z.boolean(),
  imminentThreat: z.boolean(),
  priorRemovalOrder: z.boolean(),
  givenNames: z.string().nullable(),
  familyNames: z.string().nullable(),
  birthDate: z.string().nullable(),
  documents: z.array(EncounterDocument),
  createdBy: z.string(),
  familyGroupId: z.uuid().nullable(),
  /**
   * The linked registry person as the registry shows them to this reader: names and birth date only with
   * person.read (`visible`); otherwise the reference alone. Null when the encounter is linked to nobody.
   */
  person: z
    .object({
      id: z.string(),
      visible: z.boolean(),
      name: z.string().nullable(),
      birthDate: z.string().nullable(),
    })
    .nullable()
    .default(null),
});
export type EncounterView = z.infer<typeof EncounterView>;

export const ImportResult = z.object({
  importId: z.uuid(),
  rows: z.number().int(),
  alreadyImported: z.boolean(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const PackInForce = z.object({
  jurisdiction: Iso3,
  packId: z.string(),
  version: z.string(),
  status: z.string(),
  title: z.string(),
  /** The language the pack's own words are written in: the web quotes them in it. */
  language: z.string().default("en"),
});
export type PackInForce = z.infer<typeof PackInForce>;

/** The assessment of a stored encounter with the pack it used and the checks answered so far. */
export const EncounterAssessment = z.object({
  encounterId: z.uuid(),
  pack: PackInForce,
  checks: z.object({ priorResidence: z.record(z.string(), CheckStatus) }),
  assessment: Assessment,
  /**
   * The pack's sources. `citation` is the line the assessment cites it by; the other fields let a reader's
   * language write that line (the kind and date named, "to be verified" translated, the title quoted).
   */
  sources: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      reference: z.string().nullable(),
      citation: z.string(),
      kind: z.string(),
      issuer: z.string(),
      date: z.string().nullable(),
      verified: z.boolean(),
    }),
  ),
});
export type EncounterAssessment = z.infer<typeof EncounterAssessment>;

/**
 * A question to a partner: the country, and the day asked about (by default the last day of the stated residence
 * in that country, or the encounter's date; never after the encounter).
 */
export const VerificationRequestInput = z.strictObject({ country: Iso3, asOf: CalendarDate.optional() });

export const VerificationStatus = z.enum(["pending", "verified", "not_found"]);

/** A question to a partner and its answer: yes/no, permit type and dates, never the partner's personal data. */
export const VerificationView = z.object({
  id: z.uuid(),
  encounterId: z.uuid(),
  country: Iso3,
  requestedAt: z.string(),
  /** The day asked about: the answer's permit was valid on it. */
  asOf: z.string(),
  status: VerificationStatus,
  /** The registry document type the answer rests on (`col_ppt`, `col_pep`, `bra_crnm`, …). */
  permitType: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  mode: z.enum(["auto", "review"]).nullable(),
  answeredAt: z.string().nullable(),
});
export type VerificationView = z.infer<typeof VerificationView>;
export const VerificationList = z.object({ verifications: z.array(VerificationView) });

/**
 * A question waiting in the partner's inbox, with the best candidate in its own registry: the person's id (never
 * a name), how alike the encodings are, and the residence document valid on the day asked about, if any.
 */
export const InboxItem = z.object({
  id: z.uuid(),
  fromNation: Iso3,
  requestedAt: z.string(),
  asOf: z.string(),
  status: VerificationStatus,
  candidate: z
    .object({
      personId: z.uuid(),
      permitType: z.string().nullable(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      similarity: z.number(),
    })
    .nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const Inbox = z.object({ requests: z.array(InboxItem) });

export const AnswerInput = z.strictObject({
  fromNation: Iso3,
  result: z.enum(["verified", "not_found"]),
  /** For a verified answer: the registry person the question matches (the inbox's candidate). */
  personId: z.uuid().optional(),
});

export const VerificationSettings = z.strictObject({ autoAnswer: z.boolean() });

export const DecisionInput = z.strictObject({
  disposition: DispositionCode,
  to: Iso3.optional(),
  reason: trimmedText(3, 2000),
  supersedes: z.uuid().optional(),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const DecisionStatus = z.enum(["final", "awaiting_approval", "approved", "rejected", "superseded"]);

export const DecisionView = z.object({
  id: z.uuid(),
  encounterId: z.uuid(),
  /** The encounter's reference (`E-7KQ2-M9XD`). */
  encounterReference: z.string(),
  disposition: DispositionCode,
  to: Iso3.nullable(),
  authority: z.string(),
  reason: z.string(),
  status: DecisionStatus,
  needsApproval: z.boolean(),
  supersedes: z.uuid().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  approval: z
    .object({ approved: z.boolean(), reason: z.string(), by: z.string(), at: z.string() })
    .nullable(),
});
export type DecisionView = z.infer<typeof DecisionView>;
export const DecisionList = z.object({ decisions: z.array(DecisionView) });

/** Decisions waiting for a supervisor, each with the assessment the officer decided on. */
export const ApprovalQueue = z.object({
  decisions: z.array(
    DecisionView.extend({ assessment: Assessment, encounterDate: z.string(), citizenship: Iso3 }),
  ),
  /** The language of the words the nation's pack in force wrote, which the reasons quote. */
  packLanguage: z.string().default("en"),
});

export const ApprovalInput = z.strictObject({
  approve: z.boolean(),
  reason: trimmedText(3, 2000),
});

export const DispositionStats = z.object({
  rows: z.array(
    z.object({
      month: z.string(),
      authority: z.string(),
      citizenship: z.string(),
      disposition: z.string(),
      count: z.number().int(),
    }),
  ),
});
export type DispositionStats = z.infer<typeof DispositionStats>;

export const ReturnStats = z.object({
  rows: z.array(z.object({ month: z.string(), to: z.string(), count: z.number().int() })),
});

/** One monthly row in the layout of CBP's area-of-responsibility encounter files. */
export const CbpMonthlyRow = z.object({
  fiscal_year: z.number().int(),
  month_grouping: z.string(),
  month_abbv: z.string(),
  component: z.string(),
  land_border_region: z.string(),
  area_of_responsibility: z.string(),
  aor_abbv: z.string(),
  demographic: z.string(),
  citizenship: z.string(),
  title_of_authority: z.string(),
  encounter_type: z.string(),
  encounter_count: z.number().int(),
});
export type CbpMonthlyRow = z.infer<typeof CbpMonthlyRow>;
export const CbpMonthly = z.object({ rows: z.array(CbpMonthlyRow) });
