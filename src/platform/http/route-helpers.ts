import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { ErrorBody } from "../auth/auth.contract.ts";
import type { AppEnv } from "./app-env.ts";

/** Sends `data` after checking it against its response schema, so nothing unlisted leaves the server. */
export function sendJson<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  data: z.input<S>,
  status: ContentfulStatusCode = 200,
): never {
  // The schema check at run time stands in for the router's compile-time response typing.
  return c.json(schema.parse(data) as z.output<S>, status) as never;
}

/** Answers 204 with no body, for a route declared with `status: 204`. */
export function sendNoContent(c: Context<AppEnv>): never {
  return c.body(null, 204) as never;
}

/** The OpenAPI description of a JSON body. */
export function jsonContent<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** The error answers every authenticated route may give. */
export const standardErrors = {
  400: jsonContent(ErrorBody, "Invalid input"),
  401: jsonContent(ErrorBody, "Not signed in"),
  403: jsonContent(ErrorBody, "Missing permission"),
  404: jsonContent(ErrorBody, "Not found or outside your scope"),
} as const;

/** Security requirement shared by authenticated routes in the OpenAPI document. */
export const signedIn: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
