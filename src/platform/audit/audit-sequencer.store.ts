import { sql } from "kysely";
import type { Tx } from "../db/connect.ts";
import "./audit.schema.ts";

// SQL of the sequencer: a tenant's head row, its pending leaves, and one batch written under its Merkle root.
// Every statement runs as the schema owner, in the sequencer's transaction.

/** A tenant's log head: how many leaves it holds, the last batch, and the head hash chaining the batches. */
export interface Head {
  tree_size: number;
  batch_no: number;
  hash: string;
}

/** The tenant's head row locked for update; with `wait` false, undefined when another transaction holds it. */
export async function selectHeadForUpdate(
  tx: Tx,
  tenantId: string,
  wait: boolean,
): Promise<Head | undefined> {
  const q = tx
    .selectFrom("audit_heads")
    .select(["tree_size", "batch_no", "hash"])
    .where("tenant_id", "=", tenantId)
    .forUpdate();
  const row = await (wait ? q : q.skipLocked()).executeTakeFirst();
  return row && { tree_size: Number(row.tree_size), batch_no: Number(row.batch_no), hash: row.hash };
}

/** Whether the tenant has a head row at all (locked or not). */
export async function headExists(tx: Tx, tenantId: string): Promise<boolean> {
  const row = await tx
    .selectFrom("audit_heads")
    .select("tenant_id")
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Creates the tenant's first head; a head created meanwhile by another sequencer stays as it is. */
export async function insertFirstHead(tx: Tx, tenantId: string, genesis: string): Promise<void> {
  await tx
    .insertInto("audit_heads")
    .values({ tenant_id: tenantId, tree_size: 0, batch_no: 0, hash: genesis })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
}

/** Up to `limit` of the tenant's pending leaves, oldest first, with their leaf hashes. */
export function pendingLeaves(tx: Tx, tenantId: string, limit: number) {
  return tx
    .selectFrom("audit_pending as p")
    .innerJoin("audit_events as e", (j) =>
      j.onRef("e.tenant_id", "=", "p.tenant_id").onRef("e.seq", "=", "p.seq"),
    )
    .select(["p.seq", "e.hash"])
    .where("p.tenant_id", "=", tenantId)
    .orderBy("p.seq")
    .limit(limit)
    .execute();
}

/** One batch as the sequencer computed it. */
export interface BatchWrite {
  tenantId: string;
  batchNo: number;
  firstIndex: number;
  lastIndex: number;
  root: string;
  prevHead: string;
  head: string;
  leaves: { seq: number; hash: string }[];
}

/** Writes a batch: its leaves' log positions, the batch row, the new head; then takes the leaves off the queue. */
export async function writeBatch(tx: Tx, batch: BatchWrite): Promise<void> {
  const { tenantId } = batch;
  await tx
    .insertInto("audit_log")
    .values(
      batch.leaves.map((l, i) => ({
        tenant_id: tenantId,
        log_index: batch.firstIndex + i,
        seq: l.seq,
        leaf_hash: l.hash,
        batch_no: batch.batchNo,
      })),
    )
    .execute();
  await tx
    .insertInto("audit_batches")
    .values({
      tenant_id: tenantId,
      batch_no: batch.batchNo,
      first_index: batch.firstIndex,
      last_index: batch.lastIndex,
      root: batch.root,
      prev_head: batch.prevHead,
      head: batch.head,
    })
    .execute();
  await tx
    .updateTable("audit_heads")
    .set({ tree_size: batch.lastIndex, batch_no: batch.batchNo, hash: batch.head })
    .where("tenant_id", "=", tenantId)
    .execute();
  const seqs = batch.leaves.map((l) => l.seq);
  await tx.deleteFrom("audit_pending").where("tenant_id", "=", tenantId).where("seq", "in", seqs).execute();
}

/** The tenants with leaves waiting to be sequenced. */
export async function pendingTenants(tx: Tx): Promise<string[]> {
  const rows = await sql<{
    tenant_id: string;
  }>`select distinct tenant_id from audit_pending order by tenant_id`.execute(tx);
  return rows.rows.map((r) => r.tenant_id);
}
