import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { AppEnv } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import type { BorderService } from "./border.service.ts";
import {
  AnswerInput,
  IdParam,
  Inbox,
  VerificationList,
  VerificationRequestInput,
  VerificationSettings,
  VerificationView,
} from "./border-records.contract.ts";

// Prior-residence verification: the asking nation's officer requests, the partner answers (or its settings do).

const AnswerResult = z.object({ id: z.uuid(), result: z.enum(["verified", "not_found"]) });

/** Adds the verification routes to the border router. */
export function registerVerificationRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    defineRoute({
      method: "post",
      path: "/encounters/{id}/verifications",
      tag: "border",
      summary:
        "Ask a partner nation whether its registry holds a residence document of this person valid on a day (sent encoded)",
      access: "border.record",
      request: { params: IdParam, body: VerificationRequestInput },
      response: VerificationView,
      status: 201,
    }),
    async (c) => {
      const body = c.req.valid("json");
      const view = await service.requestVerification(
        c.get("scope"),
        c.req.valid("param").id,
        body.country,
        body.asOf,
      );
      return sendJson(c, VerificationView, view, 201);
    },
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/encounters/{id}/verifications",
      tag: "border",
      summary: "The verification requests of an encounter and their answers",
      access: "border.read",
      request: { params: IdParam },
      response: VerificationList,
    }),
    async (c) =>
      sendJson(c, VerificationList, {
        verifications: await service.listVerifications(c.get("scope"), c.req.valid("param").id),
      }),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/verifications/inbox",
      tag: "border",
      summary: "Questions other nations asked yours",
      access: "verification.answer",
      response: Inbox,
    }),
    async (c) => sendJson(c, Inbox, { requests: await service.verificationInbox(c.get("scope")) }),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/verifications/{id}/answer",
      tag: "border",
      summary: "Answer a question after review: yes for the registry person it matches, or no",
      access: "verification.answer",
      request: { params: IdParam, body: AnswerInput },
      response: AnswerResult,
      status: 201,
    }),
    async (c) =>
      sendJson(
        c,
        AnswerResult,
        await service.answerVerification(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    defineRoute({
      method: "put",
      path: "/verification-settings",
      tag: "border",
      summary: "Whether your nation answers verification questions automatically",
      access: "verification.answer",
      request: { body: VerificationSettings },
      response: VerificationSettings,
    }),
    async (c) =>
      sendJson(
        c,
        VerificationSettings,
        await service.saveVerificationSettings(c.get("scope"), c.req.valid("json").autoAnswer),
      ),
  );
}
