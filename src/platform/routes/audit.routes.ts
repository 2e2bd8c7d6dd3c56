import { AuditEventList, AuditQuery } from "../audit/audit.contract.ts";
import { listAuditLog } from "../audit/audit-log.service.ts";
import type { Db } from "../db/connect.ts";
import { newRouter } from "../http/app-env.ts";
import { defineRoute } from "../http/define-route.ts";
import { sendJson } from "../http/route-helpers.ts";

/** The audit log of the auditor's nation, filtered and paged. */
export function auditRoutes(db: Db) {
  const router = newRouter();
  router.openapi(
    defineRoute({
      method: "get",
      path: "/audit/events",
      tag: "audit",
      summary: "Audit events of your nation, newest first",
      access: "audit.read",
      request: { query: AuditQuery },
      response: AuditEventList,
    }),
    async (c) => sendJson(c, AuditEventList, await listAuditLog(db, c.get("scope"), c.req.valid("query"))),
  );
  return router;
}
