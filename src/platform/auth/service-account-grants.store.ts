import type { Tx } from "../db/connect.ts";
import type { Role } from "./auth.contract.ts";
import "./auth.schema.ts";
import type { Scope } from "./scope.ts";

// SQL of `service_account_grants`: a role's personal-data permissions granted explicitly to a service
// account, with who granted it and why. (They are read with the account, in accounts.store.ts.)

/** Records a grant of `role` to a service account of the scope's nation, by the scope's actor. */
export async function insertGrant(
  tx: Tx,
  scope: Scope,
  values: { userId: string; role: Role; reason: string },
): Promise<void> {
  await tx
    .insertInto("service_account_grants")
    .values({
      tenant_id: scope.tenantId,
      user_id: values.userId,
      role: values.role,
      reason: values.reason,
      granted_by: scope.userId,
      granted_by_label: scope.actorLabel,
    })
    .execute();
}

/** Removes the grant of `role` from a service account of the scope's nation; false when there was none. */
export async function deleteGrant(tx: Tx, scope: Scope, userId: string, role: Role): Promise<boolean> {
  const removed = await tx
    .deleteFrom("service_account_grants")
    .where("tenant_id", "=", scope.tenantId)
    .where("user_id", "=", userId)
    .where("role", "=", role)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}
