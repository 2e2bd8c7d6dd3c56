import { createRoute } from "@hono/zod-openapi";
import { NationList } from "../auth/auth.contract.ts";
import {
  IdParam,
  TokenCreate,
  TokenCreated,
  TokenList,
  UserCreate,
  UserList,
  UserView,
} from "../auth/users.contract.ts";
import type { UsersService } from "../auth/users.service.ts";
import type { Db } from "../db/connect.ts";
import { newRouter } from "../http/app-env.ts";
import { requirePermission } from "../http/middleware.ts";
import { jsonContent, sendJson, signedIn, standardErrors } from "../http/route-helpers.ts";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Nations, users and API tokens. */
export function adminRoutes(db: Db, users: UsersService) {
  const router = newRouter();
  router.openapi(
    createRoute({
      method: "get",
      path: "/nations",
      tags: ["platform"],
      summary: "The partner nations and the secretariat",
      security: signedIn,
      middleware: [requirePermission("nation.read")],
      responses: { 200: jsonContent(NationList, "Tenants"), ...standardErrors },
    }),
    async (c) => {
      const rows = await db.selectFrom("tenants").selectAll().orderBy("name").execute();
      const nations = rows.map((r) => ({ code: r.id, name: r.name, kind: r.kind, joinedOn: r.joined_on }));
      return sendJson(c, NationList, { nations });
    },
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/users",
      tags: ["platform"],
      summary: "Users of your nation",
      security: signedIn,
      middleware: [requirePermission("user.manage")],
      responses: { 200: jsonContent(UserList, "Users"), ...standardErrors },
    }),
    async (c) => sendJson(c, UserList, { users: await users.listUsers(c.get("scope")) }),
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/users",
      tags: ["platform"],
      summary: "Create a user of your nation",
      security: signedIn,
      middleware: [requirePermission("user.manage")],
      request: { body: { content: { "application/json": { schema: UserCreate } }, required: true } },
      responses: {
        201: jsonContent(UserView, "Created"),
        ...standardErrors,
        409: jsonContent(UserView, "E-mail taken"),
      },
    }),
    async (c) => sendJson(c, UserView, await users.createUser(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      tags: ["platform"],
      summary: "API tokens of your nation (never their secrets)",
      security: signedIn,
      middleware: [requirePermission("token.manage")],
      responses: { 200: jsonContent(TokenList, "Tokens"), ...standardErrors },
    }),
    async (c) => {
      const rows = await users.listTokens(c.get("scope"));
      const tokens = rows.map((t) => ({
        id: t.id,
        userId: t.user_id,
        name: t.name,
        createdAt: new Date(t.created_at).toISOString(),
        expiresAt: iso(t.expires_at),
        revokedAt: iso(t.revoked_at),
        lastUsedAt: iso(t.last_used_at),
      }));
      return sendJson(c, TokenList, { tokens });
    },
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags: ["platform"],
      summary: "Issue an API token; its secret is shown once",
      security: signedIn,
      middleware: [requirePermission("token.manage")],
      request: { body: { content: { "application/json": { schema: TokenCreate } }, required: true } },
      responses: { 201: jsonContent(TokenCreated, "Issued"), ...standardErrors },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const expiresAt =
        body.expiresInDays === null ? null : new Date(Date.now() + body.expiresInDays * 86400_000);
      const created = await users.createToken(c.get("scope"), {
        userId: body.userId,
        name: body.name,
        expiresAt,
      });
      return sendJson(c, TokenCreated, { ...created, expiresAt: iso(created.expiresAt) }, 201);
    },
  );
  router.openapi(
    createRoute({
      method: "delete",
      path: "/tokens/{id}",
      tags: ["platform"],
      summary: "Revoke an API token",
      security: signedIn,
      middleware: [requirePermission("token.manage")],
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" }, ...standardErrors },
    }),
    async (c) => {
      await users.revokeToken(c.get("scope"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
  return router;
}
