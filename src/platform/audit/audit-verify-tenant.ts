import type { Database } from "../db/connect.ts";
import type { AuditProblemCode } from "./audit.contract.ts";
import { batchHeadHash, GENESIS_HASH, merkleRoot } from "./audit-hash.ts";
import { type AuditProblem, problem, problemText } from "./audit-problems.ts";
import { type Batch, batchesPage, type LogRow, logPage } from "./audit-verify.store.ts";
import { chainedProblem, leafProblem, type StoredEvent } from "./audit-verify-leaf.ts";

/** One broken link: where (event number, log position, batch, whichever are known) and why. */
export interface BrokenLink {
  seq: number | null;
  logIndex: number | null;
  batch: number | null;
  /** In English; `code` and `params` say the same for the web to word. */
  reason: string;
  code: AuditProblemCode;
  params: Record<string, string | number>;
  /** The event has no log position yet. */
  pending: boolean;
}

/** A broken link at a place, from the problem found there. */
export function brokenLink(
  place: { seq: number | null; logIndex: number | null; batch: number | null },
  found: AuditProblem,
  pending = false,
): BrokenLink {
  const reason = problemText(found);
  return { ...place, reason: pending ? `pending: ${reason}` : reason, ...found, pending };
}

/** A tenant's head as read when verification started; what was sequenced after it is left for next time. */
export interface HeadSnapshot {
  treeSize: number;
  batchNo: number;
  hash: string;
}

const PAGE = 5000;

/** Reads rows page by page in key order; `load(after)` returns the page after the key `after`. */
class Cursor<T> {
  private rows: T[] = [];
  private at = 0;
  private done = false;
  constructor(
    private readonly load: (after: number) => Promise<T[]>,
    private readonly keyOf: (row: T) => number,
    private after: number,
  ) {}
  async peek(): Promise<T | undefined> {
    if (this.at < this.rows.length) return this.rows[this.at];
    if (this.done) return undefined;
    this.rows = await this.load(this.after);
    this.at = 0;
    if (this.rows.length < PAGE) this.done = true;
    const last = this.rows.at(-1);
    if (last) this.after = this.keyOf(last);
    return this.rows[0];
  }
  take(): void {
    this.at++;
  }
}

/** Walks one tenant's log up to `head`: every leaf, every batch root, every head link. */
export class TenantLogWalk {
  events = 0;
  batches = 0;
  private prevHead = GENESIS_HASH;
  private prevLast = 0;
  private expectedBatch = -1;
  private readonly batchCursor: Cursor<Batch>;
  private readonly logCursor: Cursor<LogRow>;

  constructor(
    private readonly database: Database,
    private readonly tenantId: string,
    private readonly head: HeadSnapshot,
    private readonly report: (link: BrokenLink) => void,
    private readonly onProgress: (events: number) => void,
  ) {
    this.batchCursor = new Cursor(
      (after) => this.loadBatches(after),
      (b) => Number(b.batch_no),
      -1,
    );
    this.logCursor = new Cursor(
      (after) => this.loadLog(after),
      (r) => Number(r.log_index),
      0,
    );
  }

  private loadBatches(after: number): Promise<Batch[]> {
    return this.database.asOwner((tx) => batchesPage(tx, this.tenantId, after, this.head.batchNo, PAGE));
  }

  private loadLog(after: number): Promise<LogRow[]> {
    return this.database.asOwner((tx) => logPage(tx, this.tenantId, after, this.head.treeSize, PAGE));
  }

  /** Walks every batch in order, then checks that the head says where the walk ended. */
  async run(): Promise<void> {
    for (let batch = await this.batchCursor.peek(); batch; batch = await this.batchCursor.peek()) {
      this.batchCursor.take();
      await this.walkBatch(normaliseBatch(batch));
      this.onProgress(this.events);
    }
    await this.skipEntriesBefore(this.head.treeSize + 1);
    const h = this.head;
    const lastBatch = this.batches === 0 ? 0 : this.expectedBatch - 1;
    if (lastBatch !== h.batchNo)
      this.broken(null, null, problem("log_ends_at_batch", { last: lastBatch, head: h.batchNo }));
    if (this.prevLast !== h.treeSize)
      this.broken(
        null,
        this.prevLast,
        problem("log_ends_at_position", { last: this.prevLast, head: h.treeSize }),
      );
    if (this.prevHead !== h.hash) this.broken(null, h.treeSize, problem("last_head_differs"));
  }

  private broken(
    seq: number | null,
    logIndex: number | null,
    found: AuditProblem,
    batch: number | null = null,
  ) {
    this.report(brokenLink({ seq, logIndex, batch }, found));
  }

