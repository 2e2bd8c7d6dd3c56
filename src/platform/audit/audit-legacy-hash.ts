import { createHash } from "node:crypto";

// The hash of the events written before the log had batches (migration platform/0003): each event was chained
// to the one before it. Kept unchanged so those events stay verifiable; nothing new is written this way.

/** The fields of a chained event that its hash covers. */
export interface ChainedAuditFields {
  tenantId: string;
  seq: number;
  occurredAt: Date;
  actorTenant: string | null;
  actorUser: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, exactly as the chained events were hashed. */
export function legacyCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(legacyCanonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${legacyCanonicalJson(v)}`).join(",")}}`;
}

/** SHA-256 over a chained event's fields and the previous event's hash. */
export function chainedEventHash(e: ChainedAuditFields): string {
  const text = legacyCanonicalJson([
    e.tenantId,
    e.seq,
    e.occurredAt.toISOString(),
    e.actorTenant,
    e.actorUser,
    e.actorLabel,
    e.action,
    e.targetType,
    e.targetId,
    e.requestId,
    e.details,
    e.prevHash,
  ]);
  return createHash("sha256").update(text).digest("hex");
}
