import type { Tx } from "../db/connect.ts";
import type { AuditBatchesTable } from "./audit.schema.ts";
import type { StoredEvent } from "./audit-verify-leaf.ts";

// SQL of `audit verify`: every read pages in order by its key, as the schema owner, so a log of any length is
// verified in bounded memory.

/** A batch row as the verifier walks it. */
export type Batch = Omit<AuditBatchesTable, "sequenced_at">;

/** A log position with its event, if the event is still there. */
export type LogRow = {
  log_index: number;
  log_seq: number;
  leaf_hash: string;
  batch_no: number;
} & Partial<StoredEvent>;

/** Tenants that have a log head or any audit event. */
export async function tenantsWithAuditRows(tx: Tx): Promise<string[]> {
  const rows = await tx
    .selectFrom("tenants as t")
    .select("t.id")
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom("audit_heads as h").select("h.tenant_id").whereRef("h.tenant_id", "=", "t.id"),
        ),
        eb.exists(eb.selectFrom("audit_events as e").select("e.seq").whereRef("e.tenant_id", "=", "t.id")),
      ]),
    )
    .orderBy("t.id")
    .execute();
  return rows.map((r) => r.id);
}

/** The tenant's head row as it stands, unlocked. */
export function headRow(tx: Tx, tenantId: string) {
  return tx
    .selectFrom("audit_heads")
    .select(["tree_size", "batch_no", "hash"])
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
}

/** One page of the tenant's batches after `after`, up to the head's last batch. */
export function batchesPage(
  tx: Tx,
  tenantId: string,
  after: number,
  lastBatch: number,
  limit: number,
): Promise<Batch[]> {
  return tx
    .selectFrom("audit_batches")
    .select(["tenant_id", "batch_no", "first_index", "last_index", "root", "prev_head", "head"])
    .where("tenant_id", "=", tenantId)
    .where("batch_no", ">", after)
    .where("batch_no", "<=", lastBatch)
    .orderBy("batch_no")
    .limit(limit)
    .execute();
}

/** One page of the tenant's log positions after `after`, up to the head's tree size, each with its event. */
export function logPage(
  tx: Tx,
  tenantId: string,
  after: number,
  treeSize: number,
  limit: number,
): Promise<LogRow[]> {
  return tx
    .selectFrom("audit_log as l")
    .leftJoin("audit_events as e", (j) =>
      j.onRef("e.tenant_id", "=", "l.tenant_id").onRef("e.seq", "=", "l.seq"),
    )
    .selectAll("e")
    .select(["l.log_index", "l.seq as log_seq", "l.leaf_hash", "l.batch_no"])
    .where("l.tenant_id", "=", tenantId)
    .where("l.log_index", ">", after)
    .where("l.log_index", "<=", treeSize)
    .orderBy("l.log_index")
    .limit(limit)
    .execute() as Promise<LogRow[]>;
}

/** One page of the tenant's events in no log position after `after`, with whether each is queued. */
export function unsequencedPage(tx: Tx, tenantId: string, after: number, limit: number) {
  return tx
    .selectFrom("audit_events as e")
    .leftJoin("audit_pending as p", (j) =>
      j.onRef("p.tenant_id", "=", "e.tenant_id").onRef("p.seq", "=", "e.seq"),
    )
    .selectAll("e")
    .select("p.seq as queued")
    .where("e.tenant_id", "=", tenantId)
    .where("e.seq", ">", after)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("audit_log as l")
            .select("l.seq")
            .whereRef("l.tenant_id", "=", "e.tenant_id")
            .whereRef("l.seq", "=", "e.seq"),
        ),
      ),
    )
    .orderBy("e.seq")
    .limit(limit)
    .execute();
}

/** Queue entries of the tenant whose event is gone. */
export function orphanedQueueEntries(tx: Tx, tenantId: string) {
  return tx
    .selectFrom("audit_pending as p")
    .select("p.seq")
    .where("p.tenant_id", "=", tenantId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("audit_events as e")
            .select("e.seq")
            .whereRef("e.tenant_id", "=", "p.tenant_id")
            .whereRef("e.seq", "=", "p.seq"),
        ),
      ),
    )
    .execute();
}
