import type { Scope } from "../auth/scope.ts";
import type { Tx } from "../db/connect.ts";
import type { AuditQuery } from "./audit.contract.ts";

/** Lists the scope's tenant's audit events, newest first, with the filters given. */
export async function listAuditEvents(tx: Tx, scope: Scope, query: AuditQuery) {
  let q = tx.selectFrom("audit_events").selectAll().where("tenant_id", "=", scope.tenantId);
  if (query.action) q = q.where("action", "=", query.action);
  if (query.targetType) q = q.where("target_type", "=", query.targetType);
  if (query.targetId) q = q.where("target_id", "=", query.targetId);
  if (query.actor) q = q.where("actor_label", "=", query.actor);
  if (query.from) q = q.where("occurred_at", ">=", new Date(query.from));
  if (query.to) q = q.where("occurred_at", "<=", new Date(query.to));
  if (query.before) q = q.where("seq", "<", query.before);
  return q.orderBy("seq", "desc").limit(query.limit).execute();
}
