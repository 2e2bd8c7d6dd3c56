import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { requireOffice } from "../platform/offices/offices.service.ts";
import type { Platform } from "../platform/platform.ts";
import { referenceOf } from "../shared/reference-code.ts";
import type { CaseView } from "./cases.contract.ts";
import {
  type CaseRow,
  findCase,
  insertCase,
  insertMove,
  insertNote,
  listCases,
  movesOf,
  notesOf,
  updateCase,
  userExists,
} from "./cases.store.ts";
import { CONTEXT } from "./person-seal.codec.ts";
import { findPerson } from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A case row as the contract lists it. */
export function caseSummary(row: CaseRow) {
  return {
    id: row.id,
    reference: referenceOf("case", row.id),
    personId: row.person_id,
    type: row.case_type as CaseView["type"],
    status: row.status as CaseView["status"],
    officeId: row.office_id,
    assignedTo: row.assigned_to,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** What the cases actions share, built once per service. */
function casesDeps(platform: Platform) {
  const { db } = platform.database;
  const { keyring } = platform;
  const text = createRegistryText(keyring);
  return { platform, db, keyring, text };
}

type CasesDeps = ReturnType<typeof casesDeps>;

async function requireCase(tx: Tx, scope: Scope, id: string) {
  const row = await findCase(tx, scope, id);
  if (!row) throw new AppError("NOT_FOUND", "case not found");
  return row;
}

async function caseView(deps: CasesDeps, tx: Tx, scope: Scope, row: CaseRow): Promise<CaseView> {
  const { keyring, text } = deps;
  return {
    ...caseSummary(row),
    notes: (await notesOf(tx, scope, row.id)).map((n) => ({
      id: n.id,
      body: decryptField(keyring, n.body_enc, CONTEXT.caseNote),
      at: new Date(n.written_at).toISOString(),
    })),
    moves: (await movesOf(tx, scope, row.id)).map((m) => ({
      kind: m.kind,
      fromOffice: m.from_office,
      toOffice: m.to_office,
      fromUser: m.from_user,
      toUser: m.to_user,
      reason: text.open("moveReason", m.reason_enc),
      by: m.moved_by,
      at: iso(m.moved_at) ?? "",
    })),
  };
}

/** Opens a case for a person in reach; a caseworker's own case is assigned to them. */
export function openCase(
  deps: CasesDeps,
  scope: Scope,
  input: { personId: string; type: string; officeId: string | null; note: string | null },
) {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    if (!(await findPerson(tx, scope, input.personId)))
      throw new AppError("NOT_FOUND", "personId: no such person in your reach", { field: "personId" });
    if (input.officeId !== null) await requireOffice(tx, scope, input.officeId, "officeId");
    const officeId = scope.reach === "nation" ? (input.officeId ?? scope.officeId) : scope.officeId;
    const assignedTo = scope.reach === "own" ? scope.userId : null;
    const id = await insertCase(tx, scope, {
      personId: input.personId,
      type: input.type,
      officeId,
      assignedTo,
    });
    if (input.note) await insertNote(tx, scope, id, encryptField(keyring, input.note, CONTEXT.caseNote));
    await recordAudit(tx, scope, {
      action: "case.create",
      targetType: "case",
      targetId: id,
      details: { type: input.type },
    });
    return caseView(deps, tx, scope, await requireCase(tx, scope, id));
  });
}

/** One case in reach with its notes and moves; the read is audited. */
export function getCase(deps: CasesDeps, scope: Scope, id: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const row = await requireCase(tx, scope, id);
    await recordAudit(tx, scope, { action: "case.read", targetType: "case", targetId: id });
    return caseView(deps, tx, scope, row);
  });
}

/** Cases in reach. */
export function listCasesInReach(
  deps: CasesDeps,
  scope: Scope,
  filter: { personId?: string; status?: string },
) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => (await listCases(tx, scope, filter)).map(caseSummary));
}

/** Adds a note (encrypted at rest). */
export function addCaseNote(deps: CasesDeps, scope: Scope, id: string, body: string) {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    await requireCase(tx, scope, id);
    await insertNote(tx, scope, id, encryptField(keyring, body, CONTEXT.caseNote));
    await recordAudit(tx, scope, { action: "case.note", targetType: "case", targetId: id });
    return caseView(deps, tx, scope, await requireCase(tx, scope, id));
  });
}

/** Changes a case's status. */
export function setCaseStatus(deps: CasesDeps, scope: Scope, id: string, status: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const row = await requireCase(tx, scope, id);
    await updateCase(tx, scope, id, { status });
    await recordAudit(tx, scope, {
      action: "case.status",
      targetType: "case",
      targetId: id,
      details: { from: row.status, to: status },
    });
    return caseView(deps, tx, scope, await requireCase(tx, scope, id));
  });
}

/** Assigns a case to a caseworker of the nation, recorded with the reason. */
export function assignCase(deps: CasesDeps, scope: Scope, id: string, userId: string, reason: string) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    const row = await requireCase(tx, scope, id);
    if (!(await userExists(tx, scope, userId)))
      throw new AppError("NOT_FOUND", "userId: no such active user in your nation", { field: "userId" });
    await updateCase(tx, scope, id, { assigned_to: userId });
    const move = {
      caseId: id,
      fromOffice: row.office_id,
      toOffice: row.office_id,
      fromUser: row.assigned_to,
      toUser: userId,
      reasonEnc: text.seal("moveReason", reason),
    };
    await insertMove(tx, scope, { ...move, kind: "assignment" });
    await recordAudit(tx, scope, {
      action: "case.assign",
      targetType: "case",
      targetId: id,
      details: { from: row.assigned_to, to: userId },
    });
    return caseView(deps, tx, scope, await requireCase(tx, scope, id));
  });
}

/** Transfers a case to another office of the nation; the assignee is cleared. */
export function transferCase(deps: CasesDeps, scope: Scope, id: string, officeId: string, reason: string) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    const row = await requireCase(tx, scope, id);
    await requireOffice(tx, scope, officeId, "officeId");
    await updateCase(tx, scope, id, { office_id: officeId, assigned_to: null });
    const move = {
      caseId: id,
      fromOffice: row.office_id,
      toOffice: officeId,
      fromUser: row.assigned_to,
      toUser: null,
      reasonEnc: text.seal("moveReason", reason),
    };
    await insertMove(tx, scope, { ...move, kind: "transfer" });
    await recordAudit(tx, scope, {
      action: "case.transfer",
      targetType: "case",
      targetId: id,
      details: { from: row.office_id, to: officeId },
    });
    // After a transfer the case may be outside the caller's reach: answer with what they just did.
    return caseView(deps, tx, scope, { ...row, office_id: officeId, assigned_to: null });
  });
}

/** Cases: open, read, note, change status, assign and transfer, each change audited with its reason. */
export function createCasesService(platform: Platform) {
  return bindActions(casesDeps(platform), {
    openCase,
    getCase,
    listCases: listCasesInReach,
    addNote: addCaseNote,
    setStatus: setCaseStatus,
    assign: assignCase,
    transfer: transferCase,
  });
}

export type CasesService = ReturnType<typeof createCasesService>;
