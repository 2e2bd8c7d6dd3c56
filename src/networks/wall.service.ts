import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { decidePending } from "../platform/db/decide-pending.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { personExistsInScope } from "../registry/index.ts";
import type { EntityCodec } from "./entity.codec.ts";
import type { TextCodec } from "./network-text.codec.ts";
import type {
  LegalBasisCreate,
  LegalBasisView,
  ProtectedRecordView,
  ProtectionCreate,
  ProtectionPersonUpdate,
} from "./networks.contract.ts";
import { entitiesById, visibleLinksOfCase } from "./networks.store.ts";
import { personOfProtectionRecord, setProtectionPerson } from "./protection-person.store.ts";
import {
  findLegalBasis,
  insertLegalBasis,
  type LegalBasisRow,
  listLegalBases,
  protectionCaseRefs,
  protectionReasonOf,
  updateLegalBasis,
  upsertProtectionRecord,
} from "./wall.store.ts";
import { toEdgeView } from "./workspace.service.ts";

/** The opaque reference of a protection record (see `createProtectedRefs`). */
export type ProtectedRefOf = (tenantId: string, caseRef: string) => string;

/** Links of a protected case shown at most once a legal basis opens it. */
const RECORD_LINKS = 500;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The protection side sees which case a basis names; an investigator only once it is approved. */
function toLegalBasisView(
  r: LegalBasisRow,
  scope: Scope,
  refOf: ProtectedRefOf,
  text: TextCodec,
): LegalBasisView {
  const showCase = scope.permissions.has("protection.read") || r.status === "approved";
  return {
    id: r.id,
    caseRef: showCase ? r.case_ref : null,
    protectedRef: refOf(r.tenant_id, r.case_ref),
    purpose: text.open("basisPurpose", r.purpose_enc),
    authority: text.open("basisAuthority", r.authority_enc),
    requestedBy: r.requested_by_label,
    requestedAt: new Date(r.requested_at).toISOString(),
    status: r.status as LegalBasisView["status"],
    decidedBy: r.decided_by_label,
    decidedAt: iso(r.decided_at),
    decisionNote: text.openOrNull("basisNote", r.decision_note_enc),
  };
}

/** The case a request names: as given, or the protection record whose opaque reference it quotes. */
async function caseOfRequest(tx: Tx, scope: Scope, input: LegalBasisCreate, refOf: ProtectedRefOf) {
  if (input.caseRef !== undefined) return input.caseRef;
  const found = (await protectionCaseRefs(tx, scope)).find(
    (ref) => refOf(scope.tenantId, ref) === input.protectedRef,
  );
  if (!found) throw new AppError("NOT_FOUND", "no protection record with this reference in your nation");
  return found;
}

/** A registry person a protection record may name: one of the caller's nation, in reach (404 naming the field). */
async function requireRegistryPerson(tx: Tx, scope: Scope, personId: string): Promise<void> {
  if (!(await personExistsInScope(tx, scope, personId)))
    throw new AppError("NOT_FOUND", "personId: no such person in your nation's registry", {
      field: "personId",
    });
}

/** What the wall actions share, built once per service. */
function wallDeps(db: Db, codec: EntityCodec, text: TextCodec, refOf: ProtectedRefOf) {
  return { db, codec, text, refOf };
}

type WallDeps = ReturnType<typeof wallDeps>;

function legalBasisView(deps: WallDeps, r: LegalBasisRow, scope: Scope) {
  const { refOf, text } = deps;
  return toLegalBasisView(r, scope, refOf, text);
}

/**
 * Flags a case as a victim's protection record (protection side); `personId` names the registry person of
 * the nation it protects (404 naming `personId` otherwise). Flagging a record again without `personId` keeps
 * the person it names.
 */
export function flagProtection(deps: WallDeps, scope: Scope, input: ProtectionCreate) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    if (input.personId !== undefined) await requireRegistryPerson(tx, scope, input.personId);
    const reason = text.seal("protectionReason", input.reason);
    const row = await upsertProtectionRecord(tx, scope, {
      caseRef: input.caseRef,
      reasonEnc: reason,
      flaggedBy: scope.actorLabel,
    });
    if (input.personId !== undefined) await setProtectionPerson(tx, scope, row.case_ref, input.personId);
    const person = await personOfProtectionRecord(tx, scope, row.case_ref, { lock: false });
    await recordAudit(tx, scope, {
      action: "network.protection.flag",
      targetType: "case",
      targetId: input.caseRef,
      details: input.personId === undefined ? {} : { personId: input.personId },
    });
    return {
      caseRef: row.case_ref,
      flaggedAt: new Date(row.flagged_at).toISOString(),
      personId: person?.personId ?? null,
    };
  });
}

/**
 * Names the registry person a protection record protects, or with `null` stops naming one (protection side):
 * 404 naming `caseRef` for no such record, `personId` for no such person in the nation. Audited with the
 * person named before and after.
 */
