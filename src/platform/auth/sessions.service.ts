import { recordAudit } from "../audit/audit.ts";
import { bindActions } from "../bind-actions.ts";
import { decryptField } from "../crypto/field-crypto.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { Database, Tx } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import { USER_NAME_CONTEXT } from "./accounts.store.ts";
import type { SessionUser } from "./auth.contract.ts";
import { hashSecret, issueSessionSecret, newCsrfToken, tenantOfSecret } from "./credentials.ts";
import { verifyPassword } from "./passwords.ts";
import { type Scope, systemScope, userScope } from "./scope.ts";
import {
  deleteSession,
  findPasswordOfUser,
  findScopeUser,
  findSessionUser,
  findSignedInUser,
  findTokenUser,
  insertSession,
  type ScopeUserRow,
} from "./sessions.store.ts";
import { admitAttempt, attemptKeys, forgiveAttempt, purgeExpiredAttempts } from "./sign-in-attempts.store.ts";
import { retryAfterSeconds, SIGN_IN_LIMITS, type SignInLimits } from "./sign-in-throttle.ts";
import { findLogin } from "./user-logins.store.ts";

const SESSION_HOURS = 8;

export interface Authenticated {
  scope: Scope;
  /** Present for cookie sessions: state-changing requests must echo it. */
  csrfToken: string | null;
}

// A fixed hash to verify against when the e-mail is unknown, so timing does not tell whether it exists.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function scopeOfUser(
  tenantId: string,
  user: ScopeUserRow | undefined,
  requestId: string | null,
): Scope | null {
  if (!user || user.disabled) return null;
  return userScope({
    tenantId,
    userId: user.id,
    actorLabel: user.email,
    officeId: user.office_id,
    roles: user.roles,
    kind: user.kind,
    grantedRoles: user.grants,
    requestId,
  });
}

export interface SessionsOptions {
  limits?: SignInLimits;
  /** Milliseconds since the epoch; tests move it forward instead of waiting. */
  clock?: () => number;
  /** The password check (tests count how many attempts reach it). */
  verify?: (password: string, stored: string) => Promise<boolean>;
}

// Old counters are purged every this many sign-in attempts of a process: cheap, and nothing needs a timer.
const PURGE_EVERY = 100;

async function loadScope(
  tx: Tx,
  tenantId: string,
  userId: string,
  requestId: string | null,
): Promise<Scope | null> {
  const user = await findScopeUser(tx, { tenantId }, userId);
  return scopeOfUser(tenantId, user, requestId);
}

/** What the sessions actions share, built once per service. */
function sessionsDeps(database: Database, keyring: Keyring, options: SessionsOptions = {}) {
  const { db } = database;
  const limits = options.limits ?? SIGN_IN_LIMITS;
  const clock = options.clock ?? Date.now;
  const verify = options.verify ?? verifyPassword;
  const purge = { attemptsSince: 0 };
  return { database, keyring, options, db, limits, clock, verify, purge };
}

type SessionsDeps = ReturnType<typeof sessionsDeps>;

/** Checks the password of a sign-in the throttle admitted; the user's row when it is right. */
async function checkPassword(deps: SessionsDeps, email: string, password: string) {
  const { db, verify } = deps;
  const login = await findLogin(db, email);
  const found = login
    ? await inScope(db, { tenantId: login.tenant_id }, (tx) =>
        findPasswordOfUser(tx, { tenantId: login.tenant_id }, login.user_id),
      )
    : undefined;
  const ok = await verify(password, found?.password_hash ?? DUMMY_HASH);
  const valid = login && found && ok && !found.disabled && found.kind === "person";
  if (valid) return login;
  if (login) {
    await inScope(db, { tenantId: login.tenant_id }, (tx) =>
      recordAudit(tx, systemScope(login.tenant_id, "auth"), {
        action: "auth.login_failed",
        targetType: "user",
        targetId: login.user_id,
      }),
    );
  }
  return undefined;
}

/**
 * Checks a password and opens a session. The attempt is counted per account, per client address and per
 * both before the password is checked (see sign-in-throttle.ts); a refused attempt answers 429 with the
 * wait and is neither checked nor audited, so a flood cannot fill the audit log.
 */
