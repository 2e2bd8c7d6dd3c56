import type { ColumnType } from "kysely";

// The retention periods table as Kysely sees it (see db/migrations/0006-retention-periods.sql).

export interface RetentionPeriodsTable {
  tenant_id: string;
  record_kind: string;
  days: number;
  set_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module "../db/schema.ts" {
  interface Schema {
    retention_periods: RetentionPeriodsTable;
  }
}
