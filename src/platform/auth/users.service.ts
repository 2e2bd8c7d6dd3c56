import { refusal } from "../../shared/refusal.ts";
import { recordAudit } from "../audit/audit.ts";
import { bindActions } from "../bind-actions.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { Database } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import { requireOffice } from "../offices/offices.service.ts";
import {
  type AccountRow,
  accountSummary,
  findAccount,
  insertUser,
  listAccounts,
  replaceRoles,
  type UserSummary,
} from "./accounts.store.ts";
import type { Role } from "./auth.contract.ts";
import { hashPassword, passwordProblem } from "./passwords.ts";
import { assertAssignableRoles } from "./role-assignment.ts";
import type { Scope } from "./scope.ts";
import { createServiceAccountsService } from "./service-accounts.service.ts";
import { createTokensService } from "./tokens.service.ts";
import { insertLogin, loginTaken } from "./user-logins.store.ts";

export { USER_NAME_CONTEXT } from "./accounts.store.ts";

export interface NewUser {
  email: string;
  displayName: string;
  password?: string | undefined;
  /** An already computed hash (bulk seeding), used when no password is given. */
  passwordHash?: string | undefined;
  roles: Role[];
  officeId?: string | null | undefined;
}

/** What the users actions share, built once per service. */
function usersDeps(database: Database, keyring: Keyring) {
  const { db } = database;
  return { database, keyring, db };
}

type UsersDeps = ReturnType<typeof usersDeps>;

/**
 * Creates a person of the scope's nation with roles and an optional password. The roles must suit the
 * tenant (the secretariat holds regional roles only) and must not hand one person both sides of a duty.
 */
export async function createUser(deps: UsersDeps, scope: Scope, input: NewUser): Promise<UserSummary> {
  const { db, keyring } = deps;
  const email = input.email.trim().toLowerCase();
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AppError("BAD_INPUT", problem, { field: "password" });
  }
  if (input.roles.length === 0) throw new AppError("BAD_INPUT", "a user needs a role", { field: "roles" });
  const roles = [...new Set(input.roles)].sort();
  assertAssignableRoles(scope.regional, roles);
  const passwordHash =
    input.password === undefined ? (input.passwordHash ?? null) : await hashPassword(input.password);
  return inScope(db, scope, async (tx) => {
    if (await loginTaken(tx, email))
      throw new AppError("CONFLICT", `a user with e-mail ${email} exists already`);
    if (input.officeId) await requireOffice(tx, scope, input.officeId, "officeId");
    const id = await insertUser(
      tx,
      scope,
      keyring,
      { email, displayName: input.displayName, kind: "person", passwordHash, roles },
      input.officeId ?? null,
    );
    await insertLogin(tx, scope, email, id);
    await recordAudit(tx, scope, {
      action: "user.create",
      targetType: "user",
      targetId: id,
      details: { kind: "person", roles },
    });
    return accountSummary(tx, scope, keyring, id);
  });
}

/** Lists the users and service accounts of the scope's nation. */
export async function listUsers(deps: UsersDeps, scope: Scope): Promise<UserSummary[]> {
  const { db, keyring } = deps;
  return inScope(db, scope, (tx) => listAccounts(tx, scope, keyring));
}

/**
 * Gives a user of the scope's nation exactly these roles, under the same rules as at creation. Nobody
 * changes their own roles: another administrator must. A role taken away takes its grant with it.
 */
export async function changeRoles(
  deps: UsersDeps,
  scope: Scope,
  userId: string,
  roles: Role[],
): Promise<UserSummary> {
  const { db, keyring } = deps;
  if (roles.length === 0) throw new AppError("BAD_INPUT", "a user needs a role", { field: "roles" });
  return inScope(db, scope, async (tx) => {
    const account = await findAccount(tx, scope, userId);
    if (!account) throw new AppError("NOT_FOUND", "user not found");
    if (account.id === scope.userId)
      throw new AppError(
        "FORBIDDEN",
        "nobody changes their own roles: another administrator must",
        refusal("own_roles"),
      );
    const wanted = [...new Set(roles)].sort();
    assertAssignableRoles(scope.regional, wanted);
    await replaceRoles(tx, scope, account, wanted);
    await recordAudit(tx, scope, {
      action: "user.roles_change",
      targetType: "user",
      targetId: account.id,
      details: rolesChangeDetails(account, wanted),
    });
    return accountSummary(tx, scope, keyring, account.id);
  });
}

/** Users of a nation, their roles and their API tokens; every change is audited in the same transaction. */
export function createUsersService(database: Database, keyring: Keyring) {
  const deps = usersDeps(database, keyring);
  return {
    ...bindActions(deps, { createUser, listUsers, changeRoles }),
    ...createServiceAccountsService(database, keyring),
    ...createTokensService(database),
  };
}

function rolesChangeDetails(account: AccountRow, wanted: Role[]) {
  return {
    before: account.roles,
    after: wanted,
    grantsRemoved: account.grants.filter((r) => !wanted.includes(r)),
  };
}

export type { UserSummary };
export type UsersService = ReturnType<typeof createUsersService>;