export async function login(
  deps: SessionsDeps,
  input: { email: string; password: string; client: string; requestId: string | null },
) {
  const { clock, purge, db, keyring, limits } = deps;
  const email = input.email.trim().toLowerCase();
  const now = clock();
  if (++purge.attemptsSince >= PURGE_EVERY) {
    purge.attemptsSince = 0;
    await purgeExpiredAttempts(db, now);
  }
  const keys = attemptKeys(keyring.indexKey, email, input.client);
  const admission = await admitAttempt(db, keys, now, limits);
  if (!admission.admitted)
    throw new AppError("RATE_LIMITED", "too many failed sign-ins; try again later", {
      retryAfterSeconds: retryAfterSeconds(admission.retryAfterMs),
    });
  const login = await checkPassword(deps, email, input.password);
  if (!login) throw new AppError("UNAUTHENTICATED", "e-mail or password is wrong");
  await forgiveAttempt(db, keys);
  const issued = issueSessionSecret(login.tenant_id);
  const csrfToken = newCsrfToken();
  return inScope(db, { tenantId: login.tenant_id }, async (tx) => {
    const scope = await loadScope(tx, login.tenant_id, login.user_id, input.requestId);
    if (!scope) throw new AppError("UNAUTHENTICATED", "e-mail or password is wrong");
    await insertSession(
      tx,
      { tenantId: login.tenant_id },
      {
        id: issued.hash,
        userId: login.user_id,
        csrfToken,
        expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
      },
    );
    await recordAudit(tx, scope, { action: "auth.login", targetType: "user", targetId: login.user_id });
    return { sessionSecret: issued.secret, csrfToken, scope, maxAgeSeconds: SESSION_HOURS * 3600 };
  });
}

/** Resolves a session cookie value to its scope, or null when unknown or expired. */
export async function authenticateSession(
  deps: SessionsDeps,
  secret: string,
  requestId: string | null,
): Promise<Authenticated | null> {
  const { db } = deps;
  const tenantId = tenantOfSecret(secret);
  if (!tenantId || !secret.includes(".")) return null;
  return inScope(db, { tenantId }, async (tx) => {
    const found = await findSessionUser(tx, { tenantId }, hashSecret(secret));
    if (!found || new Date(found.expires_at) <= new Date()) return null;
    const scope = scopeOfUser(tenantId, found, requestId);
    return scope ? { scope, csrfToken: found.csrf_token } : null;
  });
}

/** Resolves a bearer API token to its scope, or null when unknown, expired or revoked. */
export async function authenticateToken(
  deps: SessionsDeps,
  secret: string,
  requestId: string | null,
): Promise<Authenticated | null> {
  const { db } = deps;
  const tenantId = tenantOfSecret(secret);
  if (!tenantId || !secret.startsWith("hm_")) return null;
  const found = await findTokenUser(db, { tenantId }, hashSecret(secret));
  if (!found || found.revoked_at) return null;
  if (found.expires_at && new Date(found.expires_at) <= new Date()) return null;
  const scope = scopeOfUser(tenantId, found, requestId);
  return scope ? { scope, csrfToken: null } : null;
}

/** Ends a session. */
export async function logout(deps: SessionsDeps, scope: Scope, secret: string): Promise<void> {
  const { db } = deps;
  await inScope(db, scope, async (tx) => {
    await deleteSession(tx, scope, hashSecret(secret));
    await recordAudit(tx, scope, {
      action: "auth.logout",
      targetType: "user",
      targetId: scope.userId ?? undefined,
    });
  });
}

/** The signed-in user as the web shows them. */
export async function describe(deps: SessionsDeps, scope: Scope): Promise<SessionUser> {
  const { db, keyring } = deps;
  return inScope(db, scope, async (tx) => {
    const user = await findSignedInUser(tx, scope);
    if (!user) throw new AppError("UNAUTHENTICATED", "no signed-in user");
    return {
      id: user.id,
      email: user.email,
      displayName: decryptField(keyring, user.display_name, USER_NAME_CONTEXT),
      nation: scope.tenantId,
      nationName: user.nation_name,
      office: user.office_id,
      roles: [...scope.roles],
      permissions: [...scope.permissions].sort(),
    };
  });
}

/** Sign-in with a password, cookie sessions, API tokens, and sign-out. */
export function createSessionsService(database: Database, keyring: Keyring, options: SessionsOptions = {}) {
  return bindActions(sessionsDeps(database, keyring, options), {
    login,
    authenticateSession,
    authenticateToken,
    logout,
    describe,
  });
}

export type SessionsService = ReturnType<typeof createSessionsService>;
