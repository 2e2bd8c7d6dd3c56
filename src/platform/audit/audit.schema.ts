import type { ColumnType, Generated } from "kysely";

// The audit tables as Kysely sees them (see db/migrations/0001-platform.sql and 0003-audit-log.sql).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

/** One event: a leaf (`canonical` + its leaf hash in `hash`), or an event of the chained history (`prev_hash`). */
export interface AuditEventsTable {
  tenant_id: string;
  seq: Generated<number>;
  id: Generated<string>;
  occurred_at: Timestamp;
  actor_tenant: string | null;
  actor_user: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: Json;
  canonical: string | null;
  prev_hash: string | null;
  hash: string;
}

/** Committed leaves waiting for the sequencer. */
export interface AuditPendingTable {
  tenant_id: string;
  seq: number;
}

/** The place each sequenced event holds in its tenant's log. */
export interface AuditLogTable {
  tenant_id: string;
  log_index: number;
  seq: number;
  leaf_hash: string;
  batch_no: number;
}

/** A sequenced batch: its range, the Merkle root of its leaves and its head, chained to the one before. */
export interface AuditBatchesTable {
  tenant_id: string;
  batch_no: number;
  first_index: number;
  last_index: number;
  root: string | null;
  prev_head: string;
  head: string;
  sequenced_at: Generated<Date>;
}

/** The newest batch of each tenant's log; the sequencer's lock. */
export interface AuditHeadsTable {
  tenant_id: string;
  tree_size: number;
  batch_no: number;
  hash: string;
}

declare module "../db/schema.ts" {
  interface Schema {
    audit_events: AuditEventsTable;
    audit_pending: AuditPendingTable;
    audit_log: AuditLogTable;
    audit_batches: AuditBatchesTable;
    audit_heads: AuditHeadsTable;
  }
}