export function linkProtectionPerson(deps: WallDeps, scope: Scope, input: ProtectionPersonUpdate) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const before = await personOfProtectionRecord(tx, scope, input.caseRef, { lock: true });
    if (!before)
      throw new AppError("NOT_FOUND", "caseRef: no such protection record in your nation", {
        field: "caseRef",
      });
    if (input.personId !== null) await requireRegistryPerson(tx, scope, input.personId);
    await setProtectionPerson(tx, scope, input.caseRef, input.personId);
    await recordAudit(tx, scope, {
      action: input.personId === null ? "network.protection.person.unlink" : "network.protection.person.link",
      targetType: "case",
      targetId: input.caseRef,
      details: { personId: input.personId, before: before.personId },
    });
    return {
      caseRef: input.caseRef,
      flaggedAt: before.flaggedAt.toISOString(),
      personId: input.personId,
    };
  });
}

/** An investigator records the legal basis on which they ask to see a protected case; it starts pending. */
export function requestLegalBasis(deps: WallDeps, scope: Scope, input: LegalBasisCreate) {
  const { db, refOf, text } = deps;
  return inScope(db, scope, async (tx) => {
    const caseRef = await caseOfRequest(tx, scope, input, refOf);
    const row = await insertLegalBasis(tx, scope, {
      case_ref: caseRef,
      purpose_enc: text.seal("basisPurpose", input.purpose),
      authority_enc: text.seal("basisAuthority", input.authority),
      requested_by: scope.userId,
      requested_by_label: scope.actorLabel,
    });
    await recordAudit(tx, scope, {
      action: "network.legal_basis.request",
      targetType: "network_legal_basis",
      targetId: row.id,
      details: { caseRef, byMarker: input.protectedRef !== undefined },
    });
    return legalBasisView(deps, row, scope);
  });
}

/** Legal bases of the nation, newest first; `pending` narrows to those awaiting a decision. */
export function listNationLegalBases(deps: WallDeps, scope: Scope, options: { pendingOnly: boolean }) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const rows = await listLegalBases(tx, scope, { pendingOnly: options.pendingOnly, limit: 500 });
    await recordAudit(tx, scope, {
      action: "network.legal_bases.view",
      targetType: "network",
      details: { shown: rows.length, pendingOnly: options.pendingOnly },
    });
    return { legalBases: rows.map((r) => legalBasisView(deps, r, scope)) };
  });
}

/** The protection side approves or rejects a pending legal basis; the requester cannot decide their own. */
export function decideLegalBasis(
  deps: WallDeps,
  scope: Scope,
  id: string,
  input: { decision: "approve" | "reject"; note: string },
) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    if (!scope.permissions.has("protection.decide"))
      throw new AppError("FORBIDDEN", "a legal basis is decided by a protection officer (protection.decide)");
    const row = await decidePending(
      { what: "legal basis", loadForUpdate: () => findLegalBasis(tx, scope, id, { lock: true }) },
      async (found) => {
        if (found.requested_by !== null && found.requested_by === scope.userId)
          throw new AppError("FORBIDDEN", "the person who asked cannot approve their own legal basis");
        return updateLegalBasis(tx, scope, id, {
          status: input.decision === "approve" ? "approved" : "rejected",
          decided_by: scope.userId,
          decided_by_label: scope.actorLabel,
          decided_at: new Date(),
          decision_note_enc: text.seal("basisNote", input.note),
        });
      },
    );
    await recordAudit(tx, scope, {
      action: `network.legal_basis.${input.decision}`,
      targetType: "network_legal_basis",
      targetId: id,
      details: { caseRef: row.case_ref },
    });
    return legalBasisView(deps, row, scope);
  });
}

/** What an approved legal basis opens: the case's links and entities, and why it was protected; audited. */
export function protectedRecord(deps: WallDeps, scope: Scope, id: string): Promise<ProtectedRecordView> {
  const { db, codec, text } = deps;
  return inScope(db, scope, async (tx) => {
    const basis = await findLegalBasis(tx, scope, id, { lock: false });
    if (!basis) throw new AppError("NOT_FOUND", "no such legal basis");
    if (basis.status !== "approved")
      throw new AppError("FORBIDDEN", `this legal basis is ${basis.status}: the record stays protected`);
    const reasonEnc = await protectionReasonOf(tx, scope, basis.case_ref);
    const links = await visibleLinksOfCase(tx, scope, basis.case_ref, RECORD_LINKS);
    const ids = [...new Set(links.flatMap((l) => [l.source_id, l.target_id]))];
    const nodes = (await entitiesById(tx, scope, ids)).map((e) => ({
      id: e.id,
      type: e.entity_type,
      value: codec.decrypt(e.value_enc),
    }));
    await recordAudit(tx, scope, {
      action: "network.protection_record.view",
      targetType: "network_legal_basis",
      targetId: id,
      details: { caseRef: basis.case_ref, links: links.length },
    });
    return {
      basis: legalBasisView(deps, basis, scope),
      caseRef: basis.case_ref,
      reason: reasonEnc === undefined ? null : text.open("protectionReason", reasonEnc),
      nodes,
      edges: links.map(toEdgeView),
    };
  });
}

/**
 * The wall around victims' protection data. The protection side flags a case as a protection record; an
 * investigator who needs it records a legal basis (why, under which authority); someone on the protection
 * side, never the requester, approves or rejects it. Only an approved basis lets the case's links into view.
 */
export function createWallService(db: Db, codec: EntityCodec, text: TextCodec, refOf: ProtectedRefOf) {
  return bindActions(wallDeps(db, codec, text, refOf), {
    flagProtection,
    linkProtectionPerson,
    requestLegalBasis,
    listLegalBases: listNationLegalBases,
    decideLegalBasis,
    protectedRecord,
  });
}
