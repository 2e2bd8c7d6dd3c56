import { z } from "zod";
import { IsoDate, trimmedText } from "../platform/contract/primitives.contract.ts";

// Matching an application to the registry and linking it (docs/pathways.md, "From application to registry").

/** Why a registry person matches the applicant: a field compared and how it agreed. */
export const RegistryMatchReason = z.object({ field: z.string(), agreement: z.string(), weight: z.number() });
/** A registry person who may be the applicant, with the registry's score and reasons. */
export const RegistryCandidate = z.object({
  id: z.string(),
  score: z.number(),
  band: z.enum(["likely", "possible", "unlikely"]),
  reasons: z.array(RegistryMatchReason),
  name: z.string().nullable(),
  birthDate: z.string().nullable(),
  officeId: z.string().nullable(),
});
/** What the application tells the registry about its applicant, as proposed for a new person. */
export const ProposedApplicant = z.object({
  givenNames: z.array(z.string()),
  surnames: z.array(z.string()),
  birthDate: z.string().nullable(),
  nationalities: z.array(z.string()),
});
export const RegistryCandidates = z.object({
  applicationId: z.string(),
  proposed: ProposedApplicant,
  candidates: z.array(RegistryCandidate),
});
export type RegistryCandidates = z.infer<typeof RegistryCandidates>;
/** Confirm that a registry person is the applicant. */
export const RegistryLinkRequest = z.object({
  personId: z.uuid({ error: "expected a registry person id (a UUID)" }),
});
const NamePart = trimmedText(1, 200);
/**
 * Register the applicant as a new registry person from the application's data; an officer may correct the
 * names and birth date read from it, and must give a reason to register past a likely or possible match.
 */
export const RegistryRegisterRequest = z.object({
  givenNames: z.array(NamePart).max(6).optional(),
  surnames: z.array(NamePart).max(4).optional(),
  birthDate: IsoDate.nullable().optional(),
  sex: z.enum(["F", "M", "X"]).nullable().optional(),
  overrideReason: trimmedText(3, 500).optional(),
  officeId: trimmedText(1, 40).optional(),
});
export type RegistryRegisterRequest = z.infer<typeof RegistryRegisterRequest>;
/** The applicant's consent from the portal's consent step, and whether it was recorded in the registry. */
export const ApplicantConsent = z.object({
  /** When the applicant agreed at the portal; null when the application did not come through that step. */
  givenAt: z.string().nullable(),
  /** When it was recorded on the linked person for `pathway_application`; null when it was not. */
  recordedAt: z.string().nullable(),
});
export const RegistryLinkResult = z.object({
  applicationId: z.string(),
  personId: z.string(),
  created: z.boolean(),
  consent: ApplicantConsent,
});
export type RegistryLinkResult = z.infer<typeof RegistryLinkResult>;
/** One member of the linked person's household as the application shows it. */
export const ApplicationHouseholdMember = z.object({
  personId: z.string(),
  relationship: z.string(),
  specificNeeds: z.array(z.string()),
  /** Only for a reader who may read people. */
  name: z.string().nullable(),
});
export const ApplicationRegistryView = z.object({
  applicationId: z.string(),
  personId: z.string().nullable(),
  linkedAt: z.string().nullable(),
  consent: ApplicantConsent,
  /** The linked person's household; a person in none is a household of one (`id` null). */
  household: z
    .object({
      id: z.string().nullable(),
      principalId: z.string(),
      members: z.array(ApplicationHouseholdMember),
    })
    .nullable(),
});
export type ApplicationRegistryView = z.infer<typeof ApplicationRegistryView>;
