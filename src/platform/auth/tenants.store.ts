import type { Selectable } from "kysely";
import type { Db, Tx } from "../db/connect.ts";
import type { TenantsTable } from "../db/schema.ts";

// SQL of `tenants`, the reference list every nation reads (no tenant owns it).

/** Every tenant, by name. */
export async function listTenants(db: Db): Promise<Selectable<TenantsTable>[]> {
  return db.selectFrom("tenants").selectAll().orderBy("name").execute();
}

/** The codes of the nation tenants (the secretariat aside), in order. */
export async function listNationIds(db: Db): Promise<string[]> {
  return (
    await db.selectFrom("tenants").select("id").where("kind", "=", "nation").orderBy("id").execute()
  ).map((r) => r.id);
}

/** The kind of a tenant, or undefined when there is no such tenant. */
export async function tenantKind(tx: Tx, id: string): Promise<Selectable<TenantsTable>["kind"] | undefined> {
  const row = await tx.selectFrom("tenants").select("kind").where("id", "=", id).executeTakeFirst();
  return row?.kind;
}

/** Whether a tenant of this code exists. */
export async function tenantExists(db: Db, id: string): Promise<boolean> {
  const known = await db.selectFrom("tenants").select("id").where("id", "=", id).executeTakeFirst();
  return known !== undefined;
}

/** Inserts a tenant of the reference list, or refreshes its name, kind and date of joining. */
export async function upsertTenant(
  tx: Tx,
  t: { id: string; name: string; kind: Selectable<TenantsTable>["kind"]; joinedOn: string | null },
): Promise<void> {
  await tx
    .insertInto("tenants")
    .values({ id: t.id, name: t.name, kind: t.kind, joined_on: t.joinedOn })
    .onConflict((oc) => oc.column("id").doUpdateSet({ name: t.name, kind: t.kind, joined_on: t.joinedOn }))
    .execute();
}
