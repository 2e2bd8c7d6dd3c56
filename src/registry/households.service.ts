import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { specificNeedsOf } from "./engine/person-needs.ts";
import { displayName } from "./engine/person-record.ts";
import type { HouseholdView } from "./households.contract.ts";
import {
  deleteMembership,
  findHousehold,
  type HouseholdRelationship,
  insertHousehold,
  insertMember,
  membershipOf,
  membersOf,
  settleHousehold,
} from "./households.store.ts";
import { openPerson, type PersonKeys } from "./person-seal.codec.ts";
import { findPerson } from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";

/** What the households actions share, built once per service. */
function householdsDeps(platform: Platform, keys: PersonKeys) {
  const { db } = platform.database;
  const text = createRegistryText(keys.keyring);
  return { platform, keys, db, text };
}

type HouseholdsDeps = ReturnType<typeof householdsDeps>;

/** A person in reach named by a body field, or a 404 naming the field. */
async function requirePerson(tx: Tx, scope: Scope, personId: string, field: string) {
  const row = await findPerson(tx, scope, personId);
  if (!row) throw new AppError("NOT_FOUND", `${field}: no such person in your reach`, { field });
  return row;
}

async function requireHousehold(tx: Tx, scope: Scope, id: string) {
  const row = await findHousehold(tx, scope, id);
  if (!row) throw new AppError("NOT_FOUND", "household not found");
  return row;
}

/** Refuses a person who already belongs to a household (one at most). */
async function requireFree(tx: Tx, scope: Scope, personId: string, field: string) {
  const current = await membershipOf(tx, scope, personId);
  if (current)
    throw new AppError("CONFLICT", `${field}: the person already belongs to a household`, {
      field,
      householdId: current.household_id,
    });
}

async function householdView(deps: HouseholdsDeps, tx: Tx, scope: Scope, id: string): Promise<HouseholdView> {
  const { keys, text } = deps;
  const h = await requireHousehold(tx, scope, id);
  const rows = await membersOf(tx, scope, id);
  const inReach = new Set(
    (await Promise.all(rows.map((r) => findPerson(tx, scope, r.id)))).flatMap((r) => (r ? [r.id] : [])),
  );
  const needs = scope.permissions.has("protection.read");
  const members = rows.map((row): HouseholdView["members"][number] => {
    const visible = inReach.has(row.id);
    const person = visible ? openPerson(keys.keyring, row).person : null;
    return {
      personId: row.id,
      relationship: row.relationship,
      visible,
      name: person ? displayName(person) : null,
      birthDate: person?.birthDate ?? null,
      sex: person?.sex ?? null,
      specificNeeds: person && needs ? specificNeedsOf(person.vulnerabilities) : null,
      addedAt: row.added_at.toISOString(),
    };
  });
  return {
    id: h.id,
    principalId: members.find((m) => m.relationship === "principal")?.personId ?? null,
    officeId: h.office_id,
    splitFrom: h.split_from,
    splitReason: text.openOrNull("householdSplitReason", h.split_reason_enc),
    createdBy: h.created_by,
    createdAt: h.created_at.toISOString(),
    members,
  };
}

function auditHousehold(
  tx: Tx,
  scope: Scope,
  action: string,
  householdId: string,
  details: Record<string, unknown> = {},
) {
  return recordAudit(tx, scope, { action, targetType: "household", targetId: householdId, details });
}

async function requireMember(tx: Tx, scope: Scope, householdId: string, personId: string) {
  const person = await findPerson(tx, scope, personId);
  const membership = person ? await membershipOf(tx, scope, personId) : undefined;
  if (!person || membership?.household_id !== householdId)
    throw new AppError("NOT_FOUND", "no such member of the household in your reach");
  return person;
}

