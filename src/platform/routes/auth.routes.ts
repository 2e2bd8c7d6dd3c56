import { deleteCookie, setCookie } from "hono/cookie";
import { LoginRequest, SESSION_COOKIE, SessionResponse } from "../auth/auth.contract.ts";
import type { SessionsService } from "../auth/sessions.service.ts";
import { newRouter } from "../http/app-env.ts";
import { clientAddress } from "../http/client-address.ts";
import { defineRoute } from "../http/define-route.ts";
import { sendJson, sendNoContent } from "../http/route-helpers.ts";

/** Sign-in, the current session, and sign-out. */
export function authRoutes(
  sessions: SessionsService,
  options: { secureCookies: boolean; trustProxy: boolean },
) {
  const router = newRouter();
  router.openapi(
    defineRoute({
      method: "post",
      path: "/login",
      tag: "auth",
      summary: "Sign in with e-mail and password; sets the session cookie",
      access: "public",
      request: { body: LoginRequest },
      response: SessionResponse,
      description: "Signed in",
      errors: { 401: "Wrong e-mail or password", 404: false, 429: "Too many failed attempts" },
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
    defineRoute({
      method: "get",
      path: "/me",
      tag: "auth",
      summary: "The signed-in user and the CSRF token for state-changing requests",
      access: "signed-in",
      response: SessionResponse,
      description: "The current session",
      errors: { 400: false, 403: false, 404: false },
    }),
    async (c) => {
      const user = await sessions.describe(c.get("scope"));
      return sendJson(c, SessionResponse, { user, csrfToken: c.get("csrfToken") ?? "" });
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/logout",
      tag: "auth",
      summary: "Sign out: ends the session",
      access: "signed-in",
      status: 204,
      description: "Signed out",
      errors: { 400: false, 404: false },
    }),
    async (c) => {
      const secret = c.get("sessionSecret");
      if (secret) await sessions.logout(c.get("scope"), secret);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return sendNoContent(c);
    },
  );
  return router;
}
