import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { z } from "zod";
import { ErrorBody } from "../platform/auth/auth.contract.ts";
import { AppError } from "../platform/errors.ts";
import type { AppEnv } from "../platform/http/app-env.ts";
import { newRouter } from "../platform/http/app-env.ts";
import { clientAddress } from "../platform/http/client-address.ts";
import { jsonContent, sendJson } from "../platform/http/route-helpers.ts";
import {
  PortalApplyRequest,
  PortalApplyResult,
  PortalCatalog,
  PortalCatalogQuery,
  PortalChallenge,
  PortalScreenRequest,
  PortalScreenResult,
  PortalStatus,
  PortalStatusRequest,
} from "./pathways.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";
import type { RateLimiter } from "./rate-limit.ts";

// The public portal: no account, so no permission; every route is rate limited per client address, applying
// also needs a solved bot-check challenge. Personal data only ever travels in POST bodies, never in URLs.

const errors = {
  400: jsonContent(ErrorBody, "Invalid input"),
  404: jsonContent(ErrorBody, "Not found"),
  429: jsonContent(ErrorBody, "Too many requests"),
} as const;
const body = <S extends z.ZodType>(schema: S) => ({
  content: { "application/json": { schema } },
  required: true,
});
const publicRoute = <M extends "get" | "post", R extends object>(
  method: M,
  path: string,
  summary: string,
  request: R,
  response: z.ZodType,
) =>
  createRoute({
    method,
    path,
    tags: ["portal"],
    summary,
    request,
    responses: { 200: jsonContent(response, summary), ...errors },
  });

function limit(c: Context<AppEnv>, limiter: RateLimiter, family: string, trustProxy: boolean): void {
  const wait = limiter.hit(`${family}:${clientAddress(c, trustProxy)}`, Date.now());
  if (wait > 0) {
    c.header("Retry-After", String(wait));
    throw new AppError("RATE_LIMITED", `too many requests; try again in ${wait} s`, { retryAfter: wait });
  }
}

/** The public routes under `/portal`. */
export function portalRoutes(service: PathwaysService, options: { trustProxy: boolean }) {
  const router = newRouter();
  const reads = (c: Context<AppEnv>) => limit(c, service.limits.reads, "read", options.trustProxy);
  router.openapi(
    publicRoute(
      "get",
      "/catalog",
      "Published pathways and the questions they need",
      { query: PortalCatalogQuery },
      PortalCatalog,
    ),
    async (c) => {
      reads(c);
      const { lang } = c.req.valid("query");
      return sendJson(c, PortalCatalog, { lang, ...(await service.portal.catalog(lang)) });
    },
  );
  router.openapi(
    publicRoute(
      "post",
      "/screen",
      "Which pathways may fit, with reasons",
      { body: body(PortalScreenRequest) },
      PortalScreenResult,
    ),
    async (c) => {
      reads(c);
      const input = c.req.valid("json");
      return sendJson(c, PortalScreenResult, {
        results: await service.portal.screen(input.lang, input.answers),
      });
    },
  );
  router.openapi(
    publicRoute("post", "/challenge", "A bot-check challenge to solve before applying", {}, PortalChallenge),
    async (c) => {
      reads(c);
      return sendJson(c, PortalChallenge, service.botCheck.issue(Date.now()));
    },
  );
  router.openapi(
    publicRoute(
      "post",
      "/applications",
      "Apply: returns a tracking code and a secret",
      { body: body(PortalApplyRequest) },
      PortalApplyResult,
    ),
    async (c) => {
      limit(c, service.limits.applies, "apply", options.trustProxy);
      const input = c.req.valid("json");
      const proof = service.botCheck.verify(input.proof.token, input.proof.nonce, Date.now());
      if (!proof.ok) throw new AppError("FORBIDDEN", `bot check failed: ${proof.why}`);
      return sendJson(c, PortalApplyResult, await service.portal.apply(input, c.get("requestId")));
    },
  );
  router.openapi(
    publicRoute(
      "post",
      "/status",
      "Where an application stands (code and secret in the body)",
      { body: body(PortalStatusRequest) },
      PortalStatus,
    ),
    async (c) => {
      reads(c);
      return sendJson(c, PortalStatus, await service.portal.status(c.req.valid("json"), c.get("requestId")));
    },
  );
  return router;
}
