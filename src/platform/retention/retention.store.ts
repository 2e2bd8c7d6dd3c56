import type { Selectable } from "kysely";
import type { Scope } from "../auth/scope.ts";
import type { Tx } from "../db/connect.ts";
import type { RetentionPeriodsTable } from "./retention.schema.ts";
import "./retention.schema.ts";

// SQL of the retention periods: one row per nation and record kind that has a period.

/** The scope's nation's periods. */
export function listPeriods(tx: Tx, scope: Scope): Promise<Selectable<RetentionPeriodsTable>[]> {
  return tx
    .selectFrom("retention_periods")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .orderBy("record_kind")
    .execute();
}

/** One kind's period in the scope's nation, locked for a change. */
export function periodForUpdate(tx: Tx, scope: Scope, kind: string) {
  return tx
    .selectFrom("retention_periods")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("record_kind", "=", kind)
    .forUpdate()
    .executeTakeFirst();
}

/** Sets one kind's period in the scope's nation. */
export async function upsertPeriod(tx: Tx, scope: Scope, kind: string, days: number): Promise<void> {
  await tx
    .insertInto("retention_periods")
    .values({ tenant_id: scope.tenantId, record_kind: kind, days, set_by: scope.actorLabel })
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "record_kind"])
        .doUpdateSet({ days, set_by: scope.actorLabel, updated_at: new Date() }),
    )
    .execute();
}

/** Removes one kind's period: its records are kept again. */
export async function deletePeriod(tx: Tx, scope: Scope, kind: string): Promise<void> {
  await tx
    .deleteFrom("retention_periods")
    .where("tenant_id", "=", scope.tenantId)
    .where("record_kind", "=", kind)
    .execute();
}
