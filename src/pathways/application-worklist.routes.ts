import type { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import {
  ApplicationPage,
  ApplicationQuery,
  MyQueuePage,
  MyQueueQuery,
} from "./application-worklist.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";

/** The application worklists (an officer's queue, the whole queue), on the staff router. */
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
  router.openapi(
    defineRoute({
      method: "get",
      path: "/applications",
      tag: "pathways",
      summary: "The queue: the nation's applications in any stage, filtered, sorted and paged (audited)",
      access: "application.read",
      request: { query: ApplicationQuery },
      response: ApplicationPage,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(c, ApplicationPage, await service.worklist.all(c.get("scope"), c.req.valid("query"))),
  );
}
