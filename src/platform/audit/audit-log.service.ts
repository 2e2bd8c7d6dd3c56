import type { z } from "zod";
import type { Scope } from "../auth/scope.ts";
import type { Db } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import type { AuditEventList, AuditQuery } from "./audit.contract.ts";
import { listAuditEvents } from "./audit.store.ts";

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
