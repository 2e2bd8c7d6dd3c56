import type { Context } from "hono";
import { AppError } from "../platform/errors.ts";
import type { AppEnv } from "../platform/http/app-env.ts";
import { newRouter } from "../platform/http/app-env.ts";
import { limitBody } from "../platform/http/body-limit.ts";
import { clientAddress } from "../platform/http/client-address.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { FreeSlotList } from "./appointments.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";
import {
  PortalApplyRequest,
  PortalApplyResult,
  PortalAppointment,
  PortalCatalog,
  PortalCatalogQuery,
  PortalChallenge,
  PortalDownload,
  PortalDownloadRequest,
  PortalErased,
  PortalEraseRequest,
  PortalQuestionsRequest,
  PortalRecovered,
  PortalRecoveryAccepted,
  PortalRecoveryConfirm,
  PortalRecoveryRequest,
  PortalScreenRequest,
  PortalScreenResult,
  PortalShownQuestions,
  PortalSlotBook,
  PortalSlotsRequest,
  PortalStatus,
  PortalStatusRequest,
} from "./portal.contract.ts";
import type { RequestLimit } from "./portal-limits.service.ts";
import { RECOVERY_SENT } from "./portal-recovery.service.ts";

// The public portal: no account, so no permission; every route is rate limited per client address, applying
// also needs a solved bot-check challenge. Personal data only ever travels in POST bodies, never in URLs.

async function limit(c: Context<AppEnv>, limiter: RequestLimit, trustProxy: boolean): Promise<void> {
  const wait = await limiter.hit(clientAddress(c, trustProxy), Date.now());
  if (wait > 0) {
    c.header("Retry-After", String(wait));
    throw new AppError("RATE_LIMITED", `too many requests; try again in ${wait} s`, { retryAfter: wait });
  }
}

// A questionnaire's answers, a name and a contact fit in a few kilobytes; the platform's limit is for imports.
const PORTAL_BODY_LIMIT = 64 * 1024;

/** The public routes under `/portal`. */
export function portalRoutes(service: PathwaysService, options: { trustProxy: boolean }) {
  const router = newRouter();
  router.use("*", limitBody(PORTAL_BODY_LIMIT));
  const reads = (c: Context<AppEnv>) => limit(c, service.limits.reads, options.trustProxy);
  router.openapi(
    defineRoute({
      method: "get",
      path: "/catalog",
      tag: "portal",
      summary: "Published pathways and the questions they need",
      access: "public",
      request: { query: PortalCatalogQuery },
      response: PortalCatalog,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      const { lang } = c.req.valid("query");
      return sendJson(c, PortalCatalog, { lang, ...(await service.portal.catalog(lang)) });
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/screen",
      tag: "portal",
      summary: "Which pathways may fit, with reasons",
      access: "public",
      request: { body: PortalScreenRequest },
      response: PortalScreenResult,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      const input = c.req.valid("json");
      return sendJson(c, PortalScreenResult, {
        results: await service.portal.screen(input.lang, input.answers),
      });
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/questions",
      tag: "portal",
      summary: "Which questions can still change an outcome, for the answers given so far",
      access: "public",
      request: { body: PortalQuestionsRequest },
      response: PortalShownQuestions,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      return sendJson(c, PortalShownQuestions, await service.portal.questions(c.req.valid("json").answers));
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/challenge",
      tag: "portal",
      summary: "A bot-check challenge to solve before applying",
      access: "public",
      response: PortalChallenge,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      return sendJson(c, PortalChallenge, service.botCheck.issue(Date.now()));
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications",
      tag: "portal",
      summary: "Apply: returns a tracking code and a secret",
      access: "public",
      request: { body: PortalApplyRequest },
      response: PortalApplyResult,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await limit(c, service.limits.applies, options.trustProxy);
      const input = c.req.valid("json");
      const proof = await service.botCheck.verify(input.proof.token, input.proof.nonce, Date.now());
      if (!proof.ok) throw new AppError("FORBIDDEN", `bot check failed: ${proof.why}`);
      return sendJson(c, PortalApplyResult, await service.portal.apply(input, c.get("requestId")));
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/status",
      tag: "portal",
      summary: "Where an application stands (code and secret in the body)",
      access: "public",
      request: { body: PortalStatusRequest },
      response: PortalStatus,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      return sendJson(c, PortalStatus, await service.portal.status(c.req.valid("json"), c.get("requestId")));
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/download",
      tag: "portal",
      summary: "Everything held from one application, for its applicant (code and secret in the body)",
      access: "public",
      request: { body: PortalDownloadRequest },
      response: PortalDownload,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      const data = await service.portal.download(c.req.valid("json"), c.get("requestId"));
      c.header("Cache-Control", "no-store");
      return sendJson(c, PortalDownload, data);
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/delete",
      tag: "portal",
      summary: "Erase one application's personal data at its applicant's request (cannot be undone)",
      access: "public",
      request: { body: PortalEraseRequest },
      response: PortalErased,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      const data = await service.portal.erase(c.req.valid("json"), c.get("requestId"));
      c.header("Cache-Control", "no-store");
      return sendJson(c, PortalErased, data);
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/appointments/free-slots",
      tag: "portal",
      summary:
        "Free appointment slots of the coming days the applicant may choose (code and secret in the body)",
      access: "public",
      request: { body: PortalSlotsRequest },
      response: FreeSlotList,
      errors: { 409: "Conflict", 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      const data = await service.portalAppointments.freeSlots(c.req.valid("json"), c.get("requestId"));
      c.header("Cache-Control", "no-store");
      return sendJson(c, FreeSlotList, data);
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/appointments",
      tag: "portal",
      summary: "Book one of the offered free slots (code and secret in the body)",
      access: "public",
      request: { body: PortalSlotBook },
      response: PortalAppointment,
      status: 201,
      errors: { 409: "Conflict", 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      const data = await service.portalAppointments.book(c.req.valid("json"), c.get("requestId"));
      return sendJson(c, PortalAppointment, data, 201);
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/recovery",
      tag: "portal",
      summary:
        "Lost secret: send a one-time code to the contact given when applying (the same answer whether or not it matched)",
      access: "public",
      request: { body: PortalRecoveryRequest },
      response: PortalRecoveryAccepted,
      status: 202,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      await service.portal.requestRecovery(c.req.valid("json"), c.get("requestId"));
      c.header("Cache-Control", "no-store");
      return sendJson(c, PortalRecoveryAccepted, { sent: RECOVERY_SENT }, 202);
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/recovery/confirm",
      tag: "portal",
      summary: "Trade the one-time code for a new secret; the old secret stops working",
      access: "public",
      request: { body: PortalRecoveryConfirm },
      response: PortalRecovered,
      errors: { 429: "Too many requests" },
    }),
    async (c) => {
      await reads(c);
      const data = await service.portal.confirmRecovery(c.req.valid("json"), c.get("requestId"));
      c.header("Cache-Control", "no-store");
      return sendJson(c, PortalRecovered, data);
    },
  );
  return router;
}
