import type { Scope } from "../auth/scope.ts";
import type { Tx } from "../db/connect.ts";
import { insertAuditLeaf, nextAuditSeq } from "./audit.store.ts";
import { type AuditLeaf, assertStorable, leafText, normaliseDetails } from "./audit-canonical.ts";
import { leafHash } from "./audit-hash.ts";

/** What happened, to what, with details that never hold personal values in clear. */
export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  /** The log to append to; defaults to the scope's tenant. */
  tenantId?: string;
}

/** The event as written: its number and leaf hash. It is pending until the sequencer gives it a log position. */
export interface RecordedAudit {
  seq: number;
  hash: string;
}

/** Checks every string the event would store; throws BAD_INPUT naming the first field that cannot be stored. */
function storableStrings(fields: Record<string, string | null>): void {
  for (const [field, value] of Object.entries(fields)) if (value !== null) assertStorable(field, value);
}

/**
 * Who an event names as its actor. On another nation's chain the actor is the acting nation (`nation:MEX`),
 * never its officer's address or user id: those are the acting nation's to keep, on its own chain.
 */
export function auditActor(scope: Scope, chainTenant: string): { user: string | null; label: string } {
  if (chainTenant === scope.tenantId) return { user: scope.userId, label: scope.actorLabel };
  return { user: null, label: `nation:${scope.tenantId}` };
}

/**
 * Appends an event to the tenant's audit log inside the caller's transaction, so the change and its event
 * commit or roll back together. No per-tenant row is locked: the event is a leaf (its canonical text and leaf
 * hash) queued for the sequencer, which later places committed leaves in the log under a Merkle root. An event
 * on another nation's log names the acting nation only (see `auditActor`).
 */
export async function recordAudit(tx: Tx, scope: Scope, input: AuditInput): Promise<RecordedAudit> {
  const tenantId = input.tenantId ?? scope.tenantId;
  const actor = auditActor(scope, tenantId);
  const text = {
    tenantId,
    actorTenant: scope.tenantId,
    actorUser: actor.user?.toLowerCase() ?? null,
    actorLabel: actor.label,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    requestId: scope.requestId,
  };
  storableStrings(text);
  const details = normaliseDetails(input.details);
  const seq = await nextAuditSeq(tx);
  // Millisecond precision keeps the stored time and the hashed time identical.
  const leaf: AuditLeaf = { ...text, seq, occurredAt: new Date().toISOString(), details };
  const canonical = leafText(leaf);
  const hash = leafHash(canonical);
  await insertAuditLeaf(tx, leaf, JSON.stringify(details), canonical, hash);
  return { seq, hash };
}
