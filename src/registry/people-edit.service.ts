import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { maskDocument } from "./engine/person-presenter.ts";
import { openPerson, type PersonKeys, sealPerson } from "./person-seal.codec.ts";
import type { PersonInput } from "./registry.contract.ts";
import { hasAName, NO_NAME, type PersonEdit } from "./registry.contract.ts";
import { findPerson, insertPersonVersion, updatePerson, versionsOf } from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";

/** What a correction did: the fields that changed and the version that keeps the values they replaced. */
export interface EditResult {
  id: string;
  changed: string[];
  versionId: string | null;
}

type Changes = Omit<PersonEdit, "reason">;

/** The fields whose value differs after the changes are applied, in the record's field order. */
export function changedFields(before: PersonInput, after: PersonInput): (keyof PersonInput)[] {
  return (Object.keys(before) as (keyof PersonInput)[]).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

/**
 * Applies changes to a person in the caller's reach inside the caller's transaction: the values are re-sealed
 * (blind indexes, regional encoding and shield recomputed), the replaced values kept as a version, and
 * `person.update` audited with the fields. Changing vulnerabilities or protection needs `protection.read`
 * unless `onBehalfOfLaw` says the change follows from a recorded act (a fear claim), not a user's reading.
 */
async function applyChanges(
  tx: Tx,
  scope: Scope,
  keys: PersonKeys,
  id: string,
  changes: Changes,
  reason: string,
  options: { onBehalfOfLaw?: boolean } = {},
): Promise<EditResult> {
  const text = createRegistryText(keys.keyring);
  const row = await findPerson(tx, scope, id);
  if (!row) throw new AppError("NOT_FOUND", "person not found");
  if (row.status !== "active")
    throw new AppError("CONFLICT", "a merged record is corrected through the record it was merged into");
  if (
    !options.onBehalfOfLaw &&
    (changes.vulnerabilities !== undefined || changes.protection !== undefined) &&
    !scope.permissions.has("protection.read")
  )
    throw new AppError("FORBIDDEN", "correcting vulnerabilities or protection needs protection.read");
  const { person: before } = openPerson(keys.keyring, row);
  const after: PersonInput = { ...before, ...stripUndefined(changes) };
  if (changes.birthDate !== undefined) after.birthDateAsWritten = "";
  if (!hasAName(after)) throw new AppError("BAD_INPUT", NO_NAME.message, { field: NO_NAME.field });
  const changed = changedFields(before, after);
  if (changed.length === 0) return { id, changed, versionId: null };
  const versionId = await insertPersonVersion(tx, scope, id, row, {
    changed,
    reasonEnc: text.seal("versionReason", reason),
  });
  const {
    external_key: _key,
    external_id_enc: _externalId,
    ...sealed
  } = sealPerson(keys, after, null, scope.tenantId);
  await updatePerson(tx, scope, id, sealed);
  await recordAudit(tx, scope, {
    action: "person.update",
    targetType: "person",
    targetId: id,
    details: { changed, versionId },
  });
  return { id, changed, versionId };
}

/**
 * Records that a person asked for international protection (a fear claim at the border): a person with no
 * protection becomes an asylum seeker, shielded from their nationalities; a status already recorded is kept
 * (never lowered, never widened). Runs in the caller's transaction; the correction is kept as a version.
 */
export async function recordProtectionClaim(
  tx: Tx,
  scope: Scope,
  keys: PersonKeys,
  id: string,
  reason: string,
): Promise<EditResult> {
  const row = await findPerson(tx, scope, id);
  if (!row)
    throw new AppError("NOT_FOUND", "personId: no such person in your nation's registry", {
      field: "personId",
    });
  // A record merged into another is the same human: the claim goes to the record it was merged into.
  if (row.status === "merged" && row.merged_into)
    return recordProtectionClaim(tx, scope, keys, row.merged_into, reason);
  const { person } = openPerson(keys.keyring, row);
  if ((person.protection?.status ?? "none") !== "none") return { id, changed: [], versionId: null };
  return applyChanges(tx, scope, keys, id, { protection: { status: "asylum_seeker", from: [] } }, reason, {
    onBehalfOfLaw: true,
  });
}

/** What the personEdit actions share, built once per service. */
function personEditDeps(platform: Platform, keys: PersonKeys) {
  const { db } = platform.database;
  const text = createRegistryText(keys.keyring);
  return { platform, keys, db, text };
}

type PersonEditDeps = ReturnType<typeof personEditDeps>;

function applyPersonChanges(
  deps: PersonEditDeps,
  tx: Tx,
  scope: Scope,
  id: string,
  changes: Changes,
  reason: string,
) {
  const { keys } = deps;
  return applyChanges(tx, scope, keys, id, changes, reason);
}

/**
 * Corrects a person in the caller's reach: the values are re-encrypted and the blind indexes and the regional
 * encoding recomputed; the values replaced go to the person's history and the audit log names the fields.
 */
export function editPerson(
  deps: PersonEditDeps,
  scope: Scope,
  id: string,
  edit: PersonEdit,
): Promise<EditResult> {
  const { db } = deps;
  return inScope(db, scope, (tx) => {
    const { reason, ...changes } = edit;
    return applyPersonChanges(deps, tx, scope, id, changes, reason);
  });
}

/** Puts an earlier version back (itself a correction, so it can be undone in turn). */
export function restoreVersion(
  deps: PersonEditDeps,
  scope: Scope,
  id: string,
  versionId: string,
  reason: string,
): Promise<EditResult> {
  const { db, keys } = deps;
  return inScope(db, scope, async (tx) => {
    const version = (await versionsOf(tx, scope, id)).find((v) => v.id === versionId);
    if (!version) throw new AppError("NOT_FOUND", "version not found");
    const { person } = openPerson(keys.keyring, { ...version, external_id_enc: null });
    const { birthDateAsWritten: _asWritten, ...changes } = person;
    if (!scope.permissions.has("protection.read")) {
      delete (changes as Changes).vulnerabilities;
      delete (changes as Changes).protection;
    }
    return applyPersonChanges(deps, tx, scope, id, changes, `restore ${versionId}: ${reason}`);
  });
}

/** A person's earlier versions, newest first, redacted like the person; the read is audited. */
export function personHistory(deps: PersonEditDeps, scope: Scope, id: string) {
  const { db, keys, text } = deps;
  return inScope(db, scope, async (tx) => {
    if (!(await findPerson(tx, scope, id))) throw new AppError("NOT_FOUND", "person not found");
    const versions = await versionsOf(tx, scope, id);
    await recordAudit(tx, scope, {
      action: "person.history.read",
      targetType: "person",
      targetId: id,
      details: { versions: versions.length },
    });
    const fullDocuments = scope.permissions.has("person.write");
    return versions.map((v) => {
      const { person } = openPerson(keys.keyring, { ...v, external_id_enc: null });
      return {
        id: v.id,
        changed: v.changed,
        reason: text.open("versionReason", v.reason_enc),
        editedBy: v.edited_by,
        editedAt: new Date(v.edited_at).toISOString(),
        before: {
          givenNames: person.givenNames,
          surnames: person.surnames,
          sex: person.sex,
          birthDate: person.birthDate,
          nationalities: person.nationalities,
          documents: person.documents.map((d) =>
            fullDocuments ? d : { ...d, number: maskDocument(d.number) },
          ),
          phones: person.phones,
        },
      };
    });
  });
}

/** Corrections of registered people, each keeping the version it replaced (encrypted) so it can be restored. */
export function createPersonEditService(platform: Platform, keys: PersonKeys) {
  return bindActions(personEditDeps(platform, keys), { editPerson, restoreVersion, history: personHistory });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type PersonEditService = ReturnType<typeof createPersonEditService>;

/**
 * Adds a document to a person in the caller's reach, in the caller's transaction, as a correction (the version
 * kept, `person.update` audited). A document the person already holds (same type, number, issuer and dates) is
 * not added twice: false then.
 */
export async function addDocumentToPerson(
  tx: Tx,
  scope: Scope,
  keys: PersonKeys,
  id: string,
  document: PersonInput["documents"][number],
  reason: string,
): Promise<boolean> {
  const row = await findPerson(tx, scope, id);
  if (!row) throw new AppError("NOT_FOUND", "personId: no such person in your reach", { field: "personId" });
  const { documents } = openPerson(keys.keyring, row).person;
  const same = (d: PersonInput["documents"][number]) =>
    d.type === document.type &&
    d.number === document.number &&
    d.issuingCountry === document.issuingCountry &&
    d.validFrom === document.validFrom &&
    d.expiry === document.expiry;
  if (documents.some(same)) return false;
  await applyChanges(tx, scope, keys, id, { documents: [...documents, document] }, reason);
  return true;
}
