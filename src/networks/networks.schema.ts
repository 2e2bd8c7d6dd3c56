import type { ColumnType, Generated } from "kysely";

// The networks tables as Kysely sees them (see migrations/). Columns named *_enc hold `enc1:` text.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface NetworkEntitiesTable {
  tenant_id: string;
  id: Generated<string>;
  entity_type: string;
  value_index: string;
  value_enc: string;
  regional_hash: string;
  created_at: Generated<Date>;
  /** `suspect`, `client`, `victim` or `unknown` (the default). */
  role: Generated<string>;
  role_set_by: string | null;
  role_set_at: Timestamp | null;
}

export interface NetworkLinksTable {
  tenant_id: string;
  id: Generated<string>;
  source_id: string;
  target_id: string;
  kind: string;
  observed_on: string | null;
  case_ref: string | null;
  origin: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
  dedupe_key: string;
}

export interface NetworkProtectionRecordsTable {
  tenant_id: string;
  case_ref: string;
  reason_enc: string;
  flagged_by: string;
  flagged_at: Generated<Date>;
  /** The registry person the record protects, of the same nation (migration 0004); null when none is named. */
  person_id: string | null;
  person_linked_by: string | null;
  person_linked_at: Timestamp | null;
}

export interface NetworkLegalBasesTable {
  tenant_id: string;
  id: Generated<string>;
  case_ref: string;
  purpose_enc: string;
  authority_enc: string;
  requested_by: string | null;
  requested_by_label: string;
  requested_at: Generated<Date>;
  status: Generated<string>;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Timestamp | null;
  decision_note_enc: string | null;
}

export interface NetworkSharedHashesTable {
  tenant_id: string;
  entity_type: string;
  hash: string;
  published_at: Generated<Date>;
}

export interface NetworkDetailRequestsTable {
  tenant_id: string;
  id: Generated<string>;
  requester_tenant: string;
  entity_type: string;
  hash: string;
  purpose_enc: string;
  requested_by: string | null;
  requested_by_label: string;
  requested_at: Generated<Date>;
  status: Generated<string>;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Timestamp | null;
  decision_note_enc: string | null;
  details: Json | null;
}

declare module "../platform/db/schema.ts" {
  interface Schema {
    network_entities: NetworkEntitiesTable;
    network_links: NetworkLinksTable;
    network_protection_records: NetworkProtectionRecordsTable;
    network_legal_bases: NetworkLegalBasesTable;
    network_shared_hashes: NetworkSharedHashesTable;
    network_detail_requests: NetworkDetailRequestsTable;
  }
}
