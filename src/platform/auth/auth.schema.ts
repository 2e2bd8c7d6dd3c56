import type { ColumnType, Generated } from "kysely";

// The sign-in and account tables as Kysely sees them (see db/migrations/0004-sign-in-attempts-and-service-accounts.sql).

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A person signs in with a password; a service account only holds API tokens. */
export type UserKind = "person" | "service";

export interface SignInAttemptsTable {
  key: string;
  kind: "account" | "address" | "account_address";
  attempts: number;
  window_started_at: Timestamp;
  last_attempt_at: Timestamp;
  expires_at: Timestamp;
}

export interface ServiceAccountGrantsTable {
  tenant_id: string;
  user_id: string;
  role: string;
  reason: string;
  granted_by: string | null;
  granted_by_label: string;
  granted_at: Generated<Date>;
}

declare module "../db/schema.ts" {
  interface UsersTable {
    kind: Generated<UserKind>;
  }
  interface Schema {
    sign_in_attempts: SignInAttemptsTable;
    service_account_grants: ServiceAccountGrantsTable;
  }
}
