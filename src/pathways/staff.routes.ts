import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { z } from "zod";
import type { Permission } from "../platform/auth/permissions.ts";
import { requirePermission } from "../platform/http/middleware.ts";
import { jsonContent, signedIn, standardErrors } from "../platform/http/route-helpers.ts";

type Method = "get" | "post" | "put";

/** A staff route: signed in, one permission, Zod in and out. */
export function staffRoute<Req extends NonNullable<RouteConfig["request"]>>(
  method: Method,
  path: string,
  permission: Permission,
  summary: string,
  request: Req,
  response: z.ZodType,
  status = 200,
) {
  return createRoute({
    method,
    path,
    tags: ["pathways"],
    summary,
    security: signedIn,
    middleware: [requirePermission(permission)] as const,
    request,
    responses: {
      [status]: jsonContent(response, summary),
      ...standardErrors,
      409: jsonContent(response, "Conflict"),
    },
  });
}

/** A required JSON body. */
export const body = <S extends z.ZodType>(schema: S) => ({
  content: { "application/json": { schema } },
  required: true,
});
