import { type Selectable, sql } from "kysely";
import { decryptField, encryptField } from "../crypto/field-crypto.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { Tx } from "../db/connect.ts";
import type { UsersTable } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { Role } from "./auth.contract.ts";
import type { UserKind } from "./auth.schema.ts";
import type { Scope } from "./scope.ts";

/** Where staff names live encrypted, for key rotation. */
export const USER_NAME_CONTEXT = "platform.users.display_name";

/** A user as administrators see them. */
export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  kind: UserKind;
  officeId: string | null;
  roles: Role[];
  personalDataGrants: Role[];
  disabled: boolean;
}

/** A user of the scope's nation as the account services need them: kind, roles and explicit grants. */
export type AccountRow = Pick<Selectable<UsersTable>, "id" | "email" | "kind"> & {
  roles: Role[];
  grants: Role[];
};

/** The user's roles as one JSON array, read in the same statement as the user. */
export const rolesOfUser = sql<Role[]>`(select coalesce(json_agg(r.role order by r.role), '[]'::json)
  from user_roles r where r.tenant_id = u.tenant_id and r.user_id = u.id)`;

/** The roles granted to a service account for personal data, read in the same statement as the user. */
export const grantsOfUser = sql<Role[]>`(case when u.kind = 'service' then
  (select coalesce(json_agg(g.role order by g.role), '[]'::json) from service_account_grants g
   where g.tenant_id = u.tenant_id and g.user_id = u.id) else '[]'::json end)`;

/** One user of the scope's nation, locked for a change of roles or grants; undefined outside the nation. */
export async function findAccount(tx: Tx, scope: Scope, userId: string): Promise<AccountRow | undefined> {
  return tx
    .selectFrom("users as u")
    .select(["u.id", "u.email", "u.kind", rolesOfUser.as("roles"), grantsOfUser.as("grants")])
    .where("u.tenant_id", "=", scope.tenantId)
    .where("u.id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
}

/** A user of the scope's nation by login (e-mail, or `service:<name>`), with what issuing a token checks. */
export async function findByLogin(tx: Tx, scope: Scope, login: string) {
  return tx
    .selectFrom("users")
    .select(["id", "kind", "password_hash", "disabled"])
    .where("tenant_id", "=", scope.tenantId)
    .where("email", "=", login)
    .executeTakeFirst();
}

/** Whether the scope's nation has this user (of any kind). */
export async function userExists(tx: Tx, scope: Scope, userId: string): Promise<boolean> {
  const user = await tx
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", userId)
    .executeTakeFirst();
  return user !== undefined;
}

/** Makes the user's roles exactly `roles`; a removed role takes its grant with it. */
export async function replaceRoles(tx: Tx, scope: Scope, account: AccountRow, roles: Role[]): Promise<void> {
  const removed = account.roles.filter((r) => !roles.includes(r));
  const added = roles.filter((r) => !account.roles.includes(r));
  if (removed.length > 0)
    await tx
      .deleteFrom("user_roles")
      .where("tenant_id", "=", scope.tenantId)
      .where("user_id", "=", account.id)
      .where("role", "in", removed)
      .execute();
  if (added.length > 0)
    await tx
      .insertInto("user_roles")
      .values(added.map((role) => ({ tenant_id: scope.tenantId, user_id: account.id, role })))
      .execute();
}

/** Inserts a user row of the scope's nation and its roles; the caller audits. */
export async function insertUser(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  input: { email: string; displayName: string; kind: UserKind; passwordHash: string | null; roles: Role[] },
  officeId: string | null,
): Promise<string> {
  const taken = await tx
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("email", "=", input.email)
    .executeTakeFirst();
  if (taken) throw new AppError("CONFLICT", `${input.email} exists already in ${scope.tenantId}`);
  const row = await tx
    .insertInto("users")
    .values({
      tenant_id: scope.tenantId,
      email: input.email,
      kind: input.kind,
      display_name: encryptField(keyring, input.displayName, USER_NAME_CONTEXT),
      password_hash: input.passwordHash,
      office_id: officeId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("user_roles")
    .values(input.roles.map((role) => ({ tenant_id: scope.tenantId, user_id: row.id, role })))
    .execute();
  return row.id;
}

/** One user of the scope's nation as administrators see them. */
export async function accountSummary(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  userId: string,
): Promise<UserSummary> {
  const [found] = await listAccounts(tx, scope, keyring, userId);
  if (!found) throw new AppError("NOT_FOUND", "user not found");
  return found;
}

/** The users of the scope's nation (or one of them) with their roles and grants. */
export async function listAccounts(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  only?: string,
): Promise<UserSummary[]> {
  let query = tx
    .selectFrom("users")
    .select(["id", "email", "display_name", "office_id", "disabled", "kind"])
    .where("tenant_id", "=", scope.tenantId);
  let roleQuery = tx
    .selectFrom("user_roles")
    .select(["user_id", "role"])
    .where("tenant_id", "=", scope.tenantId);
  let grantQuery = tx
    .selectFrom("service_account_grants")
    .select(["user_id", "role"])
    .where("tenant_id", "=", scope.tenantId);
  if (only) {
    query = query.where("id", "=", only);
    roleQuery = roleQuery.where("user_id", "=", only);
    grantQuery = grantQuery.where("user_id", "=", only);
  }
  const users = await query.orderBy("email").execute();
  const roles = byUser(await roleQuery.orderBy("role").execute());
  const grants = byUser(await grantQuery.orderBy("role").execute());
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: decryptField(keyring, u.display_name, USER_NAME_CONTEXT),
    kind: u.kind,
    officeId: u.office_id,
    disabled: u.disabled,
    roles: roles.get(u.id) ?? [],
    personalDataGrants: grants.get(u.id) ?? [],
  }));
}

function byUser(rows: { user_id: string; role: string }[]): Map<string, Role[]> {
  const map = new Map<string, Role[]>();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role as Role]);
  return map;
}
