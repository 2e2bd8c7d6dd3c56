import { type RawBuilder, sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { countExpiredRows, expiredRowIds } from "../platform/retention/expired-rows.store.ts";

// SQL of the pathways' retention rule: which applications of the scope's nation have outlived a period.

/**
 * An application `a` has expired for `cutoff` when its work is over and nothing happened to it since: it is
 * `decided` or `closed` (never one still waiting, never one already erased), it was submitted and last moved
 * before the cutoff, and no referral naming it is pending or was asked or decided since.
 */
function expired(tenant: string, cutoff: Date): RawBuilder<boolean> {
  return sql<boolean>`a.tenant_id = ${tenant} and a.stage in ('decided', 'closed')
    and a.submitted_at < ${cutoff}
    and not exists (select 1 from pathway_stage_changes s
      where s.tenant_id = a.tenant_id and s.application_id = a.id and s.changed_at >= ${cutoff})
    and not exists (select 1 from pathway_referrals r
      where r.tenant_id = a.tenant_id
        and (r.application_id = a.id or r.received_application_id = a.id)
        and (r.status = 'pending' or r.created_at >= ${cutoff} or r.decided_at >= ${cutoff}))`;
}

/** How many applications of the scope's nation have expired for `cutoff`. */
export function countExpiredApplications(tx: Tx, scope: Scope, cutoff: Date): Promise<number> {
  return countExpiredRows(tx, {
    table: "pathway_applications",
    alias: "a",
    condition: expired(scope.tenantId, cutoff),
  });
}

/** Up to `limit` ids of expired applications after `after`, in id order. */
export function expiredApplicationIds(
  tx: Tx,
  scope: Scope,
  cutoff: Date,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = {
    table: "pathway_applications",
    alias: "a",
    condition: expired(scope.tenantId, cutoff),
  } as const;
  return expiredRowIds(tx, rows, after, limit);
}
