import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { RollupCell } from "./flow-rollups.ts";
import { periodToDate } from "./flows.store.ts";

/** Rows per insert statement: 9 parameters each, well under the protocol's 65,535. */
const rollupChunk = 1000;

/** Stores a file's rollup cells under its release, in the caller's (import) transaction. */
export async function insertRollups(
  tx: Tx,
  scope: Scope,
  release: { id: string; published: boolean },
  cells: readonly RollupCell[],
): Promise<void> {
  for (let start = 0; start < cells.length; start += rollupChunk) {
    const chunk = cells.slice(start, start + rollupChunk);
    await tx
      .insertInto("flow_rollups")
      .values(
        chunk.map((c) => ({
          tenant_id: scope.tenantId,
          release_id: release.id,
          published: release.published,
          dims: c.dims,
          measure: c.measure,
          period: periodToDate(c.period),
          keys1: c.keys1,
          keys2: c.keys2,
          vals: c.values,
        })),
      )
      .execute();
  }
}
