import { type Selectable, sql } from "kysely";
import type { Db, Tx } from "../db/connect.ts";
import type { UsersTable } from "../db/schema.ts";
import { grantsOfUser, rolesOfUser } from "./accounts.store.ts";
import type { Role } from "./auth.contract.ts";
import "./auth.schema.ts";
import type { Scope } from "./scope.ts";

// SQL of sign-in and of every authenticated request: sessions, the user a session or token acts as, and the
// user's password hash. The scope is only the tenant here (`Pick<Scope, "tenantId">`): these queries run
// before the caller has a scope of their own.

// Authentication runs on every request: the user, their roles and grants come in one statement, and each
// statement saved there is a round trip saved on every API call.
const userColumns = [
  "u.id",
  "u.email",
  "u.office_id",
  "u.disabled",
  "u.kind",
  rolesOfUser.as("roles"),
  grantsOfUser.as("grants"),
] as const;

/** The user a scope is built from: who they are, whether disabled, their roles and explicit grants. */
export type ScopeUserRow = Pick<
  Selectable<UsersTable>,
  "id" | "email" | "office_id" | "disabled" | "kind"
> & {
  roles: Role[];
  grants: Role[];
};

/** One user of the tenant with their roles and grants; undefined when there is none. */
export async function findScopeUser(
  tx: Tx,
  scope: Pick<Scope, "tenantId">,
  userId: string,
): Promise<ScopeUserRow | undefined> {
  return tx
    .selectFrom("users as u")
    .select(userColumns)
    .where("u.tenant_id", "=", scope.tenantId)
    .where("u.id", "=", userId)
    .executeTakeFirst();
}

/** What a password check needs of a user of the tenant: the hash, whether disabled, person or service. */
export async function findPasswordOfUser(tx: Tx, scope: Pick<Scope, "tenantId">, userId: string) {
  return tx
    .selectFrom("users")
    .select(["password_hash", "disabled", "kind"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** Stores a session of the tenant under the hash of its secret. */
export async function insertSession(
  tx: Tx,
  scope: Pick<Scope, "tenantId">,
  values: { id: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await tx
    .insertInto("sessions")
    .values({
      tenant_id: scope.tenantId,
      id: values.id,
      user_id: values.userId,
      csrf_token: values.csrfToken,
      expires_at: values.expiresAt,
    })
    .execute();
}

/** The user of a session (by the hash of its secret) with the session's CSRF token and expiry. */
export async function findSessionUser(tx: Tx, scope: Pick<Scope, "tenantId">, sessionHash: string) {
  return tx
    .selectFrom("sessions as s")
    .innerJoin("users as u", (join) =>
      join.onRef("u.tenant_id", "=", "s.tenant_id").onRef("u.id", "=", "s.user_id"),
    )
    .select(userColumns)
    .select(["s.csrf_token", "s.expires_at"])
    .where("s.tenant_id", "=", scope.tenantId)
    .where("s.id", "=", sessionHash)
    .executeTakeFirst();
}

/**
 * The user of an API token (by the hash of its secret) with the token's expiry and revocation, in one
 * statement outside any transaction: `api_token_user` (platform migration 0007) reads only the named nation's
 * rows.
 */
export async function findTokenUser(db: Db, scope: Pick<Scope, "tenantId">, tokenHash: string) {
  const found = await sql<ScopeUserRow & { expires_at: Date | null; revoked_at: Date | null }>`
    select * from api_token_user(${scope.tenantId}, ${tokenHash})`.execute(db);
  return found.rows[0];
}

/** Deletes a session of the scope's nation by the hash of its secret. */
export async function deleteSession(tx: Tx, scope: Scope, sessionHash: string): Promise<void> {
  await tx
    .deleteFrom("sessions")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", sessionHash)
    .execute();
}

/** The scope's signed-in user with their nation's name, as the web shows them (name still sealed). */
export async function findSignedInUser(tx: Tx, scope: Scope) {
  return tx
    .selectFrom("users")
    .innerJoin("tenants", "tenants.id", "users.tenant_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.office_id",
      "tenants.name as nation_name",
    ])
    .where("users.tenant_id", "=", scope.tenantId)
    .where("users.id", "=", scope.userId ?? "00000000-0000-0000-0000-000000000000")
    .executeTakeFirst();
}
