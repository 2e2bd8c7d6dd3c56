import { recordAudit } from "../audit/audit.ts";
import { bindActions } from "../bind-actions.ts";
import type { Database } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import { type AccountRow, findAccount, findByLogin, userExists } from "./accounts.store.ts";
import { insertApiToken, listApiTokens, revokeApiToken } from "./api-tokens.store.ts";
import { issueApiToken } from "./credentials.ts";
import type { Scope } from "./scope.ts";

/**
 * Why the scope may not issue a token that acts as `target`, or undefined when it may. A token acts as its
 * holder, and the audit log names the holder: so a signed-in user issues tokens for themselves only, and an
 * administrator for service accounts. An operator command on the machine (no user in the scope) may issue
 * for anyone of the nation; the command line asks a person's own password before it does.
 */
export function tokenIssueProblem(scope: Scope, target: Pick<AccountRow, "id" | "kind">): string | undefined {
  if (scope.userId === null) return undefined;
  if (target.id === scope.userId)
    return scope.permissions.has("token.self") ? undefined : "this account may not issue tokens for itself";
  if (target.kind === "service")
    return scope.permissions.has("token.manage") ? undefined : "this needs the token.manage permission";
  return "a token acts as the person it belongs to: only they can issue it, signed in as themselves";
}

/** What the tokens actions share, built once per service. */
function tokensDeps(database: Database) {
  const { db } = database;
  return { database, db };
}

type TokensDeps = ReturnType<typeof tokensDeps>;

/** Issues an API token acting as `userId` when the scope may (see tokenIssueProblem); shown once. */
export async function createToken(
  deps: TokensDeps,
  scope: Scope,
  input: { userId: string; name: string; expiresAt: Date | null; kind?: "service" },
): Promise<{ id: string; token: string; expiresAt: Date | null }> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const target = await findAccount(tx, scope, input.userId);
    if (!target || (input.kind && target.kind !== input.kind))
      throw new AppError("NOT_FOUND", input.kind ? "service account not found" : "user not found");
    const problem = tokenIssueProblem(scope, target);
    if (problem) throw new AppError("FORBIDDEN", problem);
    const issued = issueApiToken(scope.tenantId);
    const id = await insertApiToken(tx, scope, {
      userId: target.id,
      name: input.name,
      tokenHash: issued.hash,
      expiresAt: input.expiresAt,
    });
    await recordAudit(tx, scope, {
      action: "token.create",
      targetType: "api_token",
      targetId: id,
      details: { userId: target.id, kind: target.kind, name: input.name },
    });
    return { id, token: issued.secret, expiresAt: input.expiresAt };
  });
}

/**
 * The user of the scope's nation a command on the machine would issue a token for, by login: id, kind,
 * whether disabled, and the password hash the command checks a person's password against.
 */
export async function findTokenHolder(deps: TokensDeps, scope: Scope, login: string) {
  const { db } = deps;
  return inScope(db, scope, (tx) => findByLogin(tx, scope, login));
}

/** The API tokens of one user of the scope's nation, without their secrets; 404 outside the nation. */
export async function listTokens(deps: TokensDeps, scope: Scope, userId: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    if (!(await userExists(tx, scope, userId))) throw new AppError("NOT_FOUND", "user not found");
    return listApiTokens(tx, scope, userId);
  });
}

/**
 * Revokes a token of `ownerId` in the scope's nation: one's own, or anyone's with token.manage (a lost or
 * leaked token). Revoking twice is harmless; a token of someone else answers 404.
 */
export async function revokeToken(
  deps: TokensDeps,
  scope: Scope,
  tokenId: string,
  ownerId: string,
): Promise<void> {
  const { db } = deps;
  if (ownerId !== scope.userId && scope.userId !== null && !scope.permissions.has("token.manage"))
    throw new AppError("NOT_FOUND", "token not found");
  await inScope(db, scope, async (tx) => {
    if (!(await revokeApiToken(tx, scope, tokenId, ownerId)))
      throw new AppError("NOT_FOUND", "token not found");
    await recordAudit(tx, scope, {
      action: "token.revoke",
      targetType: "api_token",
      targetId: tokenId,
      details: { userId: ownerId },
    });
  });
}

/** API tokens: issued once (only the hash is kept), listed without secrets, revoked. */
export function createTokensService(database: Database) {
  return bindActions(tokensDeps(database), { createToken, findTokenHolder, listTokens, revokeToken });
}
