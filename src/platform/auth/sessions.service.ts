import { sql } from "kysely";
import { recordAudit } from "../audit/audit.ts";
import { decryptField } from "../crypto/field-crypto.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { Database, Tx } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import type { Role, SessionUser } from "./auth.contract.ts";
import { hashSecret, issueSessionSecret, newCsrfToken, tenantOfSecret } from "./credentials.ts";
import { LoginThrottle } from "./login-throttle.ts";
import { verifyPassword } from "./passwords.ts";
import { type Scope, systemScope, userScope } from "./scope.ts";
import { USER_NAME_CONTEXT } from "./users.service.ts";

const SESSION_HOURS = 8;

export interface Authenticated {
  scope: Scope;
  /** Present for cookie sessions: state-changing requests must echo it. */
  csrfToken: string | null;
}

// A fixed hash to verify against when the e-mail is unknown, so timing does not tell whether it exists.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

// The user's roles as one JSON array, read in the same statement as the user: authentication runs on every
// request, and each statement saved there is a round trip saved on every API call.
const rolesOfUser = sql<
  Role[]
>`(select coalesce(json_agg(r.role order by r.role), '[]'::json) from user_roles r
  where r.tenant_id = u.tenant_id and r.user_id = u.id)`;

interface UserRow {
  id: string;
  email: string;
  office_id: string | null;
  disabled: boolean;
  roles: Role[];
}

function scopeOfUser(tenantId: string, user: UserRow | undefined, requestId: string | null): Scope | null {
  if (!user || user.disabled) return null;
  return userScope({
    tenantId,
    userId: user.id,
    actorLabel: user.email,
    officeId: user.office_id,
    roles: user.roles,
    requestId,
  });
}

async function loadScope(
  tx: Tx,
  tenantId: string,
  userId: string,
  requestId: string | null,
): Promise<Scope | null> {
  const user = await tx
    .selectFrom("users as u")
    .select(["u.id", "u.email", "u.office_id", "u.disabled", rolesOfUser.as("roles")])
    .where("u.tenant_id", "=", tenantId)
    .where("u.id", "=", userId)
    .executeTakeFirst();
  return scopeOfUser(tenantId, user, requestId);
}

