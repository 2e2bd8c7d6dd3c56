import { createRoute } from "@hono/zod-openapi";
import type { z } from "zod";
import type { Permission } from "../platform/auth/permissions.ts";
import { requirePermission } from "../platform/http/middleware.ts";
import { jsonContent, signedIn, standardErrors } from "../platform/http/route-helpers.ts";

type Req = {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
};

/** One registry route's OpenAPI description: method, path, the permission it needs, input and output. */
export function registryRoute<M extends "get" | "post" | "patch", P extends string, R extends Req>(def: {
  method: M;
  path: P;
  summary: string;
  permission: Permission;
  request?: R;
  response: z.ZodType;
  status?: 200 | 201;
}) {
  const request = def.request ?? ({} as R);
  return createRoute({
    method: def.method,
    path: def.path,
    tags: ["registry"],
    summary: def.summary,
    security: signedIn,
    middleware: [requirePermission(def.permission)] as const,
    request: {
      ...(request.params ? { params: request.params } : {}),
      ...(request.query ? { query: request.query } : {}),
      ...(request.body
        ? { body: { content: { "application/json": { schema: request.body } }, required: true } }
        : {}),
    } as {
      params: R["params"] extends z.ZodObject ? R["params"] : never;
      query: R["query"] extends z.ZodObject ? R["query"] : never;
      body: R["body"] extends z.ZodType
        ? { content: { "application/json": { schema: R["body"] } }; required: true }
        : never;
    },
    responses: { [def.status ?? 200]: jsonContent(def.response, def.summary), ...standardErrors },
  });
}
