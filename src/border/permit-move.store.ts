import { sql } from "kysely";
import type { Tx } from "../platform/db/connect.ts";

// SQL of migration 0006's data step: reading the border's residence permits (every nation, as the migration's
// owner) before the table goes. The table is no longer in the schema types, so the statements are raw.

/** A stored residence permit, its personal values still encrypted. */
export interface StoredPermit {
  tenant_id: string;
  id: string;
  permit_type: string;
  valid_from: string;
  valid_to: string | null;
  given_names_enc: string;
  family_names_enc: string;
  birth_date_enc: string;
}

/** Every stored permit of every nation, in key order (none when the table is gone already). */
export async function allStoredPermits(tx: Tx): Promise<StoredPermit[]> {
  const exists = await sql<{ found: string | null }>`
    select to_regclass('border_residence_permits')::text as found`.execute(tx);
  if (!exists.rows[0]?.found) return [];
  const rows = await sql<StoredPermit>`
    select tenant_id, id::text as id, permit_type, valid_from::text as valid_from,
           valid_to::text as valid_to, given_names_enc, family_names_enc, birth_date_enc
      from border_residence_permits order by tenant_id, id`.execute(tx);
  return rows.rows;
}

/** Drops the border's permit list once its rows live in the registry. */
export async function dropStoredPermits(tx: Tx): Promise<void> {
  await sql`drop table if exists border_residence_permits`.execute(tx);
}
