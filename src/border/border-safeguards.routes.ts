import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
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

const conflict = { 409: "Refused in the safeguard's current state" } as const;

/** Adds the safeguard routes to the border router. */
export function registerSafeguardRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    defineRoute({
      method: "get",
      path: "/safeguards/open",
      tag: "border",
      summary:
        "Safeguards still open on your nation's encounters (the supervisor's queue, no personal fields)",
      access: "border.approve",
      request: { query: OpenSafeguardsQuery },
      response: OpenSafeguards,
      description: "Open safeguards",
      errors: conflict,
    }),
    async (c) =>
      sendJson(c, OpenSafeguards, await service.openSafeguards(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/encounters/{id}/safeguards",
      tag: "border",
      summary: "The safeguards the encounter opened, open or closed, with their history",
      access: "border.read",
      request: { params: IdParam },
      response: SafeguardList,
      description: "Safeguards",
      errors: conflict,
    }),
    async (c) =>
      sendJson(c, SafeguardList, {
        safeguards: await service.listSafeguards(c.get("scope"), c.req.valid("param").id),
      }),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/encounters/{id}/safeguards/{code}/closure",
      tag: "border",
      summary: "Close an open safeguard with a reason and a reference to the evidence the pack asks for",
      access: "border.approve",
      request: { params: SafeguardParam, body: SafeguardClosureInput },
      response: SafeguardList,
      status: 201,
      description: "Closed",
      errors: conflict,
    }),
    async (c) => {
      const { id, code } = c.req.valid("param");
      const safeguards = await service.closeSafeguard(c.get("scope"), id, code, c.req.valid("json"));
      return sendJson(c, SafeguardList, { safeguards }, 201);
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/encounters/{id}/safeguards/{code}/reopening",
      tag: "border",
      summary: "Reopen a closed safeguard (a correction): it holds returns again",
      access: "border.record",
      request: { params: SafeguardParam, body: SafeguardReopenInput },
      response: SafeguardList,
      status: 201,
      description: "Reopened",
      errors: conflict,
    }),
    async (c) => {
      const { id, code } = c.req.valid("param");
      const safeguards = await service.reopenSafeguard(c.get("scope"), id, code, c.req.valid("json"));
      return sendJson(c, SafeguardList, { safeguards }, 201);
    },
  );
}
