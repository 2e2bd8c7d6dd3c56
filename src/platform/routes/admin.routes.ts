import { NationList } from "../auth/auth.contract.ts";
import type { NationsService } from "../auth/nations.service.ts";
import { IdParam, RolesChange, UserCreate, UserList, UserView } from "../auth/users.contract.ts";
import type { UsersService } from "../auth/users.service.ts";
import { newRouter } from "../http/app-env.ts";
import { defineRoute } from "../http/define-route.ts";
import { sendJson } from "../http/route-helpers.ts";
import { registerServiceAccountRoutes } from "./service-account.routes.ts";
import { registerOwnTokenRoutes, registerUserTokenRoutes } from "./token.routes.ts";

const conflict = { 409: "E-mail taken, or roles with conflicting duties" } as const;

/** Nations, users and their roles, service accounts and API tokens. */
export function adminRoutes(nations: NationsService, users: UsersService) {
  const router = newRouter();
  router.openapi(
    defineRoute({
      method: "get",
      path: "/nations",
      tag: "platform",
      summary: "The partner nations and the secretariat",
      access: "nation.read",
      response: NationList,
    }),
    async (c) => sendJson(c, NationList, { nations: await nations.listNations() }),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/users",
      tag: "platform",
      summary: "Users and service accounts of your nation",
      access: "user.manage",
      response: UserList,
    }),
    async (c) => sendJson(c, UserList, { users: await users.listUsers(c.get("scope")) }),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/users",
      tag: "platform",
      summary: "Create a user of your nation (roles checked for your tenant and for separation of duties)",
      access: "user.manage",
      request: { body: UserCreate },
      response: UserView,
      status: 201,
      description: "Created",
      errors: conflict,
    }),
    async (c) => sendJson(c, UserView, await users.createUser(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    defineRoute({
      method: "put",
      path: "/users/{id}/roles",
      tag: "platform",
      summary: "Replace a user's roles (never your own; checked like at creation)",
      access: "user.manage",
      request: { params: IdParam, body: RolesChange },
      response: UserView,
      description: "Changed",
      errors: conflict,
    }),
    async (c) =>
      sendJson(
        c,
        UserView,
        await users.changeRoles(c.get("scope"), c.req.valid("param").id, c.req.valid("json").roles),
      ),
  );
  registerServiceAccountRoutes(router, users);
  registerOwnTokenRoutes(router, users);
  registerUserTokenRoutes(router, users);
  return router;
}
