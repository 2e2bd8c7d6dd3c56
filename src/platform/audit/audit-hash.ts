import { createHash } from "node:crypto";

/** The hash a tenant's chain starts from. */
export const GENESIS_HASH = "0".repeat(64);

/** The fields of an audit event that its hash covers. */
export interface HashedAuditFields {
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

/** JSON with object keys sorted at every depth, so the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** SHA-256 over the event's fields and the previous hash: editing or removing any event breaks the chain. */
export function hashAuditEvent(e: HashedAuditFields): string {
  const text = canonicalJson([
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
