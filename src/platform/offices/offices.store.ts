import type { Scope } from "../auth/scope.ts";
import type { Tx } from "../db/connect.ts";

// The offices of each nation (the `offices` table of the platform migration). Every query takes the scope first.

/** An office of a nation. */
export interface Office {
  id: string;
  name: string;
}

/** The offices of the scope's nation, by id. */
export function listOffices(tx: Tx, scope: Pick<Scope, "tenantId">): Promise<Office[]> {
  return tx
    .selectFrom("offices")
    .select(["id", "name"])
    .where("tenant_id", "=", scope.tenantId)
    .orderBy("id")
    .execute();
}

/** Whether the scope's nation has an office with this id. */
export async function officeExists(tx: Tx, scope: Pick<Scope, "tenantId">, id: string): Promise<boolean> {
  const row = await tx
    .selectFrom("offices")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds offices to a nation; an office already there keeps its id and takes the new name. */
export async function upsertOffices(tx: Tx, tenantId: string, offices: Office[]): Promise<void> {
  if (offices.length === 0) return;
  await tx
    .insertInto("offices")
    .values(offices.map((o) => ({ tenant_id: tenantId, id: o.id, name: o.name })))
    .onConflict((oc) =>
      oc.columns(["tenant_id", "id"]).doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })),
    )
    .execute();
}
