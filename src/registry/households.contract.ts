import { z } from "zod";
import { trimmedText } from "../platform/contract/primitives.contract.ts";

/** A member's relationship to the household's principal (the principal is a member too). */
export const HouseholdRelationship = z.enum(["principal", "spouse", "child", "parent", "sibling", "other"]);
export type HouseholdRelationship = z.infer<typeof HouseholdRelationship>;
/** The relationships a member can be added with (a household has one principal, named when it is created). */
export const MemberRelationship = HouseholdRelationship.exclude(["principal"]);

export const HouseholdCreate = z.object({ principalId: z.string().uuid() });
export const HouseholdMemberAdd = z.object({ personId: z.string().uuid(), relationship: MemberRelationship });
/** Why a member leaves for a household of their own: staff text, kept encrypted. */
export const HouseholdSplit = z.object({ reason: trimmedText(3, 500) });
export const HouseholdMemberParam = z.object({ id: z.string().uuid(), personId: z.string().uuid() });

/** A member as a reader sees them: names only for people in the reader's reach. */
export const HouseholdMemberView = z.object({
  personId: z.string(),
  relationship: HouseholdRelationship,
  /** False for a member registered by an office outside the reader's reach: only the id and relationship. */
  visible: z.boolean(),
  name: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  /** Shared specific-needs codes; null when the reader may not see protection details. */
  specificNeeds: z.array(z.string()).nullable(),
  addedAt: z.string(),
});

export const HouseholdView = z.object({
  id: z.string(),
  principalId: z.string().nullable(),
  officeId: z.string().nullable(),
  /** The household this one was split from, and why. */
  splitFrom: z.string().nullable(),
  splitReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  members: z.array(HouseholdMemberView),
});
export type HouseholdView = z.infer<typeof HouseholdView>;

export const HouseholdCreated = z.object({ id: z.string() });
export const HouseholdMemberRemoved = z.object({
  /** True when nobody was left and the household no longer exists. */
  dissolved: z.boolean(),
  /** The member who became principal because the principal left, if that happened. */
  newPrincipal: z.string().nullable(),
});

/** The household a person belongs to, as shown with the person. */
export const PersonHousehold = z.object({ id: z.string(), relationship: HouseholdRelationship });
