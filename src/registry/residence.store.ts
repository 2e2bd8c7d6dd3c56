import { sql } from "kysely";
import "./registry.schema.ts";
import type { Tx } from "../platform/db/connect.ts";

// SQL for answering partners' prior-residence questions from the registry, and for the migration that gave
// every stored person the name-and-birth-date encoding those questions are compared with.

/**
 * Every active person's name-and-birth-date encoding in the bound tenant that the asking nation may be answered
 * about: people shielded from the asker are left out in this same statement, as `encodingsOf` does.
 */
export function nameDobEncodingsOf(tx: Tx, tenantId: string, asker: string) {
  return tx
    .selectFrom("registry_people")
    .select(["id", "name_dob_clk"])
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "active")
    .where("name_dob_clk", "is not", null)
    .where(sql<boolean>`not (${asker} = any(shielded_from))`)
    .execute();
}

/** The next people (every tenant, in key order after `after`) stored without a name-and-birth-date encoding. */
export function peopleWithoutNameDobEncoding(
  tx: Tx,
  after: { tenantId: string; id: string } | null,
  limit: number,
) {
  let query = tx
    .selectFrom("registry_people")
    .select(["tenant_id", "id", "given_names_enc", "surnames_enc", "birth_date_enc"])
    .where("name_dob_clk", "is", null)
    .where("status", "!=", "erased")
    .where("birth_date_enc", "is not", null);
  if (after) query = query.where(sql<boolean>`(tenant_id, id) > (${after.tenantId}, ${after.id}::uuid)`);
  return query.orderBy("tenant_id").orderBy("id").limit(limit).execute();
}

/** Stores one person's name-and-birth-date encoding. */
export async function setNameDobEncoding(
  tx: Tx,
  tenantId: string,
  id: string,
  encoding: Uint8Array,
): Promise<void> {
  await tx
    .updateTable("registry_people")
    .set({ name_dob_clk: encoding })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}
