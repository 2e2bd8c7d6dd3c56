import { recordAudit } from "../audit/audit.ts";
import { decryptField, encryptField } from "../crypto/field-crypto.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { Database } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import type { Role } from "./auth.contract.ts";
import { issueApiToken } from "./credentials.ts";
import { hashPassword, passwordProblem } from "./passwords.ts";
import type { Scope } from "./scope.ts";

/** Where staff names live encrypted, for key rotation. */
export const USER_NAME_CONTEXT = "platform.users.display_name";

export interface NewUser {
  email: string;
  displayName: string;
  password?: string | undefined;
  /** An already computed hash (bulk seeding), used when no password is given. */
  passwordHash?: string | undefined;
  roles: Role[];
  officeId?: string | null | undefined;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  officeId: string | null;
  roles: Role[];
  disabled: boolean;
}

/** Users and API tokens of a nation; every change is audited in the same transaction. */
export function createUsersService(database: Database, keyring: Keyring) {
  const { db } = database;
  return {
    /** Creates a user of the scope's nation with roles and an optional password. */
    async createUser(scope: Scope, input: NewUser): Promise<UserSummary> {
      const email = input.email.trim().toLowerCase();
      if (input.password !== undefined) {
        const problem = passwordProblem(input.password);
        if (problem) throw new AppError("BAD_INPUT", problem, { field: "password" });
      }
      if (input.roles.includes("regional_admin") && !scope.regional) {
        throw new AppError("BAD_INPUT", "the regional_admin role belongs to the regional secretariat only", {
          field: "roles",
        });
      }
      const passwordHash =
        input.password === undefined ? (input.passwordHash ?? null) : await hashPassword(input.password);
      return inScope(db, scope, async (tx) => {
        const taken = await tx
          .selectFrom("user_logins")
          .select("email")
          .where("email", "=", email)
          .executeTakeFirst();
        if (taken) throw new AppError("CONFLICT", `a user with e-mail ${email} exists already`);
        const row = await tx
          .insertInto("users")
          .values({
            tenant_id: scope.tenantId,
            email,
            display_name: encryptField(keyring, input.displayName, USER_NAME_CONTEXT),
            password_hash: passwordHash,
            office_id: input.officeId ?? null,
          })
          .returning(["id", "disabled"])
          .executeTakeFirstOrThrow();
        await tx
          .insertInto("user_logins")
          .values({ email, tenant_id: scope.tenantId, user_id: row.id })
          .execute();
        if (input.roles.length > 0) {
          await tx
            .insertInto("user_roles")
            .values(input.roles.map((role) => ({ tenant_id: scope.tenantId, user_id: row.id, role })))
            .execute();
        }
        await recordAudit(tx, scope, {
          action: "user.create",
          targetType: "user",
          targetId: row.id,
          details: { roles: input.roles },
        });
        return {
          id: row.id,
          email,
          displayName: input.displayName,
          officeId: input.officeId ?? null,
          roles: input.roles,
          disabled: false,
        };
      });
    },

    /** Lists the users of the scope's nation. */
    async listUsers(scope: Scope): Promise<UserSummary[]> {
      return inScope(db, scope, async (tx) => {
        const users = await tx
          .selectFrom("users")
          .select(["id", "email", "display_name", "office_id", "disabled"])
          .where("tenant_id", "=", scope.tenantId)
          .orderBy("email")
          .execute();
        const roles = await tx
          .selectFrom("user_roles")
          .select(["user_id", "role"])
          .where("tenant_id", "=", scope.tenantId)
          .execute();
        return users.map((u) => ({
          id: u.id,
          email: u.email,
          displayName: decryptField(keyring, u.display_name, USER_NAME_CONTEXT),
          officeId: u.office_id,
          disabled: u.disabled,
          roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role as Role),
        }));
      });
    },

    /** Issues an API token for a user of the scope's nation; the secret is returned once and stored hashed. */
    async createToken(
      scope: Scope,
      input: { userId: string; name: string; expiresAt: Date | null },
    ): Promise<{ id: string; token: string; expiresAt: Date | null }> {
      return inScope(db, scope, async (tx) => {
        const user = await tx
          .selectFrom("users")
          .select("id")
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", input.userId)
          .executeTakeFirst();
        if (!user) throw new AppError("NOT_FOUND", "user not found");
        const issued = issueApiToken(scope.tenantId);
        const row = await tx
          .insertInto("api_tokens")
          .values({
            tenant_id: scope.tenantId,
            user_id: user.id,
            name: input.name,
            token_hash: issued.hash,
            expires_at: input.expiresAt,
            revoked_at: null,
            last_used_at: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(tx, scope, {
          action: "token.create",
          targetType: "api_token",
          targetId: row.id,
          details: { userId: user.id, name: input.name },
        });
        return { id: row.id, token: issued.secret, expiresAt: input.expiresAt };
      });
    },

    /** Lists the API tokens of the scope's nation, without their secrets. */
    async listTokens(scope: Scope) {
      return inScope(db, scope, (tx) =>
        tx
          .selectFrom("api_tokens")
          .select(["id", "user_id", "name", "created_at", "expires_at", "revoked_at", "last_used_at"])
          .where("tenant_id", "=", scope.tenantId)
          .orderBy("created_at", "desc")
          .execute(),
      );
    },

    /** Revokes an API token of the scope's nation; revoking twice is harmless. */
    async revokeToken(scope: Scope, tokenId: string): Promise<void> {
      await inScope(db, scope, async (tx) => {
        const updated = await tx
          .updateTable("api_tokens")
          .set({ revoked_at: new Date() })
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", tokenId)
          .returning("id")
          .executeTakeFirst();
        if (!updated) throw new AppError("NOT_FOUND", "token not found");
        await recordAudit(tx, scope, { action: "token.revoke", targetType: "api_token", targetId: tokenId });
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
