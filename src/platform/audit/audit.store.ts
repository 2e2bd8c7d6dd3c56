import { sql } from "kysely";
import type { Scope } from "../auth/scope.ts";
import type { Tx } from "../db/connect.ts";
import type { AuditQuery } from "./audit.contract.ts";
import type { AuditLeaf } from "./audit-canonical.ts";
import "./audit.schema.ts";

/**
 * Lists the scope's tenant's audit events, newest first, with the filters given; each with its log position,
 * or none while it waits for the sequencer.
 */
export async function listAuditEvents(tx: Tx, scope: Scope, query: AuditQuery) {
  let q = tx
    .selectFrom("audit_events as e")
    .leftJoin("audit_log as l", (j) =>
      j.onRef("l.tenant_id", "=", "e.tenant_id").onRef("l.seq", "=", "e.seq"),
    )
    .selectAll("e")
    .select("l.log_index")
    .where("e.tenant_id", "=", scope.tenantId);
  if (query.action) q = q.where("e.action", "=", query.action);
  if (query.targetType) q = q.where("e.target_type", "=", query.targetType);
  if (query.targetId) q = q.where("e.target_id", "=", query.targetId);
  if (query.actor) q = q.where("e.actor_label", "=", query.actor);
  if (query.from) q = q.where("e.occurred_at", ">=", new Date(query.from));
  if (query.to) q = q.where("e.occurred_at", "<=", new Date(query.to));
  if (query.before) q = q.where("e.seq", "<", query.before);
  return q.orderBy("e.seq", "desc").limit(query.limit).execute();
}

/** The next event number, from the one sequence every tenant's events share. */
export async function nextAuditSeq(tx: Tx): Promise<number> {
  const next = await sql<{ seq: number }>`select nextval('audit_event_seq') as seq`.execute(tx);
  return Number(next.rows[0]?.seq);
}

/** Writes an event as a leaf and queues it for the sequencer, in one statement. */
export async function insertAuditLeaf(
  tx: Tx,
  leaf: AuditLeaf,
  details: string,
  canonical: string,
  hash: string,
): Promise<void> {
  await tx
    .with("event", (db) =>
      db
        .insertInto("audit_events")
        .values({
          tenant_id: leaf.tenantId,
          seq: leaf.seq,
          occurred_at: leaf.occurredAt,
          actor_tenant: leaf.actorTenant,
          actor_user: leaf.actorUser,
          actor_label: leaf.actorLabel,
          action: leaf.action,
          target_type: leaf.targetType,
          target_id: leaf.targetId,
          request_id: leaf.requestId,
          details,
          canonical,
          hash,
        })
        .returning(["tenant_id", "seq"]),
    )
    .insertInto("audit_pending")
    .columns(["tenant_id", "seq"])
    .expression((eb) => eb.selectFrom("event").select(["tenant_id", "seq"]))
    .execute();
}
