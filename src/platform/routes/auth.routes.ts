import { createRoute } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import { ErrorBody, LoginRequest, SESSION_COOKIE, SessionResponse } from "../auth/auth.contract.ts";
import type { SessionsService } from "../auth/sessions.service.ts";
import { newRouter } from "../http/app-env.ts";
import { clientAddress } from "../http/client-address.ts";
import { requireSignedIn } from "../http/middleware.ts";
import { jsonContent, sendJson, signedIn, standardErrors } from "../http/route-helpers.ts";

/** Sign-in, the current session, and sign-out. */
export function authRoutes(
  sessions: SessionsService,
  options: { secureCookies: boolean; trustProxy: boolean },
) {
  const router = newRouter();
  router.openapi(
    createRoute({
      method: "post",
      path: "/login",
      tags: ["auth"],
      summary: "Sign in with e-mail and password; sets the session cookie",
      request: { body: { content: { "application/json": { schema: LoginRequest } }, required: true } },
      responses: {
        200: jsonContent(SessionResponse, "Signed in"),
        400: jsonContent(ErrorBody, "Invalid input"),
        401: jsonContent(ErrorBody, "Wrong e-mail or password"),
        429: jsonContent(ErrorBody, "Too many failed attempts"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const client = clientAddress(c, options.trustProxy);
      const result = await sessions.login({ ...body, client, requestId: c.get("requestId") });
      setCookie(c, SESSION_COOKIE, result.sessionSecret, {
        httpOnly: true,
        sameSite: "Strict",
        secure: options.secureCookies,
        path: "/",
        maxAge: result.maxAgeSeconds,
      });
      const user = await sessions.describe(result.scope);
      return sendJson(c, SessionResponse, { user, csrfToken: result.csrfToken });
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["auth"],
      summary: "The signed-in user and the CSRF token for state-changing requests",
      middleware: [requireSignedIn],
      security: signedIn,
      responses: { 200: jsonContent(SessionResponse, "The current session"), 401: standardErrors[401] },
    }),
    async (c) => {
      const user = await sessions.describe(c.get("scope"));
      return sendJson(c, SessionResponse, { user, csrfToken: c.get("csrfToken") ?? "" });
    },
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/logout",
      tags: ["auth"],
      summary: "Sign out: ends the session",
      middleware: [requireSignedIn],
      security: signedIn,
      responses: { 204: { description: "Signed out" }, 401: standardErrors[401], 403: standardErrors[403] },
    }),
    async (c) => {
      const secret = c.get("sessionSecret");
      if (secret) await sessions.logout(c.get("scope"), secret);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    },
  );
  return router;
}
