import { sql } from "kysely";
import type { Scope } from "../auth/scope.ts";
import type { Db, Tx } from "./connect.ts";

/**
 * Runs `fn` in one transaction bound to the scope's tenant: row-level security then shows and accepts only
 * that tenant's rows, whatever the queries inside say.
 */
export function inScope<T>(db: Db, scope: Pick<Scope, "tenantId">, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await bindTenant(tx, scope.tenantId);
    return fn(tx);
  });
}

/** Sets the tenant of the current transaction for row-level security. */
export async function bindTenant(tx: Tx, tenantId: string): Promise<void> {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
}
