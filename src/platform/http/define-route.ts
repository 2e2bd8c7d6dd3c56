import { createRoute } from "@hono/zod-openapi";
import type { z } from "zod";
import { ErrorBody } from "../auth/auth.contract.ts";
import type { Permission } from "../auth/permissions.ts";
import { requirePermission, requireSignedIn } from "./middleware.ts";
import { jsonContent, signedIn, standardErrors } from "./route-helpers.ts";

type Method = "get" | "post" | "put" | "patch" | "delete";

/** What a route takes: path parameters, query parameters and a required JSON body, each a Zod schema. */
export interface RouteInput {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
}

/** Error answers a route gives beyond the standard ones (400, 401, 403, 404), with what they mean. */
type ExtraErrors = Partial<Record<409 | 413 | 415 | 422 | 429, string>>;

/**
 * The one way a route is declared: its method and path, the OpenAPI tag and summary, who may call it (a
 * permission, any signed-in user, or the public), its input and its answer. Access becomes the route's
 * middleware (401 without a user, 403 without the permission, the CSRF check for cookie sessions), the
 * input is validated before the handler runs, and the document lists every answer the route can give.
 */
export function defineRoute<M extends Method, P extends string, R extends RouteInput>(def: {
  method: M;
  path: P;
  tag: string;
  summary: string;
  access: Permission | "signed-in" | "public";
  request?: R;
  response: z.ZodType;
  status?: 200 | 201 | 202;
  errors?: ExtraErrors;
}) {
  const request = def.request ?? ({} as R);
  const access = def.access;
  const isPublic = access === "public";
  const middleware =
    access === "public" ? [] : [access === "signed-in" ? requireSignedIn : requirePermission(access)];
  const extra = Object.fromEntries(
    Object.entries(def.errors ?? {}).map(([status, description]) => [
      status,
      jsonContent(ErrorBody, description),
    ]),
  );
  return createRoute({
    method: def.method,
    path: def.path,
    tags: [def.tag],
    summary: def.summary,
    ...(isPublic ? {} : { security: signedIn }),
    middleware: middleware as [],
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
    responses: {
      [def.status ?? 200]: jsonContent(def.response, def.summary),
      ...(isPublic ? { 400: standardErrors[400], 404: standardErrors[404] } : standardErrors),
      ...extra,
    },
  });
}
