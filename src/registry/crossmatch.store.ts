import { linkEncodings } from "../identity/index.ts";
import type { Tx } from "../platform/db/connect.ts";
import { bindTenant } from "../platform/db/scoped.ts";
import { encodingsOf } from "./registry.store.ts";

/** Dice similarity from which a partner's encoding counts as a likely match of the asked person. */
export const CROSS_LIKELY = 0.8;

/** The partner nations: every nation tenant but the asking one (the secretariat holds no people). */
export async function partnersOf(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("tenants")
    .select("id")
    .where("kind", "=", "nation")
    .where("id", "!=", tenantId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** The holder's best likely match for an encoding, looked up with the transaction bound to the holder. */
export async function likelyMatchIn(tx: Tx, holder: string, clk: Uint8Array): Promise<string | null> {
  await bindTenant(tx, holder);
  const records = (await encodingsOf(tx, holder)).flatMap((r) =>
    r.clk ? [{ id: r.id, clk: new Uint8Array(r.clk) }] : [],
  );
  if (records.length === 0) return null;
  const rows = linkEncodings([{ id: "asked", clk }], records, {
    likely: CROSS_LIKELY,
    possible: CROSS_LIKELY,
  });
  return rows.find((r) => r.band === "likely")?.rightId ?? null;
}
