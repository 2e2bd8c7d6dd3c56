import { createRoute } from "@hono/zod-openapi";
import { AuditEventList, AuditQuery } from "../audit/audit.contract.ts";
import { listAuditEvents } from "../audit/audit.store.ts";
import type { Db } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { newRouter } from "../http/app-env.ts";
import { requirePermission } from "../http/middleware.ts";
import { jsonContent, sendJson, signedIn, standardErrors } from "../http/route-helpers.ts";

/** The audit log of the auditor's nation, filtered and paged. */
export function auditRoutes(db: Db) {
  const router = newRouter();
  router.openapi(
    createRoute({
      method: "get",
      path: "/audit/events",
      tags: ["audit"],
      summary: "Audit events of your nation, newest first",
      security: signedIn,
      middleware: [requirePermission("audit.read")],
      request: { query: AuditQuery },
      responses: { 200: jsonContent(AuditEventList, "Events"), ...standardErrors },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const scope = c.get("scope");
      const rows = await inScope(db, scope, (tx) => listAuditEvents(tx, scope, query));
      const events = rows.map((r) => ({
        seq: Number(r.seq),
        occurredAt: new Date(r.occurred_at).toISOString(),
        actorTenant: r.actor_tenant,
        actorUser: r.actor_user,
        actorLabel: r.actor_label,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        requestId: r.request_id,
        details: (typeof r.details === "string" ? JSON.parse(r.details) : r.details) as Record<
          string,
          unknown
        >,
        hash: r.hash,
      }));
      const last = events.at(-1);
      const nextBefore = events.length === query.limit && last ? last.seq : null;
      return sendJson(c, AuditEventList, { events, nextBefore });
    },
  );
  return router;
}
