import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { SpecificNeed } from "../shared/specific-needs.ts";
import { specificNeedsOf } from "./engine/person-needs.ts";
import { type HouseholdRelationship, membershipOf, membersOf } from "./households.store.ts";
import { openPerson } from "./person-seal.codec.ts";
import { findPerson } from "./registry.store.ts";

export type { HouseholdRelationship };

/** One member of a household as other capabilities see it: what building a case for the household needs. */
export interface HouseholdMember {
  personId: string;
  relationship: HouseholdRelationship;
  /** The person's specific needs, shared vocabulary codes. */
  specificNeeds: SpecificNeed[];
  /** yyyy, yyyy-mm or yyyy-mm-dd as registered. */
  birthDate: string | null;
  sex: "F" | "M" | "X" | null;
  nationalities: string[];
  languages: string[];
}

export interface HouseholdSummary {
  id: string;
  principalId: string;
  members: HouseholdMember[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The household the person belongs to in the scope's nation, values decrypted; undefined when the person is in
 * none or is not in reach. Runs in the caller's transaction and records no audit entry: the caller audits the
 * act it reads the household for. Every (not erased) member is listed, whatever the reader's office.
 */
export async function householdOfPerson(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
): Promise<HouseholdSummary | undefined> {
  if (!UUID.test(personId)) return undefined;
  if (!(await findPerson(tx, scope, personId))) return undefined;
  const membership = await membershipOf(tx, scope, personId);
  if (!membership) return undefined;
  const rows = await membersOf(tx, scope, membership.household_id);
  const members = rows.map((row) => memberOf(keyring, row, row.relationship));
  const principal = members.find((m) => m.relationship === "principal");
  return { id: membership.household_id, principalId: principal?.personId ?? personId, members };
}

/**
 * The person's household as `householdOfPerson` gives it, or, for a person registered alone, a household of
 * one led by them (its id is the person's); undefined when the person is not in reach. For a caller that
 * treats every person as part of a unit (a placement case is a household).
 */
export async function householdOrSelf(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
): Promise<HouseholdSummary | undefined> {
  const household = await householdOfPerson(tx, scope, keyring, personId);
  if (household) return household;
  const row = UUID.test(personId) ? await findPerson(tx, scope, personId) : undefined;
  if (!row) return undefined;
  return { id: personId, principalId: personId, members: [memberOf(keyring, row, "principal")] };
}

function memberOf(
  keyring: Keyring,
  row: Parameters<typeof openPerson>[1] & { id: string },
  relationship: HouseholdRelationship,
): HouseholdMember {
  const { person } = openPerson(keyring, row);
  return {
    personId: row.id,
    relationship,
    specificNeeds: specificNeedsOf(person.vulnerabilities),
    birthDate: person.birthDate,
    sex: person.sex,
    nationalities: person.nationalities,
    languages: person.languages,
  };
}
