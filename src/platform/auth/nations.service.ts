import type { Database } from "../db/connect.ts";
import type { Nation } from "./auth.contract.ts";
import { listTenants, tenantExists } from "./tenants.store.ts";

/** The partner nations and the secretariat, as every signed-in caller may read them. */
export function createNationsService(database: Database) {
  const { db } = database;
  return {
    /** Every tenant, by name. */
    async listNations(): Promise<Nation[]> {
      const rows = await listTenants(db);
      return rows.map((r) => ({ code: r.id, name: r.name, kind: r.kind, joinedOn: r.joined_on }));
    },

    /** Whether a tenant (a nation or the secretariat) has this code. */
    async isTenant(code: string): Promise<boolean> {
      return tenantExists(db, code);
    },
  };
}

export type NationsService = ReturnType<typeof createNationsService>;
