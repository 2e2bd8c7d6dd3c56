import { recordAudit } from "../audit/audit.ts";
import { bindActions } from "../bind-actions.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { Database, Tx } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import { accountSummary, findAccount, insertUser, replaceRoles, type UserSummary } from "./accounts.store.ts";
import type { Role } from "./auth.contract.ts";
import { assertAssignableRoles, personalDataOf } from "./role-assignment.ts";
import type { Scope } from "./scope.ts";
import { deleteGrant, insertGrant } from "./service-account-grants.store.ts";

/** How a service account is named among the users of its nation (and in the audit log). */
export const serviceLogin = (name: string) => `service:${name}`;

async function serviceAccount(tx: Tx, scope: Scope, id: string) {
  const account = await findAccount(tx, scope, id);
  if (account?.kind !== "service") throw new AppError("NOT_FOUND", "service account not found");
  return account;
}

/** What the serviceAccounts actions share, built once per service. */
function serviceAccountsDeps(database: Database, keyring: Keyring) {
  const { db } = database;
  return { database, keyring, db };
}

type ServiceAccountsDeps = ReturnType<typeof serviceAccountsDeps>;

/** Creates a service account of the scope's nation with roles, under the rules every user's roles obey. */
export async function createServiceAccount(
  deps: ServiceAccountsDeps,
  scope: Scope,
  input: { name: string; displayName: string; roles: Role[] },
): Promise<UserSummary> {
  const { db, keyring } = deps;
  if (input.roles.length === 0)
    throw new AppError("BAD_INPUT", "a service account needs a role", { field: "roles" });
  const roles = [...new Set(input.roles)].sort();
  assertAssignableRoles(scope.regional, roles);
  return inScope(db, scope, async (tx) => {
    const id = await insertUser(
      tx,
      scope,
      keyring,
      {
        email: serviceLogin(input.name),
        displayName: input.displayName,
        kind: "service",
        passwordHash: null,
        roles,
      },
      null,
    );
    await recordAudit(tx, scope, {
      action: "user.create",
      targetType: "user",
      targetId: id,
      details: { kind: "service", roles },
    });
    return accountSummary(tx, scope, keyring, id);
  });
}

/**
 * Grants a service account one role's personal-data permissions, explicitly and with a reason; the role
 * is added when the account lacks it. The secretariat never grants: its accounts hold no personal data.
 */
export async function grantPersonalData(
  deps: ServiceAccountsDeps,
  scope: Scope,
  serviceId: string,
  input: { role: Role; reason: string },
): Promise<UserSummary> {
  const { db, keyring } = deps;
  if (scope.regional)
    throw new AppError("FORBIDDEN", "the regional secretariat never holds personal data: nothing to grant");
  const permissions = personalDataOf(input.role);
  if (permissions.length === 0)
    throw new AppError("BAD_INPUT", `${input.role} carries no personal-data permission: nothing to grant`, {
      field: "role",
    });
  return inScope(db, scope, async (tx) => {
    const account = await serviceAccount(tx, scope, serviceId);
    if (account.grants.includes(input.role))
      throw new AppError("CONFLICT", `${input.role} is granted to this service account already`);
    const roles = [...new Set([...account.roles, input.role])].sort();
    assertAssignableRoles(scope.regional, roles);
    await replaceRoles(tx, scope, account, roles);
    await insertGrant(tx, scope, { userId: account.id, role: input.role, reason: input.reason });
    await recordAudit(tx, scope, {
      action: "service_account.grant",
      targetType: "user",
      targetId: account.id,
      details: { role: input.role, permissions },
    });
    return accountSummary(tx, scope, keyring, account.id);
  });
}

/** Withdraws a grant: the account keeps the role, without its personal-data permissions. */
export async function revokePersonalData(
  deps: ServiceAccountsDeps,
  scope: Scope,
  serviceId: string,
  role: Role,
): Promise<UserSummary> {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const account = await serviceAccount(tx, scope, serviceId);
    if (!(await deleteGrant(tx, scope, account.id, role)))
      throw new AppError("NOT_FOUND", `${role} is not granted`);
    await recordAudit(tx, scope, {
      action: "service_account.grant_revoke",
      targetType: "user",
      targetId: account.id,
      details: { role },
    });
    return accountSummary(tx, scope, keyring, account.id);
  });
}

/**
 * Service accounts: machines that act through API tokens only (no password, no sign-in). Their roles give them
 * no personal-data permission until an administrator grants a role for it, with a reason, audited.
 */
export function createServiceAccountsService(database: Database, keyring: Keyring) {
  return bindActions(serviceAccountsDeps(database, keyring), {
    createServiceAccount,
    grantPersonalData,
    revokePersonalData,
  });
}
