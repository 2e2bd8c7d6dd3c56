import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { SealedPerson } from "./person-seal.codec.ts";
import type { RegistryErasuresTable } from "./registry.schema.ts";

// SQL of erasure: what a person's erasure clears in every registry table, in the scope's nation only.

/** The person and every record merged into them (the same human), locked for the erasure. */
export async function erasableIds(tx: Tx, scope: Scope, id: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("registry_people")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("status", "!=", "erased")
    .where((eb) => eb.or([eb("id", "=", id), eb("merged_into", "=", id)]))
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Clears everything personal the registry holds about these people and leaves tombstones: the people rows keep
 * their ids (cases and referrals name them) with empty sealed values and no blind index, encoding or shield;
 * earlier versions, family links, consents and duplicate reviews go; case notes go and cases keep only their
 * type and status; referral reasons are replaced and shared details removed. Returns how many rows it cleared.
 */
export async function erasePeople(
  tx: Tx,
  scope: Scope,
  ids: string[],
  blank: Pick<SealedPerson, "given_names_enc" | "surnames_enc" | "details_enc">,
  erasedReferralReason: string,
): Promise<number> {
  const tenant = scope.tenantId;
  let cleared = 0;
  const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }[]) => {
    for (const x of r) cleared += Number(x.numDeletedRows ?? x.numUpdatedRows ?? 0);
  };
  count(
    await tx
      .deleteFrom("registry_person_versions")
      .where("tenant_id", "=", tenant)
      .where("person_id", "in", ids)
      .execute(),
  );
  count(
    await tx
      .deleteFrom("registry_family_links")
      .where("tenant_id", "=", tenant)
      .where((eb) => eb.or([eb("person_id", "in", ids), eb("related_id", "in", ids)]))
      .execute(),
  );
  count(
    await tx
      .deleteFrom("registry_consents")
      .where("tenant_id", "=", tenant)
      .where("person_id", "in", ids)
      .execute(),
  );
  count(
    await tx
      .deleteFrom("registry_duplicate_reviews")
      .where("tenant_id", "=", tenant)
      .where((eb) => eb.or([eb("person_a", "in", ids), eb("person_b", "in", ids)]))
      .execute(),
  );
  count(
    await tx
      .deleteFrom("registry_case_notes")
      .where("tenant_id", "=", tenant)
      .where("case_id", "in", (eb) =>
        eb
          .selectFrom("registry_cases")
          .select("id")
          .where("tenant_id", "=", tenant)
          .where("person_id", "in", ids),
      )
      .execute(),
  );
  count(
    await tx
      .updateTable("registry_referrals")
      .set({ reason_enc: erasedReferralReason, status_reason_enc: null, shared_enc: null })
      .where("tenant_id", "=", tenant)
      .where("person_id", "in", ids)
      .execute(),
  );
  count(
    await tx
      .updateTable("registry_people")
      .set({
        ...blank,
        external_key: null,
        external_id_enc: null,
        sex_enc: null,
        birth_date_enc: null,
        terms: [],
        filter_terms: [],
        clk: null,
        name_dob_clk: null,
        shielded_from: [],
        status: "erased",
        merged_into: null,
        updated_at: sql<Date>`now()`,
      })
      .where("tenant_id", "=", tenant)
      .where("id", "in", ids)
      .execute(),
  );
  return cleared;
}

/** Records an erasure (the reason already encrypted). */
export async function insertErasure(tx: Tx, values: Insertable<RegistryErasuresTable>): Promise<void> {
  await tx.insertInto("registry_erasures").values(values).execute();
}
