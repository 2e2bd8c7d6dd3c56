import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./app-env.ts";

/** Maps every thrown error to `{ error: { code, message, details } }` with its status; hides internals. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  const requestId = c.get("requestId");
  if (error instanceof AppError) {
    if (error.code === "RATE_LIMITED") {
      const wait = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (wait) c.header("Retry-After", String(wait));
    }
    return c.json(
      { error: { code: error.code, message: error.message, details: error.details ?? null } },
      error.status as ContentfulStatusCode,
    );
  }
  if (error instanceof ZodError) {
    return c.json(
      { error: { code: "BAD_INPUT", message: "invalid request", details: { issues: error.issues } } },
      400,
    );
  }
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? "PAYLOAD_TOO_LARGE" : error.status === 400 ? "BAD_INPUT" : "INTERNAL";
    return c.json(
      { error: { code, message: error.message || "request failed", details: null } },
      error.status,
    );
  }
  console.error(JSON.stringify({ level: "error", requestId, message: error.message, stack: error.stack }));
  return c.json({ error: { code: "INTERNAL", message: "internal error", details: { requestId } } }, 500);
}

/** 404 in the same shape for unknown API paths. */
export function handleNotFound(c: Context<AppEnv>): Response {
  return c.json(
    { error: { code: "NOT_FOUND", message: `no route for ${c.req.method} ${c.req.path}`, details: null } },
    404,
  );
}
