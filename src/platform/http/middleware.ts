import { randomUUID } from "node:crypto";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { refusal } from "../../shared/refusal.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../auth/auth.contract.ts";
import type { Permission } from "../auth/permissions.ts";
import type { SessionsService } from "../auth/sessions.service.ts";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./app-env.ts";

/** Gives every request an id (or keeps a sane one sent by a proxy) and returns it in `x-request-id`. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const given = c.req.header("x-request-id");
  const id = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  c.set("requestId", id);
  c.header("x-request-id", id);
  await next();
});

/**
 * Conservative browser security headers for pages and API answers. Set before the handler runs, so the answer it
 * builds (`c.json`, `c.body`) carries them from the start; set after, each would copy the finished response.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "no-referrer");
  c.header(
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  );
  if (c.req.path.startsWith("/api/")) c.header("Cache-Control", "no-store");
  await next();
});

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves credentials when a request carries them: a bearer API token, or the session cookie. It rejects
 * nothing by itself except a bearer token that is not valid; routes say what they require.
 */
export function resolveCredentials(sessions: SessionsService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const id = c.get("requestId");
    const header = c.req.header("authorization");
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const found = match?.[1] ? await sessions.authenticateToken(match[1], id) : null;
      if (!found) throw new AppError("UNAUTHENTICATED", "the API token is unknown, expired or revoked");
      c.set("scope", found.scope);
      c.set("csrfToken", null);
      c.set("sessionSecret", null);
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const found = cookie ? await sessions.authenticateSession(cookie, id) : null;
    if (found && cookie) {
      c.set("scope", found.scope);
      c.set("csrfToken", found.csrfToken);
      c.set("sessionSecret", cookie);
    }
    return next();
  });
}

/** Answers 401 without a signed-in user, and 403 when a cookie session does not echo its CSRF token. */
export const requireSignedIn = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get("scope")) throw new AppError("UNAUTHENTICATED", "sign in first", refusal("sign_in"));
  const csrf = c.get("csrfToken");
  if (csrf && !SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== csrf) {
    throw new AppError("FORBIDDEN", "missing or wrong CSRF token", refusal("csrf"));
  }
  return next();
});

/** Answers 401 without a signed-in user and 403 unless they hold the permission. */
export function requirePermission(permission: Permission) {
  return createMiddleware<AppEnv>(async (c, next) =>
    requireSignedIn(c, async () => {
      if (!c.get("scope").permissions.has(permission)) {
        throw new AppError(
          "FORBIDDEN",
          `this needs the ${permission} permission`,
          refusal("permission", { permission }),
        );
      }
      await next();
    }),
  );
}
