import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { statementBatches } from "../platform/db/statement-batches.ts";
import { nextTurn } from "../platform/next-turn.ts";
import type { RollupCell } from "./engine/flow-rollups.ts";
import { periodToDate } from "./flows.store.ts";

/** Stores a file's rollup cells under its release, in the caller's (import) transaction. */
export async function insertRollups(
  tx: Tx,
  scope: Scope,
  release: { id: string; published: boolean },
  cells: readonly RollupCell[],
): Promise<void> {
  for (const chunk of statementBatches(cells, 9)) {
    await nextTurn();
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
