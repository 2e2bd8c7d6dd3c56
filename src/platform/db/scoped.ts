import { sql } from "kysely";
import type { Scope } from "../auth/scope.ts";
import { AppError } from "../errors.ts";
import type { Db, Tx } from "./connect.ts";

/**
 * Runs `fn` in one transaction bound to the scope's tenant: row-level security then shows and accepts only
 * that tenant's rows, whatever the queries inside say.
 */
export async function inScope<T>(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (tx) => {
      await bindTenant(tx, scope.tenantId);
      return fn(tx);
    });
  } catch (error) {
    throw concurrencyConflict(error) ?? error;
  }
}

/** PostgreSQL's codes for a transaction aborted because another one got in its way (deadlock, serialization). */
const CONCURRENCY_FAILURES = new Set(["40P01", "40001"]);

/**
 * A transaction PostgreSQL aborted to break a deadlock or keep serializability left nothing behind: the caller
 * gets a 409 that says so and may try again, never a 500.
 */
export function concurrencyConflict(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !CONCURRENCY_FAILURES.has(code)) return undefined;
  return new AppError(
    "CONFLICT",
    "another change to the same records got in the way; nothing was kept, try again",
    {
      retry: true,
    },
  );
}

/** Sets the tenant of the current transaction for row-level security. */
export async function bindTenant(tx: Tx, tenantId: string): Promise<void> {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
}
