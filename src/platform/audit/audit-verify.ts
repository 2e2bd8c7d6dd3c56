import type { Database } from "../db/connect.ts";
import { GENESIS_HASH } from "./audit-hash.ts";
import { problem } from "./audit-problems.ts";
import { integratePending } from "./audit-sequencer.ts";
import {
  headRow,
  orphanedQueueEntries,
  tenantsWithAuditRows,
  unsequencedPage,
} from "./audit-verify.store.ts";
import { leafProblem, type StoredEvent } from "./audit-verify-leaf.ts";
import { type BrokenLink, brokenLink, type HeadSnapshot, TenantLogWalk } from "./audit-verify-tenant.ts";

export type { BrokenLink } from "./audit-verify-tenant.ts";

/** The outcome of verifying one tenant's log. */
export interface ChainReport {
  tenantId: string;
  /** Sequenced events verified (leaf hash, columns, place under its batch root). */
  events: number;
  /** Committed events not yet sequenced; each was verified as a leaf. */
  pending: number;
  batches: number;
  /** The head hash verification started from: record it to notice a later rewrite of the whole log. */
  head: string;
  ok: boolean;
  /** The first broken links (up to REPORTED_LINKS); `onBroken` receives every one. */
  broken: BrokenLink[];
  brokenCount: number;
}

export interface VerifyOptions {
  /** Sequence pending events first (default); otherwise they are verified as leaves and counted as pending. */
  integrate?: boolean;
  /** Called with the running count of sequenced events verified so far, across tenants. */
  onProgress?: (events: number) => void;
  /** Verify this tenant's log only (a nation's auditor checking its own); every tenant's by default. */
  tenantId?: string;
  /** Called for every broken link, as it is found. */
  onBroken?: (tenantId: string, link: BrokenLink) => void;
}

/** How many broken links a report keeps; the callback sees them all. */
export const REPORTED_LINKS = 100;
const PAGE = 5000;

/**
 * Verifies every tenant's audit log as the schema owner: every leaf against its hash and columns, every batch
 * root, every head link, and every event not yet sequenced. Reports every broken link, not only the first.
 */
export async function verifyAuditChains(
  database: Database,
  options: VerifyOptions = {},
): Promise<ChainReport[]> {
  if (options.integrate ?? true) await integratePending(database, { wait: true });
  const reports: ChainReport[] = [];
  let verified = 0;
  const tenants = options.tenantId === undefined ? await tenantsWithAudit(database) : [options.tenantId];
  for (const tenantId of tenants) {
    const head = await readHead(database, tenantId);
    const report: ChainReport = {
      tenantId,
      events: 0,
      pending: 0,
      batches: 0,
      head: head.hash,
      ok: true,
      broken: [],
      brokenCount: 0,
    };
    const sink = (link: BrokenLink) => {
      report.ok = false;
      report.brokenCount++;
      if (report.broken.length < REPORTED_LINKS) report.broken.push(link);
      options.onBroken?.(tenantId, link);
    };
    const walk = new TenantLogWalk(database, tenantId, head, sink, (n) => options.onProgress?.(verified + n));
    await walk.run();
    verified += walk.events;
    report.events = walk.events;
    report.batches = walk.batches;
    report.pending = await verifyUnsequenced(database, tenantId, sink);
    reports.push(report);
  }
  return reports;
}

/** Tenants that have a log head or any audit event. */
async function tenantsWithAudit(database: Database): Promise<string[]> {
  return database.asOwner((tx) => tenantsWithAuditRows(tx));
}

async function readHead(database: Database, tenantId: string): Promise<HeadSnapshot> {
  const row = await database.asOwner((tx) => headRow(tx, tenantId));
  if (!row) return { treeSize: 0, batchNo: 0, hash: GENESIS_HASH };
  return { treeSize: Number(row.tree_size), batchNo: Number(row.batch_no), hash: row.hash };
}

/**
 * Events in no log position: each must be a sound leaf still queued for the sequencer. Also reports queue
 * entries whose event is gone. Returns how many events are pending.
 */
async function verifyUnsequenced(
  database: Database,
  tenantId: string,
  report: (link: BrokenLink) => void,
): Promise<number> {
  let pending = 0;
  for (let after = 0; ; ) {
    const rows = await database.asOwner((tx) => unsequencedPage(tx, tenantId, after, PAGE));
    for (const row of rows) {
      const seq = Number(row.seq);
      if (row.queued === null)
        report(brokenLink({ seq, logIndex: null, batch: null }, problem("not_queued"), true));
      const found = leafProblem(row as StoredEvent);
      if (found) report(brokenLink({ seq, logIndex: null, batch: null }, found, true));
      pending++;
    }
    if (rows.length < PAGE) break;
    after = Number(rows.at(-1)?.seq);
  }
  const orphans = await database.asOwner((tx) => orphanedQueueEntries(tx, tenantId));
  for (const o of orphans)
    report(
      brokenLink({ seq: Number(o.seq), logIndex: null, batch: null }, problem("queued_event_missing"), true),
    );
  return pending;
}
