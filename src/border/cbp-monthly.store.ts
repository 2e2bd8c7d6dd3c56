import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { monthlyCounts } from "./border.store.ts";
import type { CbpMonthlyRow } from "./border-records.contract.ts";
import { toCbpRows } from "./engine/cbp-layout.ts";

/**
 * A nation's own monthly encounters as CBP area-of-responsibility rows, read inside the caller's transaction
 * (bound to the scope's tenant), for the flows capability to show beside the official statistics.
 */
export async function borderCbpMonthlyRows(
  tx: Tx,
  scope: Scope,
  range: { from?: string; to?: string } = {},
): Promise<CbpMonthlyRow[]> {
  return toCbpRows(await monthlyCounts(tx, scope, range));
}