  private async walkBatch(b: Batch): Promise<void> {
    const no = b.batch_no;
    if (this.expectedBatch === -1) this.expectedBatch = no === 0 ? 0 : 1;
    if (no !== this.expectedBatch) {
      const missing = {
        from: this.expectedBatch,
        to: no - 1,
        firstPosition: this.prevLast + 1,
        lastPosition: b.first_index - 1,
      };
      this.broken(null, this.prevLast + 1, problem("batches_missing", missing), no);
    } else if (b.first_index !== this.prevLast + 1) {
      this.broken(
        null,
        b.first_index,
        problem("range_start", { start: b.first_index, expected: this.prevLast + 1 }),
        no,
      );
    } else if (b.prev_head !== this.prevHead) {
      this.broken(null, b.first_index, problem("previous_head_differs"), no);
    }
    const recomputed = batchHeadHash({
      tenantId: this.tenantId,
      batchNo: no,
      firstIndex: b.first_index,
      lastIndex: b.last_index,
      root: b.root ?? "",
      prevHead: b.prev_head,
    });
    if (b.root !== null && recomputed !== b.head)
      this.broken(null, b.first_index, problem("batch_head_differs"), no);
    await this.skipEntriesBefore(b.first_index);
    if (b.root === null) await this.walkChained(b);
    else await this.walkLeaves(b);
    this.prevHead = b.head;
    this.prevLast = b.last_index;
    this.expectedBatch = no + 1;
    this.batches++;
  }

  /** Leaves of a batch: each one checked, then the Merkle root of the hashes the log recorded. */
  private async walkLeaves(b: Batch): Promise<void> {
    const hashes: string[] = [];
    const missing = await this.eachPosition(b, (row) => {
      hashes.push(row.leaf_hash);
      if (row.seq === undefined || row.seq === null) return problem("event_missing");
      if (row.hash !== row.leaf_hash) return problem("changed_after_sequenced");
      return leafProblem(row as StoredEvent);
    });
    if (!missing && merkleRoot(hashes) !== b.root)
      this.broken(null, b.first_index, problem("merkle_root_differs"), b.batch_no);
  }

  /** Batch 0: the events chained before batches existed, each to the one before, ending at the batch's head. */
  private async walkChained(b: Batch): Promise<void> {
    let prev = GENESIS_HASH;
    await this.eachPosition(b, (row) => {
      if (row.seq === undefined || row.seq === null) return problem("event_missing");
      const changed = row.hash !== row.leaf_hash ? problem("changed_after_sequenced") : undefined;
      const chained = chainedProblem(row as StoredEvent, prev);
      prev = row.hash as string;
      return changed ?? chained;
    });
    if (prev !== b.head) this.broken(null, b.last_index, problem("chained_end_differs"), b.batch_no);
  }

  /** Calls `check` for each position of the batch in order; reports gaps and problems. True when a gap was found. */
  private async eachPosition(b: Batch, check: (row: LogRow) => AuditProblem | undefined): Promise<boolean> {
    let gap = false;
    let index = b.first_index;
    while (index <= b.last_index) {
      const row = await this.logCursor.peek();
      const at = row ? Number(row.log_index) : Number.POSITIVE_INFINITY;
      if (at > index) {
        const end = Math.min(at - 1, b.last_index);
        this.broken(null, index, problem("positions_missing", { from: index, to: end }), b.batch_no);
        gap = true;
        index = end + 1;
        continue;
      }
      this.logCursor.take();
      if (Number(row?.batch_no) !== b.batch_no)
        this.broken(
          Number(row?.log_seq),
          index,
          problem("wrong_batch", { batch: Number(row?.batch_no) }),
          b.batch_no,
        );
      const found = check(row as LogRow);
      if (found) this.broken(Number(row?.log_seq), index, found, b.batch_no);
      this.events++;
      index++;
    }
    return gap;
  }

  /** Consumes log entries before `index` that no batch covered, reporting them as one range. */
  private async skipEntriesBefore(index: number): Promise<void> {
    let first: number | undefined;
    let last = 0;
    for (
      let row = await this.logCursor.peek();
      row && Number(row.log_index) < index;
      row = await this.logCursor.peek()
    ) {
      first ??= Number(row.log_index);
      last = Number(row.log_index);
      this.logCursor.take();
    }
    if (first !== undefined)
      this.broken(null, first, problem("entries_outside_batches", { from: first, to: last }));
  }
}

function normaliseBatch(b: Batch): Batch {
  return {
    ...b,
    batch_no: Number(b.batch_no),
    first_index: Number(b.first_index),
    last_index: Number(b.last_index),
  };
}
