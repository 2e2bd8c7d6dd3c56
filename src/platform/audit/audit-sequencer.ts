import type { Database, Tx } from "../db/connect.ts";
import { batchHeadHash, GENESIS_HASH, merkleRoot } from "./audit-hash.ts";
import {
  type Head,
  headExists,
  insertFirstHead,
  pendingLeaves,
  pendingTenants,
  selectHeadForUpdate,
  writeBatch,
} from "./audit-sequencer.store.ts";

/** The most leaves one batch takes; a longer queue is integrated in several batches. */
export const MAX_BATCH = 2000;

export interface SequenceOptions {
  /** Wait for a tenant another sequencer holds (audit verify) instead of skipping it. */
  wait?: boolean;
  /** Leaves per batch; MAX_BATCH unless a test wants small batches. */
  maxBatch?: number;
}

/**
 * Locks the tenant's head row, creating it on first use. With `wait` false, answers undefined when another
 * sequencer (in this process or another) holds the lock, instead of waiting for it.
 */
async function lockHead(tx: Tx, tenantId: string, wait: boolean): Promise<Head | undefined> {
  const head = await selectHeadForUpdate(tx, tenantId, wait);
  if (head) return head;
  if (await headExists(tx, tenantId)) return undefined;
  // Two sequencers may both find no head: the second insert waits for the first to commit, then does nothing,
  // and the select below reads the head as that first sequencer left it.
  await insertFirstHead(tx, tenantId, GENESIS_HASH);
  return selectHeadForUpdate(tx, tenantId, wait);
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
    const leaves = await pendingLeaves(tx, tenantId, maxBatch);
    if (leaves.length === 0) return 0;
    const batchNo = head.batch_no + 1;
    const firstIndex = head.tree_size + 1;
    const lastIndex = head.tree_size + leaves.length;
    const root = merkleRoot(leaves.map((l) => l.hash));
    const headHash = batchHeadHash({ tenantId, batchNo, firstIndex, lastIndex, root, prevHead: head.hash });
    await writeBatch(tx, {
      tenantId,
      batchNo,
      firstIndex,
      lastIndex,
      root,
      prevHead: head.hash,
      head: headHash,
      leaves: leaves.map((l) => ({ seq: Number(l.seq), hash: l.hash })),
    });
    return leaves.length;
  });
}

/** The tenants with leaves waiting to be sequenced. */
async function tenantsWithPending(database: Database): Promise<string[]> {
  return database.asOwner((tx) => pendingTenants(tx));
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
