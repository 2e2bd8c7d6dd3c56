import { randomUUID } from "node:crypto";
import type { Database } from "../db/connect.ts";
import { DataCategory, SharingPurpose } from "./agreements.contract.ts";

const ALL_CATEGORIES = DataCategory.options.filter((c) => c !== "aggregate_counts");

/**
 * Test fixture: an accepted agreement in force between every two nations, for every purpose but statistics,
 * with every category, as if each pair had signed one. Tests of the refusals end or suspend one through the API.
 */
export async function openAgreementsAmongAllNations(database: Database): Promise<void> {
  await database.asOwner(async (tx) => {
    const nations = (
      await tx.selectFrom("tenants").select("id").where("kind", "=", "nation").orderBy("id").execute()
    ).map((r) => r.id);
    const purposes = SharingPurpose.options.filter((p) => p !== "statistics");
    const categories = JSON.stringify(Object.fromEntries(purposes.map((p) => [p, ALL_CATEGORIES])));
    const rows = nations.flatMap((a, i) =>
      nations.slice(i + 1).flatMap((b) => {
        const common = {
          id: randomUUID(),
          proposed_by: a,
          purposes,
          categories,
          instrument_title: "Test agreement",
          instrument_reference: `TEST-${a}-${b}`,
          instrument_date: "2020-01-01",
          valid_from: "2020-01-01",
          valid_until: null,
          status: "accepted" as const,
          created_by: "test",
          decided_by: "test",
          decided_by_tenant: b,
        };
        return [
          { ...common, tenant_id: a, partner_tenant: b },
          { ...common, tenant_id: b, partner_tenant: a },
        ];
      }),
    );
    await tx.insertInto("data_sharing_agreements").values(rows).execute();
  });
}