/** Creates a household with a principal who belongs to none yet. */
export function createHousehold(deps: HouseholdsDeps, scope: Scope, principalId: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const principal = await requirePerson(tx, scope, principalId, "principalId");
    await requireFree(tx, scope, principalId, "principalId");
    const id = await insertHousehold(tx, scope, {
      officeId: principal.office_id,
      splitFrom: null,
      splitReasonEnc: null,
    });
    if (!(await insertMember(tx, scope, id, principalId, "principal")))
      throw new AppError("CONFLICT", "principalId: the person already belongs to a household", {
        field: "principalId",
      });
    await auditHousehold(tx, scope, "household.create", id, { principalId });
    return { id };
  });
}

/** A household with its members; the read is audited with the member ids shown. */
export function getHousehold(deps: HouseholdsDeps, scope: Scope, id: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const v = await householdView(deps, tx, scope, id);
    await auditHousehold(tx, scope, "household.read", id, {
      members: v.members.filter((m) => m.visible).map((m) => m.personId),
    });
    return v;
  });
}

/** Adds a person (in reach, in no household) with their relationship to the principal. */
export function addHouseholdMember(
  deps: HouseholdsDeps,
  scope: Scope,
  id: string,
  input: { personId: string; relationship: Exclude<HouseholdRelationship, "principal"> },
) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    await requireHousehold(tx, scope, id);
    await requirePerson(tx, scope, input.personId, "personId");
    await requireFree(tx, scope, input.personId, "personId");
    if (!(await insertMember(tx, scope, id, input.personId, input.relationship)))
      throw new AppError("CONFLICT", "personId: the person already belongs to a household", {
        field: "personId",
      });
    await auditHousehold(tx, scope, "household.member.add", id, {
      personId: input.personId,
      relationship: input.relationship,
    });
    return householdView(deps, tx, scope, id);
  });
}

/**
 * Moves a member out into a new household of their own, as its principal, with the reason (kept encrypted
 * on the new household). The principal can be split out only when others stay (the earliest added then
 * becomes principal).
 */
export function splitHousehold(
  deps: HouseholdsDeps,
  scope: Scope,
  id: string,
  personId: string,
  reason: string,
) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    await requireHousehold(tx, scope, id);
    const member = await requireMember(tx, scope, id, personId);
    const rows = await membersOf(tx, scope, id);
    if (rows.length < 2)
      throw new AppError("CONFLICT", "the person is the household's only member: nothing to split");
    await deleteMembership(tx, scope, personId);
    const settled = await settleHousehold(tx, scope, id);
    const newId = await insertHousehold(tx, scope, {
      officeId: member.office_id,
      splitFrom: id,
      splitReasonEnc: text.seal("householdSplitReason", reason),
    });
    await insertMember(tx, scope, newId, personId, "principal");
    await auditHousehold(tx, scope, "household.member.split", id, {
      personId,
      into: newId,
      fields: ["reason"],
      newPrincipal: settled.newPrincipal,
    });
    await auditHousehold(tx, scope, "household.create", newId, {
      principalId: personId,
      splitFrom: id,
    });
    return { id: newId };
  });
}

/** Removes a member; a household left empty is dissolved, one that lost its principal gets the next. */
export function removeHouseholdMember(deps: HouseholdsDeps, scope: Scope, id: string, personId: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    await requireHousehold(tx, scope, id);
    await requireMember(tx, scope, id, personId);
    await deleteMembership(tx, scope, personId);
    const settled = await settleHousehold(tx, scope, id);
    await auditHousehold(tx, scope, "household.member.remove", id, { personId, ...settled });
    return settled;
  });
}

/** Households: create with a principal, read, add a member, split a member out, remove one; all audited. */
export function createHouseholdsService(platform: Platform, keys: PersonKeys) {
  return bindActions(householdsDeps(platform, keys), {
    create: createHousehold,
    get: getHousehold,
    addMember: addHouseholdMember,
    split: splitHousehold,
    removeMember: removeHouseholdMember,
  });
}

export type HouseholdsService = ReturnType<typeof createHouseholdsService>;
