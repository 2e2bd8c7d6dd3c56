import { sql } from "kysely";
import type { Scope } from "../auth/scope.ts";
import type { Tx } from "../db/connect.ts";
import { canonicalJson, GENESIS_HASH, hashAuditEvent } from "./audit-hash.ts";

/** What happened, to what, with details that never hold personal values in clear. */
export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  /** The chain to append to; defaults to the scope's tenant. */
  tenantId?: string;
}

/**
 * Appends an event to the tenant's hash chain inside the caller's transaction, so the change and its event
 * commit or roll back together. The chain head row is locked, which orders concurrent writers.
 */
export async function recordAudit(
  tx: Tx,
  scope: Scope,
  input: AuditInput,
): Promise<{ seq: number; hash: string }> {
  const tenantId = input.tenantId ?? scope.tenantId;
  await tx
    .insertInto("audit_heads")
    .values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
  const head = await tx
    .selectFrom("audit_heads")
    .select(["seq", "hash"])
    .where("tenant_id", "=", tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq) + 1;
  // Millisecond precision keeps the stored time and the hashed time identical.
  const occurredAt = new Date(Math.floor(Date.now()));
  const details = JSON.parse(canonicalJson(input.details ?? {})) as Record<string, unknown>;
  const fields = {
    tenantId,
    seq,
    occurredAt,
    actorTenant: scope.tenantId,
    actorUser: scope.userId,
    actorLabel: scope.actorLabel,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    requestId: scope.requestId,
    details,
    prevHash: head.hash,
  };
  const hash = hashAuditEvent(fields);
  await tx
    .insertInto("audit_events")
    .values({
      tenant_id: tenantId,
      seq,
      occurred_at: occurredAt,
      actor_tenant: fields.actorTenant,
      actor_user: fields.actorUser,
      actor_label: fields.actorLabel,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      request_id: fields.requestId,
      details: canonicalJson(details),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await tx.updateTable("audit_heads").set({ seq, hash }).where("tenant_id", "=", tenantId).execute();
  return { seq, hash };
}

/** Counts events per tenant (used by health pages and tests). */
export async function countAuditEvents(tx: Tx): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(tx);
  return row.rows[0]?.n ?? 0;
}
