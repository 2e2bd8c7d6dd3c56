import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ErrorBody } from "../auth/auth.contract.ts";
import {
  GrantCreate,
  GrantParam,
  IdParam,
  ServiceAccountCreate,
  TokenCreate,
  TokenCreated,
  UserView,
} from "../auth/users.contract.ts";
import type { UsersService } from "../auth/users.service.ts";
import type { AppEnv } from "../http/app-env.ts";
import { defineRoute } from "../http/define-route.ts";
import { requirePermission } from "../http/middleware.ts";
import { jsonContent, sendJson, signedIn, standardErrors } from "../http/route-helpers.ts";
import { expiryOf } from "./token.routes.ts";

const tags = ["platform"];
const json = <S extends typeof ServiceAccountCreate | typeof GrantCreate | typeof TokenCreate>(
  schema: S,
) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const conflict = { 409: jsonContent(ErrorBody, "Taken, or conflicting duties") };

/** Service accounts: created by administrators, tokens issued for them, personal data granted explicitly. */
export function registerServiceAccountRoutes(router: OpenAPIHono<AppEnv>, users: UsersService) {
  router.openapi(
    createRoute({
      method: "post",
      path: "/service-accounts",
      tags,
      summary: "Create a service account (no password, no sign-in; it acts through API tokens)",
      security: signedIn,
      middleware: [requirePermission("user.manage")],
      request: json(ServiceAccountCreate),
      responses: { 201: jsonContent(UserView, "Created"), ...standardErrors, ...conflict },
    }),
    async (c) =>
      sendJson(c, UserView, await users.createServiceAccount(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/service-accounts/{id}/tokens",
      tags,
      summary: "Issue an API token acting as a service account; its secret is shown once",
      security: signedIn,
      middleware: [requirePermission("token.manage")],
      request: { params: IdParam, ...json(TokenCreate) },
      responses: { 201: jsonContent(TokenCreated, "Issued"), ...standardErrors },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const created = await users.createToken(c.get("scope"), {
        userId: c.req.valid("param").id,
        kind: "service",
        name: body.name,
        expiresAt: expiryOf(body.expiresInDays),
      });
      const expiresAt = created.expiresAt ? created.expiresAt.toISOString() : null;
      return sendJson(c, TokenCreated, { ...created, expiresAt }, 201);
    },
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/service-accounts/{id}/grants",
      tags,
      summary: "Grant a service account one role's personal-data permissions, with the reason (audited)",
      security: signedIn,
      middleware: [requirePermission("service.grant")],
      request: { params: IdParam, ...json(GrantCreate) },
      responses: { 201: jsonContent(UserView, "Granted"), ...standardErrors, ...conflict },
    }),
    async (c) =>
      sendJson(
        c,
        UserView,
        await users.grantPersonalData(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    defineRoute({
      method: "delete",
      path: "/service-accounts/{id}/grants/{role}",
      tag: "platform",
      summary: "Withdraw a grant: the account keeps the role without its personal-data permissions",
      access: "service.grant",
      request: { params: GrantParam },
      response: UserView,
    }),
    async (c) => {
      const { id, role } = c.req.valid("param");
      return sendJson(c, UserView, await users.revokePersonalData(c.get("scope"), id, role));
    },
  );
}
