import type { ColumnType } from "kysely";

// The agreements table as Kysely sees it (see db/migrations/0005-data-sharing-agreements.sql).

/** Written by the database's default on insert; set on update. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string, string>;

export interface DataSharingAgreementsTable {
  tenant_id: string;
  id: string;
  partner_tenant: string;
  proposed_by: string;
  purposes: string[];
  categories: ColumnType<Record<string, string[]>, string, string>;
  instrument_title: string;
  instrument_reference: string;
  instrument_date: Day;
  valid_from: Day;
  valid_until: Day | null;
  status: "proposed" | "accepted" | "suspended" | "ended";
  status_reason: string | null;
  created_by: string;
  decided_by: string | null;
  decided_by_tenant: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module "../db/schema.ts" {
  interface Schema {
    data_sharing_agreements: DataSharingAgreementsTable;
  }
}
