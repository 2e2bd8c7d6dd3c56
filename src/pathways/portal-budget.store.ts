import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import "./pathways.schema.ts";

// A nation's portal budget as a token bucket in one row: `burst` applications at most at once, refilled at
// `perSecond`. The database's clock and the row's lock make it one budget for every server process.

/** How a nation's applications are budgeted. */
export interface BudgetRate {
  burst: number;
  perSecond: number;
}

/**
 * Takes one application from the scope's nation's budget, in the caller's transaction (so a refused or failed
 * application takes nothing); 0 when taken, otherwise the whole seconds until one will be there.
 */
export async function takeFromBudget(tx: Tx, scope: Scope, rate: BudgetRate): Promise<number> {
  // The level now: what was left plus what the time since refilled, never above the burst.
  const level = sql<number>`least(${rate.burst}::float8, b.tokens
    + greatest(0, extract(epoch from statement_timestamp() - b.refilled_at)) * ${rate.perSecond}::float8)`;
  const taken = await sql<{ tokens: number }>`
    insert into pathway_portal_budgets as b (tenant_id, tokens, refilled_at)
    values (${scope.tenantId}, ${rate.burst - 1}::float8, statement_timestamp())
    on conflict (tenant_id) do update
      set tokens = ${level} - 1, refilled_at = greatest(b.refilled_at, statement_timestamp())
      where ${level} >= 1
    returning tokens`.execute(tx);
  if (taken.rows.length > 0) return 0;
  // Not taken: the conflicting row is locked by now, so this reads the level the refusal saw.
  const row = await sql<{ level: number }>`
    select ${level} as level from pathway_portal_budgets b where b.tenant_id = ${scope.tenantId}`.execute(tx);
  const missing = 1 - Number(row.rows[0]?.level ?? 0);
  return Math.max(1, Math.ceil(missing / rate.perSecond));
}
