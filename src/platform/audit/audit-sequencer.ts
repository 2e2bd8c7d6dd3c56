import { sql } from "kysely";
import type { Database, Tx } from "../db/connect.ts";
import { batchHeadHash, GENESIS_HASH, merkleRoot } from "./audit-hash.ts";
import "./audit.schema.ts";

/** The most leaves one batch takes; a longer queue is integrated in several batches. */
export const MAX_BATCH = 2000;

export interface SequenceOptions {
  /** Wait for a tenant another sequencer holds (audit verify) instead of skipping it. */
  wait?: boolean;
  /** Leaves per batch; MAX_BATCH unless a test wants small batches. */
  maxBatch?: number;
}

interface Head {
  tree_size: number;
  batch_no: number;
  hash: string;
}

/**
 * Locks the tenant's head row, creating it on first use. With `wait` false, answers undefined when another
 * sequencer (in this process or another) holds the lock, instead of waiting for it.
 */
async function lockHead(tx: Tx, tenantId: string, wait: boolean): Promise<Head | undefined> {
  const select = async () => {
    const q = tx
      .selectFrom("audit_heads")
      .select(["tree_size", "batch_no", "hash"])
      .where("tenant_id", "=", tenantId)
      .forUpdate();
    const row = await (wait ? q : q.skipLocked()).executeTakeFirst();
    return row && { tree_size: Number(row.tree_size), batch_no: Number(row.batch_no), hash: row.hash };
  };
  const head = await select();
  if (head) return head;
  const exists = await tx
    .selectFrom("audit_heads")
    .select("tenant_id")
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  if (exists) return undefined;
  // Two sequencers may both find no head: the second insert waits for the first to commit, then does nothing,
  // and the select below reads the head as that first sequencer left it.
  await tx
    .insertInto("audit_heads")
    .values({ tenant_id: tenantId, tree_size: 0, batch_no: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
  return select();
}

/**
 * Integrates up to MAX_BATCH committed, pending leaves of one tenant as one batch: gives them the next log
 * positions, records the Merkle root of their leaf hashes and a head chained to the previous one. Returns how
 * many leaves it integrated (0 when none were pending or another sequencer holds the tenant).
 */
export async function sequenceBatch(
  database: Database,
  tenantId: string,
  options: SequenceOptions = {},
): Promise<number> {
  const maxBatch = options.maxBatch ?? MAX_BATCH;
  return database.asOwner(async (tx) => {
    const head = await lockHead(tx, tenantId, options.wait ?? false);
    if (!head) return 0;
    const leaves = await tx
      .selectFrom("audit_pending as p")
      .innerJoin("audit_events as e", (j) =>
        j.onRef("e.tenant_id", "=", "p.tenant_id").onRef("e.seq", "=", "p.seq"),
      )
      .select(["p.seq", "e.hash"])
      .where("p.tenant_id", "=", tenantId)
      .orderBy("p.seq")
      .limit(maxBatch)
      .execute();
    if (leaves.length === 0) return 0;
    const batchNo = head.batch_no + 1;
    const firstIndex = head.tree_size + 1;
    const lastIndex = head.tree_size + leaves.length;
    const root = merkleRoot(leaves.map((l) => l.hash));
    const headHash = batchHeadHash({ tenantId, batchNo, firstIndex, lastIndex, root, prevHead: head.hash });
    const seqs = leaves.map((l) => Number(l.seq));
    await tx
      .insertInto("audit_log")
      .values(
        leaves.map((l, i) => ({
          tenant_id: tenantId,
          log_index: firstIndex + i,
          seq: Number(l.seq),
          leaf_hash: l.hash,
          batch_no: batchNo,
        })),
      )
      .execute();
    await tx
      .insertInto("audit_batches")
      .values({
        tenant_id: tenantId,
        batch_no: batchNo,
        first_index: firstIndex,
        last_index: lastIndex,
        root,
        prev_head: head.hash,
        head: headHash,
      })
      .execute();
    await tx
      .updateTable("audit_heads")
      .set({ tree_size: lastIndex, batch_no: batchNo, hash: headHash })
      .where("tenant_id", "=", tenantId)
      .execute();
    await tx.deleteFrom("audit_pending").where("tenant_id", "=", tenantId).where("seq", "in", seqs).execute();
    return leaves.length;
  });
}

/** The tenants with leaves waiting to be sequenced. */
async function tenantsWithPending(database: Database): Promise<string[]> {
  const rows = await database.asOwner((tx) =>
    sql<{ tenant_id: string }>`select distinct tenant_id from audit_pending order by tenant_id`.execute(tx),
  );
  return rows.rows.map((r) => r.tenant_id);
}

/**
 * Integrates every leaf committed before the call, tenant by tenant, batch by batch. With `wait`, waits for a
 * tenant another sequencer holds (audit verify); otherwise skips it (that sequencer is doing the work).
 */
export async function integratePending(database: Database, options: SequenceOptions = {}): Promise<number> {
  const maxBatch = options.maxBatch ?? MAX_BATCH;
  let total = 0;
  for (const tenantId of await tenantsWithPending(database)) {
    for (;;) {
      const n = await sequenceBatch(database, tenantId, { ...options, maxBatch });
      total += n;
      if (n < maxBatch) break;
    }
  }
  return total;
}

/** A sequencer running in the background of a server process. */
export interface RunningSequencer {
  /** Stops after the batch in progress, if any, has committed. */
  stop(): Promise<void>;
}

/**
 * Runs `integratePending` every `intervalMs` until stopped. Several processes may each run one: the head row
 * lock lets one sequencer at a time integrate a tenant, and the others skip it.
 */
export function startAuditSequencer(
  database: Database,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): RunningSequencer {
  const interval = options.intervalMs ?? 200;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = integratePending(database)
      .then(
        () => undefined,
        (error: unknown) => {
          if (!stopped) options.onError?.(error);
        },
      )
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, interval);
        // The server's listening socket keeps the process alive; a forgotten sequencer must not.
        timer.unref();
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
