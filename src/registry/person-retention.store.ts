import { type RawBuilder, sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { countExpiredRows, expiredRowIds } from "../platform/retention/expired-rows.store.ts";

// SQL of the registry's retention rule: which active people of the scope's nation have outlived a period.

/**
 * A person `p` has expired for `cutoff` when nothing about them (their own record or any record merged into
 * them: the same human) was created or changed since the cutoff, and no work on them is still open:
 * - the person record and the records merged into them were last changed before the cutoff;
 * - every case is closed, and no case was opened, noted, moved or had its status changed since the cutoff
 *   (a status change leaves no column of its own: its `case.status` audit event says when);
 * - no consent was recorded, no family link made, and no referral asked or decided since the cutoff, and
 *   no referral is still pending.
 */
function expired(tenant: string, cutoff: Date): RawBuilder<boolean> {
  const human = sql`select h.id from registry_people h
    where h.tenant_id = p.tenant_id and (h.id = p.id or h.merged_into = p.id)`;
  return sql<boolean>`p.tenant_id = ${tenant} and p.status = 'active'
    and p.created_at < ${cutoff} and p.updated_at < ${cutoff}
    and not exists (select 1 from registry_people m
      where m.tenant_id = p.tenant_id and m.merged_into = p.id and m.updated_at >= ${cutoff})
    and not exists (select 1 from registry_cases c
      where c.tenant_id = p.tenant_id and c.person_id in (${human})
        and (c.status <> 'closed' or c.created_at >= ${cutoff}
          or exists (select 1 from registry_case_notes n
            where n.tenant_id = c.tenant_id and n.case_id = c.id and n.written_at >= ${cutoff})
          or exists (select 1 from registry_case_moves v
            where v.tenant_id = c.tenant_id and v.case_id = c.id and v.moved_at >= ${cutoff})
          or exists (select 1 from audit_events e
            where e.tenant_id = c.tenant_id and e.target_type = 'case' and e.target_id = c.id::text
              and e.action = 'case.status' and e.occurred_at >= ${cutoff})))
    and not exists (select 1 from registry_consents k
      where k.tenant_id = p.tenant_id and k.person_id in (${human}) and k.recorded_at >= ${cutoff})
    and not exists (select 1 from registry_family_links f
      where f.tenant_id = p.tenant_id and (f.person_id in (${human}) or f.related_id in (${human}))
        and f.created_at >= ${cutoff})
    and not exists (select 1 from registry_referrals r
      where r.tenant_id = p.tenant_id and r.person_id in (${human})
        and (r.status = 'pending' or r.requested_at >= ${cutoff} or r.decided_at >= ${cutoff}))`;
}

/** How many people of the scope's nation have expired for `cutoff`. */
export function countExpiredPeople(tx: Tx, scope: Scope, cutoff: Date): Promise<number> {
  return countExpiredRows(tx, {
    table: "registry_people",
    alias: "p",
    condition: expired(scope.tenantId, cutoff),
  });
}

/** Up to `limit` ids of expired people after `after`, in id order. */
export function expiredPeopleIds(
  tx: Tx,
  scope: Scope,
  cutoff: Date,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = { table: "registry_people", alias: "p", condition: expired(scope.tenantId, cutoff) } as const;
  return expiredRowIds(tx, rows, after, limit);
}
