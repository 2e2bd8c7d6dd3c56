import type { Database } from "../db/connect.ts";
import { GENESIS_HASH, hashAuditEvent } from "./audit-hash.ts";

/** The outcome of walking one tenant's chain. */
export interface ChainReport {
  tenantId: string;
  events: number;
  ok: boolean;
  /** The first broken link: which sequence number and why. */
  brokenAt?: { seq: number; reason: string };
}

const PAGE = 5000;

/** Walks every tenant's chain (as the schema owner) and names the first broken link of each. */
export async function verifyAuditChains(
  database: Database,
  onProgress?: (events: number) => void,
): Promise<ChainReport[]> {
  const heads = await database.asOwner((tx) =>
    tx.selectFrom("audit_heads").select(["tenant_id", "seq", "hash"]).orderBy("tenant_id").execute(),
  );
  const reports: ChainReport[] = [];
  for (const head of heads) {
    reports.push(await verifyChain(database, head.tenant_id, Number(head.seq), head.hash, onProgress));
  }
  return reports;
}

async function verifyChain(
  database: Database,
  tenantId: string,
  headSeq: number,
  headHash: string,
  onProgress?: (events: number) => void,
): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let events = 0;
  for (;;) {
    const rows = await database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("seq", ">=", expectedSeq)
        .orderBy("seq")
        .limit(PAGE)
        .execute(),
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (reason: string): ChainReport => ({
        tenantId,
        events,
        ok: false,
        brokenAt: { seq, reason },
      });
      if (seq !== expectedSeq) {
        return {
          tenantId,
          events,
          ok: false,
          brokenAt: { seq: expectedSeq, reason: `event ${expectedSeq} is missing (next found: ${seq})` },
        };
      }
      if (row.prev_hash !== prevHash) return broken("its previous-hash does not match the event before it");
      const recomputed = hashAuditEvent({
        tenantId,
        seq,
        occurredAt: new Date(row.occurred_at),
        actorTenant: row.actor_tenant,
        actorUser: row.actor_user,
        actorLabel: row.actor_label,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        requestId: row.request_id,
        details: typeof row.details === "string" ? JSON.parse(row.details) : row.details,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) return broken("its content does not match its hash (the row was edited)");
      prevHash = row.hash;
      expectedSeq = seq + 1;
      events++;
    }
    onProgress?.(events);
    if (rows.length < PAGE) break;
  }
  if (expectedSeq - 1 !== headSeq) {
    return {
      tenantId,
      events,
      ok: false,
      brokenAt: {
        seq: expectedSeq,
        reason: `the chain ends at ${expectedSeq - 1} but its head says ${headSeq} (events were removed)`,
      },
    };
  }
  if (headSeq > 0 && prevHash !== headHash) {
    return {
      tenantId,
      events,
      ok: false,
      brokenAt: { seq: headSeq, reason: "the last event's hash does not match the chain head" },
    };
  }
  return { tenantId, events, ok: true };
}
