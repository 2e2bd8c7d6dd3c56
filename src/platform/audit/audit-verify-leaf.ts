import { type AuditLeaf, canonicalText, type JsonValue, parseLeafText } from "./audit-canonical.ts";
import { leafHash } from "./audit-hash.ts";
import { chainedEventHash } from "./audit-legacy-hash.ts";
import { type AuditProblem, problem } from "./audit-problems.ts";

/** An audit event row as the verifier reads it. */
export interface StoredEvent {
  tenant_id: string;
  seq: number;
  occurred_at: Date | string;
  actor_tenant: string | null;
  actor_user: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: unknown;
  canonical: string | null;
  prev_hash: string | null;
  hash: string;
}

const detailsOf = (row: StoredEvent): unknown =>
  typeof row.details === "string" ? JSON.parse(row.details) : row.details;

/** The columns a reader sees, beside the hashed value each must equal. */
function columnPairs(row: StoredEvent, leaf: AuditLeaf): [string, unknown, unknown][] {
  return [
    ["tenant_id", row.tenant_id, leaf.tenantId],
    ["seq", Number(row.seq), leaf.seq],
    ["occurred_at", new Date(row.occurred_at).toISOString(), leaf.occurredAt],
    ["actor_tenant", row.actor_tenant, leaf.actorTenant],
    ["actor_user", row.actor_user, leaf.actorUser],
    ["actor_label", row.actor_label, leaf.actorLabel],
    ["action", row.action, leaf.action],
    ["target_type", row.target_type, leaf.targetType],
    ["target_id", row.target_id, leaf.targetId],
    ["request_id", row.request_id, leaf.requestId],
    ["details", canonicalText(detailsOf(row) as JsonValue), canonicalText(leaf.details)],
  ];
}

/**
 * Why a leaf row does not verify, or undefined when it does: its text must hash to its leaf hash, and every
 * column that lists and filters show must say what the hashed text says.
 */
export function leafProblem(row: StoredEvent): AuditProblem | undefined {
  if (row.canonical === null) return problem("not_a_leaf");
  if (leafHash(row.canonical) !== row.hash) return problem("edited");
  let leaf: AuditLeaf;
  try {
    leaf = parseLeafText(row.canonical);
  } catch (error) {
    return problem("unreadable_leaf", { detail: (error as Error).message });
  }
  const differing = columnPairs(row, leaf)
    .filter(([, stored, hashed]) => stored !== hashed)
    .map(([name]) => name);
  if (differing.length > 0) return problem("columns_differ", { columns: differing.join(", ") });
  return undefined;
}

/** Why an event of the chained history does not verify against the hash before it, or undefined. */
export function chainedProblem(row: StoredEvent, prevHash: string): AuditProblem | undefined {
  if (row.prev_hash === null) return problem("not_chained");
  if (row.prev_hash !== prevHash) return problem("previous_hash_differs");
  const recomputed = chainedEventHash({
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    occurredAt: new Date(row.occurred_at),
    actorTenant: row.actor_tenant,
    actorUser: row.actor_user,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    requestId: row.request_id,
    details: detailsOf(row),
    prevHash: row.prev_hash,
  });
  if (recomputed !== row.hash) return problem("edited");
  return undefined;
}
