import type { OpenAPIHono } from "@hono/zod-openapi";
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
import { sendJson } from "../http/route-helpers.ts";
import { expiryOf } from "./token.routes.ts";

const conflict = { 409: "Taken, or conflicting duties" } as const;

/** Service accounts: created by administrators, tokens issued for them, personal data granted explicitly. */
export function registerServiceAccountRoutes(router: OpenAPIHono<AppEnv>, users: UsersService) {
  router.openapi(
    defineRoute({
      method: "post",
      path: "/service-accounts",
      tag: "platform",
      summary: "Create a service account (no password, no sign-in; it acts through API tokens)",
      access: "user.manage",
      request: { body: ServiceAccountCreate },
      response: UserView,
      status: 201,
      description: "Created",
      errors: conflict,
    }),
    async (c) =>
      sendJson(c, UserView, await users.createServiceAccount(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/service-accounts/{id}/tokens",
      tag: "platform",
      summary: "Issue an API token acting as a service account; its secret is shown once",
      access: "token.manage",
      request: { params: IdParam, body: TokenCreate },
      response: TokenCreated,
      status: 201,
      description: "Issued",
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
    defineRoute({
      method: "post",
      path: "/service-accounts/{id}/grants",
      tag: "platform",
      summary: "Grant a service account one role's personal-data permissions, with the reason (audited)",
      access: "service.grant",
      request: { params: IdParam, body: GrantCreate },
      response: UserView,
      status: 201,
      description: "Granted",
      errors: conflict,
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
