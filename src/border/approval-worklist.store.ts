import { type RawBuilder, sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { IdRange } from "../shared/reference-code.ts";
import { awaitingApproval, type DecisionWithApproval } from "./decisions.store.ts";

// SQL for a border supervisor's queue: decisions awaiting approval, never superseded ones, filtered on the
// encounter's own facts (citizenship, demographic, medical emergency, trafficking indicators) and paged, the
// count and the page both answered by the database.

/** What a page of the queue is asked with. */
export interface ApprovalQueueFilter {
  disposition?: string | undefined;
  citizenship?: string | undefined;
  /** Border facts every listed encounter must show. */
  needs: readonly ("unaccompanied_child" | "serious_medical_condition" | "victim_of_trafficking")[];
  /**
   * Ranges of ids a search by code names (src/shared/reference-code.ts): an encounter's reference matches
   * its encounter id, a hex id prefix (no kind) matches the decision's id or the encounter's.
   */
  idRanges?: readonly IdRange[] | undefined;
  newestFirst: boolean;
  limit: number;
  offset: number;
}

const NEED_CONDITIONS = {
  unaccompanied_child: sql`e.demographic = 'unaccompanied_minor'`,
  serious_medical_condition: sql`e.medical_emergency`,
  victim_of_trafficking: sql`jsonb_array_length(e.trafficking_indicators) > 0`,
} as const;

export type QueueRow = DecisionWithApproval & {
  occurred: string;
  citizenship: string;
  demographic: string;
  person_id: string | null;
};

/** The decisions awaiting approval that match, one page of them, and how many in all. */
export async function listApprovalQueue(tx: Tx, scope: Scope, f: ApprovalQueueFilter) {
  const where: RawBuilder<unknown>[] = [awaitingApproval];
  if (f.disposition) where.push(sql`d.disposition = ${f.disposition}`);
  if (f.citizenship) where.push(sql`e.citizenship = ${f.citizenship}`);
  for (const need of f.needs) where.push(NEED_CONDITIONS[need]);
  const ranges = f.idRanges ?? [];
  if (ranges.length > 0) {
    const within = (column: RawBuilder<unknown>, r: IdRange) =>
      sql`${column} between ${r.lo}::uuid and ${r.hi}::uuid`;
    const matches = ranges.flatMap((r) =>
      r.kind === null
        ? [within(sql`d.id`, r), within(sql`d.encounter_id`, r)]
        : [within(sql`d.encounter_id`, r)],
    );
    where.push(sql`(${sql.join(matches, sql` or `)})`);
  }
  const from = sql`from border_decisions d
    join border_encounters e on e.tenant_id = d.tenant_id and e.id = d.encounter_id
    left join border_decision_approvals a on a.tenant_id = d.tenant_id and a.decision_id = d.id
    where d.tenant_id = ${scope.tenantId} and ${sql.join(where, sql` and `)}`;
  const counted = await sql<{ n: number }>`select count(*)::int as n ${from}`.execute(tx);
  const order = f.newestFirst ? sql`d.decided_at desc, d.id desc` : sql`d.decided_at, d.id`;
  const rows = await sql<QueueRow>`
    select d.id, d.encounter_id, d.disposition, d.to_country, d.authority, d.reason, d.needs_approval,
           d.supersedes, d.decided_by, d.decided_by_user, d.decided_at, false as superseded,
           a.approved, a.reason as approval_reason, a.approved_by, a.approved_at,
           e.occurred, e.citizenship, e.demographic, e.person_id
    ${from}
    order by ${order}
    limit ${f.limit} offset ${f.offset}`.execute(tx);
  return { rows: rows.rows, total: counted.rows[0]?.n ?? 0 };
}
