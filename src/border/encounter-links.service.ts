import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { personExistsInScope, recordProtectionRequest } from "../registry/index.ts";
import type { Assessment, FamilyHold, SafeguardCode } from "./border.contract.ts";
import { findEncounter } from "./border.store.ts";
import type { FamilyGroupView } from "./border-links.contract.ts";
import {
  familyMembers,
  insertFamilyGroup,
  linkEncounterToPerson,
  mergeFamilyGroups,
  setFamilyGroup,
} from "./encounter-links.store.ts";
import { storedAssessmentInput, toEncounterView } from "./encounter-rows.store.ts";
import { assessDisposition } from "./engine/assess-disposition.ts";
import { applyFamilyHolds, familyHold } from "./engine/family-holds.ts";
import type { LoadedPack } from "./pack-in-force.store.ts";
import { recordedChecksOf } from "./safeguards.service.ts";

// Links an officer confirms on an encounter. To a registry person: the encounter keeps the reference and no
// copy of who the person is. To a family: a safeguard open for any member holds every member's returns.

type EncounterRow = NonNullable<Awaited<ReturnType<typeof findEncounter>>>;

/** The safeguards still open on one encounter, as its own assessment lists them. */
async function openSafeguardsOf(
  tx: Tx,
  scope: Scope,
  row: EncounterRow,
  pack: LoadedPack["pack"],
): Promise<SafeguardCode[]> {
  const own = assessDisposition(storedAssessmentInput(row), pack, await recordedChecksOf(tx, scope, row.id));
  return own.safeguards.map((s) => s.code);
}

/** What the other members of the encounter's family group hold it by: each safeguard still open on them. */
export async function familyHoldsOf(
  tx: Tx,
  scope: Scope,
  row: EncounterRow,
  pack: LoadedPack["pack"],
): Promise<FamilyHold[]> {
  if (row.family_group_id === null) return [];
  const holds: FamilyHold[] = [];
  for (const member of await familyMembers(tx, scope, row.family_group_id)) {
    if (member.id === row.id) continue;
    for (const code of await openSafeguardsOf(tx, scope, member, pack))
      holds.push(familyHold(member.id, code));
  }
  return holds;
}

/**
 * The assessment of a stored encounter with everything on the record: partner answers, safeguards closed,
 * and the safeguards open for other members of its family group. Assessment, decision and approval all read
 * this one.
 */
export async function assessStored(
  tx: Tx,
  scope: Scope,
  row: EncounterRow,
  loaded: LoadedPack,
): Promise<Assessment> {
  const own = assessDisposition(
    storedAssessmentInput(row),
    loaded.pack,
    await recordedChecksOf(tx, scope, row.id),
  );
  return applyFamilyHolds(own, await familyHoldsOf(tx, scope, row, loaded.pack));
}

/**
 * Puts two encounters in one family group: a new group when neither has one, the other's group when one has,
 * and one group of both when each had its own (grouping only ever adds protection). Returns the group id.
 */
export async function joinFamily(
  tx: Tx,
  scope: Scope,
  row: EncounterRow,
  other: EncounterRow,
): Promise<string> {
  const mine = row.family_group_id;
  const theirs = other.family_group_id;
  if (mine !== null && mine === theirs)
    throw new AppError("CONFLICT", "these encounters are in one family group already");
  if (mine !== null && theirs !== null) {
    await mergeFamilyGroups(tx, scope, theirs, mine);
    return mine;
  }
  const group = mine ?? theirs ?? (await insertFamilyGroup(tx, scope));
  await setFamilyGroup(tx, scope, [row.id, other.id], group);
  return group;
}

/** What the link actions need: the database, the keys, and the pack in force (required). */
export interface LinksDeps {
  db: Db;
  keyring: Keyring;
  requirePack: (tx: Tx, scope: Scope) => Promise<LoadedPack>;
}

/** The encounter's family group, each member with its open safeguards (no personal field). */
async function familyView(
  deps: LinksDeps,
  tx: Tx,
  scope: Scope,
  row: EncounterRow,
): Promise<FamilyGroupView> {
  if (row.family_group_id === null) return { encounterId: row.id, groupId: null, members: [] };
  const { pack } = await deps.requirePack(tx, scope);
  const members = [];
  for (const m of await familyMembers(tx, scope, row.family_group_id)) {
    members.push({
      encounterId: m.id,
      date: m.occurred,
      citizenship: m.citizenship,
      demographic: m.demographic as FamilyGroupView["members"][number]["demographic"],
      personId: m.person_id,
      openSafeguards: await openSafeguardsOf(tx, scope, m, pack),
    });
  }
  return { encounterId: row.id, groupId: row.family_group_id, members };
}

