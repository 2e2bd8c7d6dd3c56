import type { OpenAPIHono } from "@hono/zod-openapi";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../platform/http/app-env.ts";
import { requirePermission } from "../platform/http/middleware.ts";
import { jsonContent, sendJson, signedIn, standardErrors } from "../platform/http/route-helpers.ts";
import type { BorderService } from "./border.service.ts";
import { IdParam } from "./border-records.contract.ts";
import {
  OpenSafeguards,
  OpenSafeguardsQuery,
  SafeguardClosureInput,
  SafeguardList,
  SafeguardParam,
  SafeguardReopenInput,
} from "./border-safeguards.contract.ts";

// Safeguards on the record: any border reader sees them; only a supervisor (border.approve) closes one, with
// evidence; any recording officer may reopen one, because reopening only adds protection.

const tags = ["border"];
const json = <S extends z.ZodType>(schema: S) => ({
  content: { "application/json": { schema } },
  required: true,
});
const conflict = {
  409: jsonContent(z.object({ error: z.unknown() }), "Refused in the safeguard's current state"),
};

/** Adds the safeguard routes to the border router. */
export function registerSafeguardRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    createRoute({
      method: "get",
      path: "/safeguards/open",
      tags,
      security: signedIn,
      summary:
        "Safeguards still open on your nation's encounters (the supervisor's queue, no personal fields)",
      middleware: [requirePermission("border.approve")],
      request: { query: OpenSafeguardsQuery },
      responses: { 200: jsonContent(OpenSafeguards, "Open safeguards"), ...standardErrors, ...conflict },
    }),
    async (c) =>
      sendJson(c, OpenSafeguards, await service.openSafeguards(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/encounters/{id}/safeguards",
      tags,
      security: signedIn,
      summary: "The safeguards the encounter opened, open or closed, with their history",
      middleware: [requirePermission("border.read")],
      request: { params: IdParam },
      responses: { 200: jsonContent(SafeguardList, "Safeguards"), ...standardErrors, ...conflict },
    }),
    async (c) =>
      sendJson(c, SafeguardList, {
        safeguards: await service.listSafeguards(c.get("scope"), c.req.valid("param").id),
      }),
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/encounters/{id}/safeguards/{code}/closure",
      tags,
      security: signedIn,
      summary: "Close an open safeguard with a reason and a reference to the evidence the pack asks for",
      middleware: [requirePermission("border.approve")],
      request: { params: SafeguardParam, body: json(SafeguardClosureInput) },
      responses: { 201: jsonContent(SafeguardList, "Closed"), ...standardErrors, ...conflict },
    }),
    async (c) => {
      const { id, code } = c.req.valid("param");
      const safeguards = await service.closeSafeguard(c.get("scope"), id, code, c.req.valid("json"));
      return sendJson(c, SafeguardList, { safeguards }, 201);
    },
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/encounters/{id}/safeguards/{code}/reopening",
      tags,
      security: signedIn,
      summary: "Reopen a closed safeguard (a correction): it holds returns again",
      middleware: [requirePermission("border.record")],
      request: { params: SafeguardParam, body: json(SafeguardReopenInput) },
      responses: { 201: jsonContent(SafeguardList, "Reopened"), ...standardErrors, ...conflict },
    }),
    async (c) => {
      const { id, code } = c.req.valid("param");
      const safeguards = await service.reopenSafeguard(c.get("scope"), id, code, c.req.valid("json"));
      return sendJson(c, SafeguardList, { safeguards }, 201);
    },
  );
}
