import type { OpenAPIHono } from "@hono/zod-openapi";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../platform/http/app-env.ts";
import { requirePermission } from "../platform/http/middleware.ts";
import { jsonContent, sendJson, signedIn, standardErrors } from "../platform/http/route-helpers.ts";
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

const tags = ["border"];
const json = <S extends z.ZodType>(schema: S) => ({
  content: { "application/json": { schema } },
  required: true,
});
const AnswerResult = z.object({ id: z.uuid(), result: z.enum(["verified", "not_found"]) });

/** Adds the verification routes to the border router. */
export function registerVerificationRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    createRoute({
      method: "post",
      path: "/encounters/{id}/verifications",
      tags,
      security: signedIn,
      summary: "Ask a partner nation whether it holds a residence record for this person (sent encoded)",
      middleware: [requirePermission("border.record")],
      request: { params: IdParam, body: json(VerificationRequestInput) },
      responses: {
        201: jsonContent(VerificationView, "Requested (answered at once when the partner auto-answers)"),
        ...standardErrors,
      },
    }),
    async (c) => {
      const view = await service.requestVerification(
        c.get("scope"),
        c.req.valid("param").id,
        c.req.valid("json").country,
      );
      return sendJson(c, VerificationView, view, 201);
    },
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/encounters/{id}/verifications",
      tags,
      security: signedIn,
      summary: "The verification requests of an encounter and their answers",
      middleware: [requirePermission("border.read")],
      request: { params: IdParam },
      responses: { 200: jsonContent(VerificationList, "Requests"), ...standardErrors },
    }),
    async (c) =>
      sendJson(c, VerificationList, {
        verifications: await service.listVerifications(c.get("scope"), c.req.valid("param").id),
      }),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/verifications/inbox",
      tags,
      security: signedIn,
      summary: "Questions other nations asked yours",
      middleware: [requirePermission("verification.answer")],
      responses: { 200: jsonContent(Inbox, "Requests"), ...standardErrors },
    }),
    async (c) => sendJson(c, Inbox, { requests: await service.verificationInbox(c.get("scope")) }),
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/verifications/{id}/answer",
      tags,
      security: signedIn,
      summary: "Answer a question after review: yes with one of your permits, or no",
      middleware: [requirePermission("verification.answer")],
      request: { params: IdParam, body: json(AnswerInput) },
      responses: { 201: jsonContent(AnswerResult, "Answered"), ...standardErrors },
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
    createRoute({
      method: "put",
      path: "/verification-settings",
      tags,
      security: signedIn,
      summary: "Whether your nation answers verification questions automatically",
      middleware: [requirePermission("verification.answer")],
      request: { body: json(VerificationSettings) },
      responses: { 200: jsonContent(VerificationSettings, "Saved"), ...standardErrors },
    }),
    async (c) =>
      sendJson(
        c,
        VerificationSettings,
        await service.saveVerificationSettings(c.get("scope"), c.req.valid("json").autoAnswer),
      ),
  );
}
