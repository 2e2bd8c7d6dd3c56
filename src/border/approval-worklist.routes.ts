import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { ApprovalQueuePage, ApprovalQueueQuery } from "./approval-worklist.contract.ts";
import type { BorderService } from "./border.service.ts";

/** A border supervisor's queue of decisions awaiting approval. */
export function registerApprovalWorklistRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    defineRoute({
      method: "get",
      path: "/my-queue",
      tag: "border",
      summary: "My queue: decisions awaiting your approval, filtered, sorted and paged (audited)",
      access: "border.approve",
      request: { query: ApprovalQueueQuery },
      response: ApprovalQueuePage,
    }),
    async (c) =>
      sendJson(c, ApprovalQueuePage, await service.worklist.myQueue(c.get("scope"), c.req.valid("query"))),
  );
}
