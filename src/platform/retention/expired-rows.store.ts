import { type RawBuilder, sql } from "kysely";
import type { Tx } from "../db/connect.ts";

/**
 * The two reads every retention sweeper makes of its own table: how many rows have expired, and one page of
 * their ids at a time. `condition` is the sweeper's own test of expiry, written against the table's `alias`.
 */
export interface ExpiredRows {
  table: "pathway_applications" | "registry_people";
  alias: string;
  condition: RawBuilder<unknown>;
}

/** How many rows meet the expiry condition. */
export async function countExpiredRows(tx: Tx, rows: ExpiredRows): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n
    from ${sql.table(rows.table)} ${sql.raw(rows.alias)} where ${rows.condition}`.execute(tx);
  return Number(result.rows[0]?.n ?? 0);
}

/** Up to `limit` ids of expired rows after `after`, in id order: one page of a sweep. */
export async function expiredRowIds(
  tx: Tx,
  rows: ExpiredRows,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const id = sql.ref(`${rows.alias}.id`);
  const result = await sql<{ id: string }>`select ${id} as id
    from ${sql.table(rows.table)} ${sql.raw(rows.alias)}
    where ${rows.condition} and (${after}::uuid is null or ${id} > ${after}::uuid)
    order by ${id} limit ${limit}`.execute(tx);
  return result.rows.map((r) => r.id);
}
