import { newRouter } from "../http/app-env.ts";
import { defineRoute } from "../http/define-route.ts";
import { sendJson } from "../http/route-helpers.ts";
import {
  RetentionKindParam,
  RetentionPeriodUpdate,
  RetentionPeriodView,
  RetentionSettings,
} from "../retention/retention.contract.ts";
import type { RetentionService } from "../retention/retention.service.ts";

/** The caller's nation's retention periods: how long each kind of record is kept before it is erased. */
export function retentionRoutes(retention: RetentionService) {
  const router = newRouter();
  router.openapi(
    defineRoute({
      method: "get",
      path: "/retention",
      tag: "platform",
      summary: "Your nation's retention period for each kind of record (null: kept, the default)",
      access: "retention.manage",
      response: RetentionSettings,
    }),
    async (c) => sendJson(c, RetentionSettings, await retention.settings(c.get("scope"))),
  );
  router.openapi(
    defineRoute({
      method: "put",
      path: "/retention/{kind}",
      tag: "platform",
      summary:
        "Set your nation's retention period for one kind of record in days, or null to keep its records (audited)",
      access: "retention.manage",
      request: { params: RetentionKindParam, body: RetentionPeriodUpdate },
      response: RetentionPeriodView,
    }),
    async (c) =>
      sendJson(
        c,
        RetentionPeriodView,
        await retention.setPeriod(c.get("scope"), c.req.valid("param").kind, c.req.valid("json").days),
      ),
  );
  return router;
}