/** Sign-in with a password, cookie sessions, API tokens, and sign-out. */
export function createSessionsService(
  database: Database,
  keyring: Keyring,
  // Five failures lock one account for a while; a shared office address gets more room before it is blocked.
  throttles = { account: new LoginThrottle(5), client: new LoginThrottle(50) },
) {
  const { db } = database;
  return {
    /** Checks a password and opens a session; throttles repeated failures per e-mail and per client. */
    async login(input: { email: string; password: string; client: string; requestId: string | null }) {
      const email = input.email.trim().toLowerCase();
      const now = Date.now();
      const wait = Math.max(
        throttles.account.retryAfter(email, now),
        throttles.client.retryAfter(input.client, now),
      );
      if (wait > 0)
        throw new AppError("RATE_LIMITED", "too many failed sign-ins; try again later", {
          retryAfterSeconds: wait,
        });
      const login = await db
        .selectFrom("user_logins")
        .selectAll()
        .where("email", "=", email)
        .executeTakeFirst();
      const found = login
        ? await inScope(db, { tenantId: login.tenant_id }, (tx) =>
            tx
              .selectFrom("users")
              .select(["password_hash", "disabled"])
              .where("tenant_id", "=", login.tenant_id)
              .where("id", "=", login.user_id)
              .executeTakeFirst(),
          )
        : undefined;
      const ok = await verifyPassword(input.password, found?.password_hash ?? DUMMY_HASH);
      if (!login || !found || !ok || found.disabled) {
        throttles.account.fail(email, now);
        throttles.client.fail(input.client, now);
        if (login) {
          await inScope(db, { tenantId: login.tenant_id }, (tx) =>
            recordAudit(tx, systemScope(login.tenant_id, "auth"), {
              action: "auth.login_failed",
              targetType: "user",
              targetId: login.user_id,
            }),
          );
        }
        throw new AppError("UNAUTHENTICATED", "e-mail or password is wrong");
      }
      throttles.account.succeed(email);
      const issued = issueSessionSecret(login.tenant_id);
      const csrfToken = newCsrfToken();
      return inScope(db, { tenantId: login.tenant_id }, async (tx) => {
        const scope = await loadScope(tx, login.tenant_id, login.user_id, input.requestId);
        if (!scope) throw new AppError("UNAUTHENTICATED", "e-mail or password is wrong");
        await tx
          .insertInto("sessions")
          .values({
            tenant_id: login.tenant_id,
            id: issued.hash,
            user_id: login.user_id,
            csrf_token: csrfToken,
            expires_at: new Date(now + SESSION_HOURS * 3600_000),
          })
          .execute();
        await recordAudit(tx, scope, { action: "auth.login", targetType: "user", targetId: login.user_id });
        return { sessionSecret: issued.secret, csrfToken, scope, maxAgeSeconds: SESSION_HOURS * 3600 };
      });
    },

    /** Resolves a session cookie value to its scope, or null when unknown or expired. */
    async authenticateSession(secret: string, requestId: string | null): Promise<Authenticated | null> {
      const tenantId = tenantOfSecret(secret);
      if (!tenantId || !secret.includes(".")) return null;
      return inScope(db, { tenantId }, async (tx) => {
        const found = await tx
          .selectFrom("sessions as s")
          .innerJoin("users as u", (join) =>
            join.onRef("u.tenant_id", "=", "s.tenant_id").onRef("u.id", "=", "s.user_id"),
          )
          .select(["u.id", "u.email", "u.office_id", "u.disabled", rolesOfUser.as("roles")])
          .select(["s.csrf_token", "s.expires_at"])
          .where("s.tenant_id", "=", tenantId)
          .where("s.id", "=", hashSecret(secret))
          .executeTakeFirst();
        if (!found || new Date(found.expires_at) <= new Date()) return null;
        const scope = scopeOfUser(tenantId, found, requestId);
        return scope ? { scope, csrfToken: found.csrf_token } : null;
      });
    },

    /** Resolves a bearer API token to its scope, or null when unknown, expired or revoked. */
    async authenticateToken(secret: string, requestId: string | null): Promise<Authenticated | null> {
      const tenantId = tenantOfSecret(secret);
      if (!tenantId || !secret.startsWith("hm_")) return null;
      return inScope(db, { tenantId }, async (tx) => {
        const found = await tx
          .selectFrom("api_tokens as t")
          .innerJoin("users as u", (join) =>
            join.onRef("u.tenant_id", "=", "t.tenant_id").onRef("u.id", "=", "t.user_id"),
          )
          .select(["u.id", "u.email", "u.office_id", "u.disabled", rolesOfUser.as("roles")])
          .select(["t.expires_at", "t.revoked_at"])
          .where("t.tenant_id", "=", tenantId)
          .where("t.token_hash", "=", hashSecret(secret))
          .executeTakeFirst();
        if (!found || found.revoked_at) return null;
        if (found.expires_at && new Date(found.expires_at) <= new Date()) return null;
        const scope = scopeOfUser(tenantId, found, requestId);
        return scope ? { scope, csrfToken: null } : null;
      });
    },

    /** Ends a session. */
    async logout(scope: Scope, secret: string): Promise<void> {
      await inScope(db, scope, async (tx) => {
        await tx
          .deleteFrom("sessions")
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", hashSecret(secret))
          .execute();
        await recordAudit(tx, scope, {
          action: "auth.logout",
          targetType: "user",
          targetId: scope.userId ?? undefined,
        });
      });
    },

    /** The signed-in user as the web shows them. */
    async describe(scope: Scope): Promise<SessionUser> {
      return inScope(db, scope, async (tx) => {
        const user = await tx
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
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
