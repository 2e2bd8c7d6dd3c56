import { z } from "zod";
import { CaseView } from "./cases.contract.ts";
import { ReferralShared } from "./crossmatch.contract.ts";
import { MatchReason, PersonView } from "./registry.contract.ts";

// A person's complete record for a data subject's request: every value decrypted and unredacted, the registry's
// own records, and one section per other capability that keeps data linked to the person's id.

/** A registry person in full: every field, protection and vulnerabilities included, documents unmasked. */
export const ExportedPerson = PersonView.omit({ family: true, consents: true, cases: true, household: true });
export type ExportedPerson = z.infer<typeof ExportedPerson>;

/** The values of a person as an earlier version held them, in full. */
export const ExportedValues = ExportedPerson.omit({
  id: true,
  externalId: true,
  officeId: true,
  status: true,
  mergedInto: true,
  createdAt: true,
});
export type ExportedValues = z.infer<typeof ExportedValues>;

/** What the registry holds about the person and every record merged into them. */
export const RegistrySubjectSection = z.object({
  /** The records merged into the person (the same human registered more than once), in full. */
  mergedRecords: z.array(ExportedPerson),
  versions: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      changed: z.array(z.string()),
      reason: z.string(),
      editedBy: z.string(),
      editedAt: z.string(),
      before: ExportedValues,
    }),
  ),
  family: z.array(
    z.object({ personId: z.string(), relatedId: z.string(), relation: z.string(), at: z.string() }),
  ),
  /** The household each record belongs to, their relationship, and why it was split from another if it was. */
  households: z.array(
    z.object({
      personId: z.string(),
      householdId: z.string(),
      relationship: z.string(),
      addedBy: z.string(),
      addedAt: z.string(),
      splitFrom: z.string().nullable(),
      splitReason: z.string().nullable(),
    }),
  ),
  consents: z.array(
    z.object({
      personId: z.string(),
      purpose: z.string(),
      given: z.boolean(),
      givenBy: z.string(),
      recordedBy: z.string(),
      at: z.string(),
    }),
  ),
  cases: z.array(
    CaseView.extend({
      notes: z.array(
        z.object({ id: z.string(), body: z.string(), writtenBy: z.string().nullable(), at: z.string() }),
      ),
    }),
  ),
  referrals: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      direction: z.enum(["outgoing", "incoming"]),
      partner: z.string(),
      purpose: z.string(),
      reason: z.string(),
      status: z.enum(["pending", "accepted", "rejected", "revoked", "stopped"]),
      statusReason: z.string().nullable(),
      requestedBy: z.string(),
      requestedAt: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
      /** What the referral carried: the details the holding nation shared on acceptance. */
      shared: ReferralShared.nullable(),
    }),
  ),
  duplicateReviews: z.array(
    z.object({
      id: z.string(),
      personA: z.string(),
      personB: z.string(),
      probability: z.number(),
      band: z.string(),
      reasons: z.array(MatchReason),
      whyCreated: z.string().nullable(),
      status: z.enum(["open", "merged", "distinct"]),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
      decisionReason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  merges: z.array(
    z.object({
      id: z.string(),
      survivorId: z.string(),
      mergedId: z.string(),
      reason: z.string(),
      mergedBy: z.string(),
      mergedAt: z.string(),
      splitReason: z.string().nullable(),
      splitBy: z.string().nullable(),
      splitAt: z.string().nullable(),
    }),
  ),
});
export type RegistrySubjectSection = z.infer<typeof RegistrySubjectSection>;

/**
 * The answer to a subject access request. `personIds` lists every registry id the export covers (the person
 * first, then the records merged into them); `sections` has the registry's section and one per capability that
 * keeps data linked to those ids (each shaped by that capability's own schema).
 */
export const SubjectExport = z.object({
  nation: z.string(),
  generatedAt: z.string(),
  /** The id asked for; when it was merged into another record, `person` is the surviving record. */
  askedId: z.string(),
  personIds: z.array(z.string()),
  person: ExportedPerson,
  sections: z.object({ registry: RegistrySubjectSection }).catchall(z.unknown()),
});
export type SubjectExport = z.infer<typeof SubjectExport>;
