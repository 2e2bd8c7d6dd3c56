import type { Database } from "../db/connect.ts";
import { bindTenant } from "../db/scoped.ts";
import { type Office, upsertOffices } from "./offices.store.ts";

/**
 * Nations whose demo data names an office: the demo users' nations (registrars and caseworkers belong to
 * `<NATION>-01`), the registry's demo people (`-01` and `-02`) and the pathways demo's appointment days (`-01`).
 */
export const DEMO_OFFICE_NATIONS = ["USA", "MEX", "COL", "GTM", "HTI", "BRA", "CAN"];

/** The demo offices of a nation: two, numbered as the demo data refers to them. */
export function demoOfficesOf(nation: string): Office[] {
  return ["01", "02"].map((n) => ({ id: `${nation}-${n}`, name: `${nation} demo office ${n}` }));
}

/** Creates the demo offices of every demo nation (idempotent); demo mode and the test database template call it. */
export async function seedDemoOffices(database: Database): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    for (const nation of DEMO_OFFICE_NATIONS) {
      await bindTenant(tx, nation);
      await upsertOffices(tx, nation, demoOfficesOf(nation));
    }
  });
}
