import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TenantsTable {
  id: string;
  name: string;
  kind: "nation" | "secretariat";
  joined_on: string | null;
}

export interface OfficesTable {
  tenant_id: string;
  id: string;
  name: string;
}

export interface UsersTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  office_id: string | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UserLoginsTable {
  email: string;
  tenant_id: string;
  user_id: string;
}

export interface UserRolesTable {
  tenant_id: string;
  user_id: string;
  role: string;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface RecordGrantsTable {
  tenant_id: string;
  id: Generated<string>;
  grantee_tenant: string;
  record_type: string;
  record_id: string;
  purpose: string;
  granted_by: string;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/**
 * Every table the application queries. Capabilities extend this interface with their own tables through
 * declaration merging in their `*.schema.ts` file (the audit log too: `audit/audit.schema.ts`), so one `Db`
 * type knows them all.
 */
export interface Schema {
  tenants: TenantsTable;
  offices: OfficesTable;
  users: UsersTable;
  user_logins: UserLoginsTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  record_grants: RecordGrantsTable;
}
