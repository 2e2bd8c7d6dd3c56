import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import { fieldIssue } from "../../shared/refusal.ts";
import { AppError, type ErrorCode, errorCodes } from "../errors.ts";
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
      {
        error: {
          code: "BAD_INPUT",
          message: "invalid request",
          details: { issues: error.issues.map((issue) => fieldIssue("", issue)) },
        },
      },
      400,
    );
  }
  if (error instanceof HTTPException && codeForStatus(error.status) !== "INTERNAL") {
    const code = codeForStatus(error.status);
    return c.json(
      { error: { code, message: error.message || "request failed", details: null } },
      errorCodes[code].status as ContentfulStatusCode,
    );
  }
  console.error(JSON.stringify({ level: "error", requestId, message: error.message, stack: error.stack }));
  return c.json({ error: { code: "INTERNAL", message: "internal error", details: { requestId } } }, 500);
}

/**
 * The closed code for a framework refusal (a 415 from the route's media-type gate, a 400 for malformed JSON):
 * the code with that status, else BAD_INPUT for a client error and INTERNAL (logged, hidden) for the rest.
 */
function codeForStatus(status: number): ErrorCode {
  const named = (Object.keys(errorCodes) as ErrorCode[]).find((code) => errorCodes[code].status === status);
  return named ?? (status < 500 ? "BAD_INPUT" : "INTERNAL");
}

/** 404 in the same shape for unknown API paths. */
export function handleNotFound(c: Context<AppEnv>): Response {
  return c.json(
    { error: { code: "NOT_FOUND", message: `no route for ${c.req.method} ${c.req.path}`, details: null } },
    404,
  );
}
