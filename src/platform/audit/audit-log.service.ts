import type { z } from "zod";
import type { Scope } from "../auth/scope.ts";
import type { Database, Db } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import type { AuditEventList, AuditQuery, AuditVerification } from "./audit.contract.ts";
import { listAuditEvents } from "./audit.store.ts";
import { verifyAuditChains } from "./audit-verify.ts";

/** One page of the audit log of the caller's nation, newest first, as the auditors' screen reads it. */
export async function listAuditLog(
  db: Db,
  scope: Scope,
  query: z.infer<typeof AuditQuery>,
): Promise<z.infer<typeof AuditEventList>> {
  const rows = await inScope(db, scope, (tx) => listAuditEvents(tx, scope, query));
  const events = rows.map((r) => ({
    seq: Number(r.seq),
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorTenant: r.actor_tenant,
    actorUser: r.actor_user,
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    requestId: r.request_id,
    details: (typeof r.details === "string" ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
    hash: r.hash,
    logIndex: r.log_index === null ? null : Number(r.log_index),
    pending: r.log_index === null,
  }));
  const last = events.at(-1);
  return { events, nextBefore: events.length === query.limit && last ? last.seq : null };
}

/**
 * Verifies the log of the caller's nation from its first event to its head, as `hemisphere audit verify` does
 * for every nation: leaves, batch roots, head links and the events still waiting for a log position (counted
 * as pending, not sequenced here: the server's sequencer does that within a second). Reads run as the schema
 * owner, as the verifier always does, and only the caller's tenant is read.
 */
export async function verifyOwnAuditLog(database: Database, scope: Scope): Promise<AuditVerification> {
  const [report] = await verifyAuditChains(database, { tenantId: scope.tenantId, integrate: false });
  if (!report) throw new Error("verification returned no report for the caller's nation");
  return {
    nation: report.tenantId,
    verifiedAt: new Date().toISOString(),
    ok: report.ok,
    events: report.events,
    pending: report.pending,
    batches: report.batches,
    head: report.head,
    brokenCount: report.brokenCount,
    broken: report.broken,
  };
}
