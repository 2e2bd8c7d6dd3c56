import { z } from "zod";
import { Demographic, Iso3, SafeguardCode } from "./border.contract.ts";

// Links an officer confirms on an encounter: to a registry person, and to the other members of its family.

/** The registry person an encounter is about; the officer confirms the registry's suggestion. */
export const PersonLinkInput = z.strictObject({ personId: z.uuid() });
export type PersonLinkInput = z.infer<typeof PersonLinkInput>;

/** Another encounter of the same family. */
export const FamilyLinkInput = z.strictObject({ encounterId: z.uuid() });
export type FamilyLinkInput = z.infer<typeof FamilyLinkInput>;

/** One member of a family group: the encounter and what holds the family, never a name. */
export const FamilyMember = z.object({
  encounterId: z.uuid(),
  date: z.string(),
  citizenship: Iso3,
  demographic: Demographic,
  personId: z.string().nullable(),
  openSafeguards: z.array(SafeguardCode),
});
export type FamilyMember = z.infer<typeof FamilyMember>;

/** An encounter's family group (null when it was met alone) and its members. */
export const FamilyGroupView = z.object({
  encounterId: z.uuid(),
  groupId: z.uuid().nullable(),
  members: z.array(FamilyMember),
});
export type FamilyGroupView = z.infer<typeof FamilyGroupView>;
