import type { DataCategory } from "../platform/agreements/agreements.contract.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Tx } from "../platform/db/connect.ts";
import { AppError } from "../platform/errors.ts";
import { type SharedDetails, sharedUnder } from "./engine/referral-share.ts";
import { householdOrSelf } from "./household-summary.service.ts";
import { type HouseholdRelationship, insertHousehold, insertMember } from "./households.store.ts";
import { registerPerson } from "./people.service.ts";
import { openPerson, regionalClkKeys } from "./person-seal.codec.ts";
import { PersonInput } from "./registry.contract.ts";
import { findPerson, hasConsent } from "./registry.store.ts";

// A household carried to the nation that receives it (a resettled household's arrival): the sending nation's
// registry gives each member's record under the agreement's categories, as a referral does (no specific needs,
// phones or protection status leave), and the receiving nation's registry registers them as one household.
// Both run in the caller's transaction; the caller binds each nation in turn and audits its own act.

/** One member as it travels: the relationship to the principal and the details the agreement lets go. */
export interface TransferMember {
  relationship: HouseholdRelationship;
  details: SharedDetails;
}

/**
 * The person's household (or the person alone) for a move to `partner`, under the agreement's categories for
 * a cross-border referral. Refuses when the principal's consent to cross-border referral is not in force,
 * when a member is shielded from the partner (a nation they fled), or when the categories carry no identity.
 * Audited as `household.transfer_out` on the person.
 */
export async function householdForTransfer(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  personId: string,
  partner: string,
  categories: readonly DataCategory[],
): Promise<TransferMember[]> {
  const household = await householdOrSelf(tx, scope, keyring, personId);
  if (!household) throw new AppError("NOT_FOUND", "the application's registry person is not in your reach");
  if (!categories.includes("identity")) {
    throw new AppError(
      "FORBIDDEN",
      `the agreement with ${partner} does not carry identity for cross-border referral: the receiving registry cannot register the household`,
    );
  }
  if (!(await hasConsent(tx, scope, household.principalId, "cross_border_referral"))) {
    throw new AppError(
      "CONFLICT",
      "the household's principal has no consent in force for cross-border referral: record it in the registry first",
      { personId: household.principalId },
    );
  }
  const members: TransferMember[] = [];
  for (const member of household.members) {
    const row = await findPerson(tx, scope, member.personId);
    if (!row) continue;
    if (row.shielded_from.includes(partner)) {
      throw new AppError(
        "CONFLICT",
        `a member of the household is protected from ${partner}: no transfer there`,
      );
    }
    members.push({
      relationship: member.relationship,
      details: sharedUnder(openPerson(keyring, row).person, categories),
    });
  }
  await recordAudit(tx, scope, {
    action: "household.transfer_out",
    targetType: "person",
    targetId: household.principalId,
    details: { partner, members: members.length, categories: [...categories] },
  });
  return members;
}

/**
 * Registers an arrived household in the scope's nation: every member a new person (a likely duplicate goes to
 * the review queue with `reason`, as any registration past a hint), the principal first, one household.
 * Audited by the registry's own registration and `household.create` events.
 */
export async function registerArrivedHousehold(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  members: readonly TransferMember[],
  reason: string,
): Promise<{ householdId: string; personIds: string[] }> {
  const ordered = [...members].sort(
    (a, b) => Number(b.relationship === "principal") - Number(a.relationship === "principal"),
  );
  if (ordered[0]?.relationship !== "principal") {
    throw new AppError("BAD_INPUT", "the arriving household has no principal");
  }
  const keys = { keyring, clkKeys: regionalClkKeys(keyring) };
  const householdId = await insertHousehold(tx, scope, {
    officeId: null,
    splitFrom: null,
    splitReasonEnc: null,
  });
  const personIds: string[] = [];
  for (const member of ordered) {
    // The details were the sending registry's own record; the registry's rules read them again here.
    const person = PersonInput.parse(member.details);
    const { id } = await registerPerson(tx, scope, keys, {
      ...person,
      overrideReason: reason,
      officeId: null,
    });
    await insertMember(tx, scope, householdId, id, member.relationship);
    personIds.push(id);
  }
  await recordAudit(tx, scope, {
    action: "household.create",
    targetType: "household",
    targetId: householdId,
    details: { principalId: personIds[0], arrival: true, members: personIds.length },
  });
  return { householdId, personIds };
}
