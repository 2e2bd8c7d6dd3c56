import type { OpenAPIHono } from "@hono/zod-openapi";
import { IdParam, TokenCreate, TokenCreated, TokenList, UserTokenParam } from "../auth/users.contract.ts";
import type { UsersService } from "../auth/users.service.ts";
import { AppError } from "../errors.ts";
import type { AppEnv } from "../http/app-env.ts";
import { defineRoute } from "../http/define-route.ts";
import { sendJson, sendNoContent } from "../http/route-helpers.ts";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type TokenRow = Awaited<ReturnType<UsersService["listTokens"]>>[number];
/** A stored token as it leaves the server: never its secret, which is not even stored. */
export const presentTokens = (rows: TokenRow[]) => ({
  tokens: rows.map((t) => ({
    id: t.id,
    userId: t.user_id,
    name: t.name,
    createdAt: new Date(t.created_at).toISOString(),
    expiresAt: iso(t.expires_at),
    revokedAt: iso(t.revoked_at),
    lastUsedAt: iso(t.last_used_at),
  })),
});

/** Days from now, or null for a token that does not expire. */
export const expiryOf = (days: number | null) =>
  days === null ? null : new Date(Date.now() + days * 86400_000);

/** The signed-in user a route acts for; every HTTP scope has one, a scope without one is refused. */
function signedInUser(scope: { userId: string | null }): string {
  if (!scope.userId) throw new AppError("UNAUTHENTICATED", "sign in first");
  return scope.userId;
}

/** The caller's own API tokens: a token always acts as the one who issued it for themselves. */
export function registerOwnTokenRoutes(router: OpenAPIHono<AppEnv>, users: UsersService) {
  router.openapi(
    defineRoute({
      method: "get",
      path: "/tokens",
      tag: "platform",
      summary: "Your API tokens (never their secrets)",
      access: "token.self",
      response: TokenList,
    }),
    async (c) => {
      const scope = c.get("scope");
      return sendJson(c, TokenList, presentTokens(await users.listTokens(scope, signedInUser(scope))));
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/tokens",
      tag: "platform",
      summary: "Issue an API token acting as yourself; its secret is shown once",
      access: "token.self",
      request: { body: TokenCreate },
      response: TokenCreated,
      status: 201,
    }),
    async (c) => {
      const scope = c.get("scope");
      const body = c.req.valid("json");
      const created = await users.createToken(scope, {
        userId: signedInUser(scope),
        name: body.name,
        expiresAt: expiryOf(body.expiresInDays),
      });
      return sendJson(c, TokenCreated, { ...created, expiresAt: iso(created.expiresAt) }, 201);
    },
  );
  router.openapi(
    defineRoute({
      method: "delete",
      path: "/tokens/{id}",
      tag: "platform",
      summary: "Revoke one of your API tokens",
      access: "token.self",
      request: { params: IdParam },
      status: 204,
      description: "Revoked",
    }),
    async (c) => {
      const scope = c.get("scope");
      await users.revokeToken(scope, c.req.valid("param").id, signedInUser(scope));
      return sendNoContent(c);
    },
  );
}

/** Administrators: any user's tokens of their nation, to see and to revoke a lost or leaked one. */
export function registerUserTokenRoutes(router: OpenAPIHono<AppEnv>, users: UsersService) {
  router.openapi(
    defineRoute({
      method: "get",
      path: "/users/{id}/tokens",
      tag: "platform",
      summary: "A user's or service account's API tokens (never their secrets)",
      access: "token.manage",
      request: { params: IdParam },
      response: TokenList,
    }),
    async (c) =>
      sendJson(c, TokenList, presentTokens(await users.listTokens(c.get("scope"), c.req.valid("param").id))),
  );
  router.openapi(
    defineRoute({
      method: "delete",
      path: "/users/{id}/tokens/{tokenId}",
      tag: "platform",
      summary: "Revoke a user's or service account's API token",
      access: "token.manage",
      request: { params: UserTokenParam },
      status: 204,
      description: "Revoked",
    }),
    async (c) => {
      const { id, tokenId } = c.req.valid("param");
      await users.revokeToken(c.get("scope"), tokenId, id);
      return sendNoContent(c);
    },
  );
}
