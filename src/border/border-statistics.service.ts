import type { Scope } from "../platform/auth/scope.ts";
import type { Db } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { monthlyCounts } from "./border.store.ts";
import { dispositionCounts, thirdCountryReturnCounts } from "./decisions.store.ts";
import { toCbpRows } from "./engine/cbp-layout.ts";

// The border's figures: decisions and returns in effect, and the monthly encounters in the CBP layout. Counts
// only: no personal field and no audited read.

/** What the figures read: the database. */
export interface BorderStatisticsDeps {
  db: Db;
}

/** Decisions in effect by month, authority, citizenship and disposition. */
export async function countDispositions(deps: BorderStatisticsDeps, scope: Scope) {
  return inScope(deps.db, scope, async (tx) => ({
    rows: (await dispositionCounts(tx, scope)).map((r) => ({ ...r, count: Number(r.n) })),
  }));
}

/** Third-country returns in effect by month and receiving nation. */
export async function countThirdCountryReturns(deps: BorderStatisticsDeps, scope: Scope) {
  return inScope(deps.db, scope, async (tx) => ({
    rows: (await thirdCountryReturnCounts(tx, scope)).map((r) => ({
      month: r.month,
      to: r.to_country,
      count: Number(r.n),
    })),
  }));
}

/** The nation's own monthly encounters in the CBP area-of-responsibility layout. */
export async function listCbpMonthly(
  deps: BorderStatisticsDeps,
  scope: Scope,
  range: { from?: string | undefined; to?: string | undefined } = {},
) {
  return inScope(deps.db, scope, async (tx) => toCbpRows(await monthlyCounts(tx, scope, range)));
}
