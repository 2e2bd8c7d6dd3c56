import { AuditEventList, AuditQuery, AuditVerification } from "../audit/audit.contract.ts";
import { listAuditLog, verifyOwnAuditLog } from "../audit/audit-log.service.ts";
import type { Database } from "../db/connect.ts";
import { newRouter } from "../http/app-env.ts";
import { defineRoute } from "../http/define-route.ts";
import { sendJson } from "../http/route-helpers.ts";

/** The audit log of the auditor's nation, filtered and paged, and its verification. */
export function auditRoutes(database: Database) {
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
    async (c) =>
      sendJson(c, AuditEventList, await listAuditLog(database.db, c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/audit/verification",
      tag: "audit",
      summary: "Verify your nation's audit log now: every event, batch root and head link",
      access: "audit.read",
      response: AuditVerification,
    }),
    async (c) => sendJson(c, AuditVerification, await verifyOwnAuditLog(database, c.get("scope"))),
  );
  return router;
}
