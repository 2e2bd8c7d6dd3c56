import type { Selectable } from "kysely";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { EntityCodec } from "./entity-codec.service.ts";
import type { LegalBasisCreate, LegalBasisView, ProtectedRecordView } from "./networks.contract.ts";
import type { NetworkLegalBasesTable } from "./networks.schema.ts";
import { entitiesById, visibleLinksOfCase } from "./networks.store.ts";
import { toEdgeView } from "./workspace.service.ts";

type LegalBasisRow = Selectable<NetworkLegalBasesTable>;
/** The opaque reference of a protection record (see `createProtectedRefs`). */
export type ProtectedRefOf = (tenantId: string, caseRef: string) => string;

/** Links of a protected case shown at most once a legal basis opens it. */
const RECORD_LINKS = 500;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The protection side sees which case a basis names; an investigator only once it is approved. */
function toLegalBasisView(r: LegalBasisRow, scope: Scope, refOf: ProtectedRefOf): LegalBasisView {
  const showCase = scope.permissions.has("protection.read") || r.status === "approved";
  return {
    id: r.id,
    caseRef: showCase ? r.case_ref : null,
    protectedRef: refOf(r.tenant_id, r.case_ref),
    purpose: r.purpose,
    authority: r.authority,
    requestedBy: r.requested_by_label,
    requestedAt: new Date(r.requested_at).toISOString(),
    status: r.status as LegalBasisView["status"],
    decidedBy: r.decided_by_label,
    decidedAt: iso(r.decided_at),
    decisionNote: r.decision_note,
  };
}

/** The case a request names: as given, or the protection record whose opaque reference it quotes. */
async function caseOfRequest(tx: Tx, scope: Scope, input: LegalBasisCreate, refOf: ProtectedRefOf) {
  if (input.caseRef !== undefined) return input.caseRef;
  const records = await tx
    .selectFrom("network_protection_records")
    .select("case_ref")
    .where("tenant_id", "=", scope.tenantId)
    .execute();
  const found = records.find((r) => refOf(scope.tenantId, r.case_ref) === input.protectedRef);
  if (!found) throw new AppError("NOT_FOUND", "no protection record with this reference in your nation");
  return found.case_ref;
}

/**
 * The wall around victims' protection data. The protection side flags a case as a protection record; an
 * investigator who needs it records a legal basis (why, under which authority); someone on the protection
 * side, never the requester, approves or rejects it. Only an approved basis lets the case's links into view.
 */
export function createWallService(db: Db, codec: EntityCodec, refOf: ProtectedRefOf) {
  const view = (r: LegalBasisRow, scope: Scope) => toLegalBasisView(r, scope, refOf);
  return {
    /** Flags a case as a victim's protection record (protection side). */
    flagProtection: (scope: Scope, input: { caseRef: string; reason: string }) =>
      inScope(db, scope, async (tx) => {
        const row = await tx
          .insertInto("network_protection_records")
          .values({
            tenant_id: scope.tenantId,
            case_ref: input.caseRef,
            reason: input.reason,
            flagged_by: scope.actorLabel,
          })
          .onConflict((oc) => oc.columns(["tenant_id", "case_ref"]).doUpdateSet({ reason: input.reason }))
          .returning(["case_ref", "flagged_at"])
          .executeTakeFirstOrThrow();
        await recordAudit(tx, scope, {
          action: "network.protection.flag",
          targetType: "case",
          targetId: input.caseRef,
        });
        return { caseRef: row.case_ref, flaggedAt: new Date(row.flagged_at).toISOString() };
      }),

    /** An investigator records the legal basis on which they ask to see a protected case; it starts pending. */
    requestLegalBasis: (scope: Scope, input: LegalBasisCreate) =>
      inScope(db, scope, async (tx) => {
        const caseRef = await caseOfRequest(tx, scope, input, refOf);
        const row = await tx
          .insertInto("network_legal_bases")
          .values({
            tenant_id: scope.tenantId,
            case_ref: caseRef,
            purpose: input.purpose,
            authority: input.authority,
            requested_by: scope.userId,
            requested_by_label: scope.actorLabel,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(tx, scope, {
          action: "network.legal_basis.request",
          targetType: "network_legal_basis",
          targetId: row.id,
          details: { caseRef, byMarker: input.protectedRef !== undefined },
        });
        return view(row, scope);
      }),

    /** Legal bases of the nation, newest first; `pending` narrows to those awaiting a decision. */
    listLegalBases: (scope: Scope, options: { pendingOnly: boolean }) =>
      inScope(db, scope, async (tx) => {
        let query = tx.selectFrom("network_legal_bases").selectAll().where("tenant_id", "=", scope.tenantId);
        if (options.pendingOnly) query = query.where("status", "=", "pending");
        const rows = await query.orderBy("requested_at", "desc").limit(500).execute();
        await recordAudit(tx, scope, {
          action: "network.legal_bases.view",
          targetType: "network",
          details: { shown: rows.length, pendingOnly: options.pendingOnly },
        });
        return { legalBases: rows.map((r) => view(r, scope)) };
      }),

    /** The protection side approves or rejects a pending legal basis; the requester cannot decide their own. */
    decideLegalBasis: (scope: Scope, id: string, input: { decision: "approve" | "reject"; note: string }) =>
      inScope(db, scope, async (tx) => {
        const found = await tx
          .selectFrom("network_legal_bases")
          .selectAll()
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirst();
        if (!found) throw new AppError("NOT_FOUND", "no such legal basis");
        if (found.status !== "pending")
          throw new AppError("CONFLICT", `this legal basis is already ${found.status}`);
        if (found.requested_by !== null && found.requested_by === scope.userId)
          throw new AppError("FORBIDDEN", "the person who asked cannot approve their own legal basis");
        const row = await tx
          .updateTable("network_legal_bases")
          .set({
            status: input.decision === "approve" ? "approved" : "rejected",
            decided_by: scope.userId,
            decided_by_label: scope.actorLabel,
            decided_at: new Date(),
            decision_note: input.note,
          })
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(tx, scope, {
          action: `network.legal_basis.${input.decision}`,
          targetType: "network_legal_basis",
          targetId: id,
          details: { caseRef: row.case_ref },
        });
        return view(row, scope);
      }),

    /** What an approved legal basis opens: the case's links and entities, and why it was protected; audited. */
    protectedRecord: (scope: Scope, id: string): Promise<ProtectedRecordView> =>
      inScope(db, scope, async (tx) => {
        const basis = await tx
          .selectFrom("network_legal_bases")
          .selectAll()
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (!basis) throw new AppError("NOT_FOUND", "no such legal basis");
        if (basis.status !== "approved")
          throw new AppError("FORBIDDEN", `this legal basis is ${basis.status}: the record stays protected`);
        const record = await tx
          .selectFrom("network_protection_records")
          .select("reason")
          .where("tenant_id", "=", scope.tenantId)
          .where("case_ref", "=", basis.case_ref)
          .executeTakeFirst();
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
          basis: view(basis, scope),
          caseRef: basis.case_ref,
          reason: record?.reason ?? null,
          nodes,
          edges: links.map(toEdgeView),
        };
      }),
  };
}