/** The encounter in the caller's nation, or 404 (naming the body field when the id came from one). */
async function encounterOr404(tx: Tx, scope: Scope, id: string, field?: string): Promise<EncounterRow> {
  const row = await findEncounter(tx, scope, id);
  if (row) return row;
  if (field) throw new AppError("NOT_FOUND", `${field}: no such encounter in your nation`, { field });
  throw new AppError("NOT_FOUND", "encounter not found");
}

/**
 * Links a recorded encounter to a registry person the officer confirmed. Its own names, birth date and
 * documents are dropped, not copied: from now on they are read from the registry. A fear claim on the
 * encounter shields the person, as when it is recorded linked.
 */
export async function linkEncounterPerson(
  deps: LinksDeps,
  scope: Scope,
  encounterId: string,
  personId: string,
) {
  return inScope(deps.db, scope, async (tx) => {
    const row = await encounterOr404(tx, scope, encounterId);
    if (!(await personExistsInScope(tx, scope, personId)))
      throw new AppError("NOT_FOUND", "personId: no such person in your nation's registry", {
        field: "personId",
      });
    if (row.person_id !== null)
      throw new AppError(
        "CONFLICT",
        row.person_id === personId
          ? "this encounter is linked to this person already"
          : "this encounter is linked to another person",
        { field: "personId" },
      );
    const ownFields = [row.given_names_enc, row.family_names_enc, row.birth_date_enc, row.documents_enc].some(
      (v) => v !== null,
    );
    await linkEncounterToPerson(tx, scope, encounterId, personId);
    if (row.fear_claim)
      await recordProtectionRequest(
        tx,
        scope,
        deps.keyring,
        personId,
        `fear claim at the border, encounter ${encounterId}`,
      );
    await recordAudit(tx, scope, {
      action: "border.encounter.link_person",
      targetType: "border_encounter",
      targetId: encounterId,
      details: { personId, ownFieldsDropped: ownFields },
    });
    return toEncounterView(deps.keyring, (await findEncounter(tx, scope, encounterId))!);
  });
}

/** Puts another encounter in this encounter's family group. */
export async function linkEncounterFamily(
  deps: LinksDeps,
  scope: Scope,
  encounterId: string,
  otherId: string,
): Promise<FamilyGroupView> {
  return inScope(deps.db, scope, async (tx) => {
    const row = await encounterOr404(tx, scope, encounterId);
    const other = await encounterOr404(tx, scope, otherId, "encounterId");
    if (other.id === row.id)
      throw new AppError("BAD_INPUT", "encounterId: an encounter is not its own family member", {
        field: "encounterId",
      });
    const group = await joinFamily(tx, scope, row, other);
    await recordAudit(tx, scope, {
      action: "border.family.link",
      targetType: "border_encounter",
      targetId: encounterId,
      details: { with: otherId, group },
    });
    return familyView(deps, tx, scope, (await findEncounter(tx, scope, encounterId))!);
  });
}

/** The encounter's family group and what each member's open safeguards are (no personal field). */
export async function readFamilyGroup(
  deps: LinksDeps,
  scope: Scope,
  encounterId: string,
): Promise<FamilyGroupView> {
  return inScope(deps.db, scope, async (tx) =>
    familyView(deps, tx, scope, await encounterOr404(tx, scope, encounterId)),
  );
}

/** Binds the link actions to the database, the keys and the pack in force, for the border service. */
export function createLinksService(
  db: Db,
  keyring: Keyring,
  requirePack: (tx: Tx, scope: Scope) => Promise<LoadedPack>,
) {
  const deps: LinksDeps = { db, keyring, requirePack };
  return {
    linkPerson: (scope: Scope, encounterId: string, personId: string) =>
      linkEncounterPerson(deps, scope, encounterId, personId),
    linkFamily: (scope: Scope, encounterId: string, otherId: string) =>
      linkEncounterFamily(deps, scope, encounterId, otherId),
    familyOf: (scope: Scope, encounterId: string) => readFamilyGroup(deps, scope, encounterId),
  };
}
