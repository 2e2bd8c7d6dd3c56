import type { Selectable } from "kysely";
import type { Db } from "../db/connect.ts";
import type { TenantsTable } from "../db/schema.ts";

// SQL of `tenants`, the reference list every nation reads (no tenant owns it).

/** Every tenant, by name. */
export async function listTenants(db: Db): Promise<Selectable<TenantsTable>[]> {
  return db.selectFrom("tenants").selectAll().orderBy("name").execute();
}
