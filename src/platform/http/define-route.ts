import { createRoute, z } from "@hono/zod-openapi";
import { ErrorBody } from "../auth/auth.contract.ts";
import type { Permission } from "../auth/permissions.ts";
import { requirePermission, requireSignedIn } from "./middleware.ts";
import { jsonContent, signedIn, standardErrors } from "./route-helpers.ts";

type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * A text body or answer instead of JSON (a CSV upload, an HTML case file): the handler reads or writes the
 * raw text, so the router validates nothing and `c.req.valid("json")` does not exist for it.
 */
export interface TextContent {
  text: "text/csv" | "text/html";
}

/** What a route takes: path parameters, query parameters and a required body (a Zod schema for JSON, or text). */
export interface RouteInput {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType | TextContent;
}

/**
 * Error answers a route gives beyond the standard ones (400, 401, 403, 404; 400 and 404 for public routes),
 * with what they mean: a text replaces a standard answer's description, `false` drops a standard answer the
 * route cannot give.
 */
type Errors = Partial<Record<400 | 401 | 403 | 404, string | false>> &
  Partial<Record<409 | 413 | 415 | 422 | 429, string>>;

/** A success answer: its JSON schema or text content. `status: 204` answers with no body. */
type Answer =
  | { response: z.ZodType | TextContent; status?: 200 | 201 | 202 }
  | { response?: undefined; status: 204 };

/**
 * The one way a route is declared: its method and path, the OpenAPI tag and summary, who may call it (a
 * permission, any signed-in user, or the public), its input and its answer. Access becomes the route's
 * middleware (401 without a user, 403 without the permission, the CSRF check for cookie sessions), the
 * input is validated before the handler runs, and the document lists every answer the route can give:
 * the main one (described by `description`, else the summary), other successes in `responses` (a re-import
 * that changed nothing answers 200 where a new one answers 201) and the errors.
 */
export function defineRoute<M extends Method, P extends string, R extends RouteInput>(
  def: {
    method: M;
    path: P;
    tag: string;
    summary: string;
    access: Permission | "signed-in" | "public";
    request?: R;
    description?: string;
    responses?: Partial<Record<200 | 201 | 202, { response: z.ZodType; description: string }>>;
    errors?: Errors;
  } & Answer,
) {
  const request = def.request ?? ({} as R);
  const access = def.access;
  const isPublic = access === "public";
  const middleware =
    access === "public" ? [] : [access === "signed-in" ? requireSignedIn : requirePermission(access)];
  const errors: Record<string, ReturnType<typeof jsonContent>> = isPublic
    ? { 400: standardErrors[400], 404: standardErrors[404] }
    : { ...standardErrors };
  for (const [status, description] of Object.entries(def.errors ?? {})) {
    if (description === false) delete errors[status];
    else errors[status] = jsonContent(ErrorBody, description);
  }
  const others = Object.fromEntries(
    Object.entries(def.responses ?? {}).map(([status, answer]) => [
      status,
      jsonContent(answer.response, answer.description),
    ]),
  );
  const description = def.description ?? def.summary;
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
      ...(request.body ? { body: { content: bodyContent(request.body), required: true } } : {}),
    } as {
      params: R["params"] extends z.ZodObject ? R["params"] : never;
      query: R["query"] extends z.ZodObject ? R["query"] : never;
      body: R["body"] extends z.ZodType
        ? { content: { "application/json": { schema: R["body"] } }; required: true }
        : never;
    },
    responses: {
      [def.status ?? 200]: def.response
        ? { description, content: bodyContent(def.response) }
        : { description },
      ...others,
      ...errors,
    },
  });
}

/** The OpenAPI content of a body or an answer: JSON by its schema, or text of a content type. */
function bodyContent(content: z.ZodType | TextContent) {
  return isText(content)
    ? { [content.text]: { schema: z.string() } }
    : { "application/json": { schema: content } };
}

function isText(content: z.ZodType | TextContent): content is TextContent {
  return typeof (content as Partial<TextContent>).text === "string";
}
