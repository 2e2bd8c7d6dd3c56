import type { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { MyQueuePage, MyQueueQuery } from "./application-worklist.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";

/** A pathway officer's queue, on the staff router. */
export function registerApplicationWorklistRoutes(
  router: ReturnType<typeof newRouter>,
  service: PathwaysService,
) {
  router.openapi(
    defineRoute({
      method: "get",
      path: "/my-queue",
      tag: "pathways",
      summary: "My queue: applications awaiting a stage or a decision, filtered, sorted and paged (audited)",
      access: "application.decide",
      request: { query: MyQueueQuery },
      response: MyQueuePage,
    }),
    async (c) =>
      sendJson(c, MyQueuePage, await service.worklist.myQueue(c.get("scope"), c.req.valid("query"))),
  );
}
