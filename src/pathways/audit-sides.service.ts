import { type AuditInput, recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { bindTenant } from "../platform/db/scoped.ts";

// Writes that touch two nations (a referral, an arrival) audit each side on its own nation's chain.

/**
 * Appends each side's audit event last, in one order of nations for every transaction: a referral from USA to
 * COL and a decision by COL on another one from USA, at the same moment, would otherwise each hold one nation's
 * audit chain and wait for the other's.
 */
export async function auditSides(
  tx: Tx,
  scope: Scope,
  events: (AuditInput & { tenantId: string })[],
): Promise<void> {
  for (const event of [...events].sort((a, b) => a.tenantId.localeCompare(b.tenantId))) {
    await bindTenant(tx, event.tenantId);
    await recordAudit(tx, scope, event);
  }
  await bindTenant(tx, scope.tenantId);
}
