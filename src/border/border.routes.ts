import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../platform/errors.ts";
import type { AppEnv } from "../platform/http/app-env.ts";
import { newRouter } from "../platform/http/app-env.ts";
import { requirePermission } from "../platform/http/middleware.ts";
import { jsonContent, sendJson, signedIn, standardErrors } from "../platform/http/route-helpers.ts";
import type { BorderService } from "./border.service.ts";
import {
  ApprovalInput,
  ApprovalQueue,
  CbpMonthly,
  DecisionInput,
  DecisionList,
  DecisionView,
  DispositionStats,
  EncounterAssessment,
  EncounterList,
  EncounterListQuery,
  EncounterRecord,
  EncounterView,
  IdParam,
  ImportResult,
  PackInForce,
  ReturnStats,
} from "./border-records.contract.ts";
import { registerSafeguardRoutes } from "./border-safeguards.routes.ts";
import { registerVerificationRoutes } from "./border-verification.routes.ts";

// The border API under /api/v1/border. Each route declares the one permission it needs; a record of
// another nation answers 404.

const tags = ["border"];
const json = <S extends z.ZodType>(schema: S) => ({
  content: { "application/json": { schema } },
  required: true,
});
const conflict = {
  409: jsonContent(z.object({ error: z.unknown() }), "Refused in the record's current state"),
};
const MonthRange = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});

/** Encounters, assessment, decisions and statistics. */
export function borderRoutes(service: BorderService) {
  const router = newRouter();
  registerEncounterRoutes(router, service);
  registerApprovalQueue(router, service);
  registerDecisionRoutes(router, service);
  registerStatsRoutes(router, service);
  registerVerificationRoutes(router, service);
  registerSafeguardRoutes(router, service);
  return router;
}

function registerEncounterRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    createRoute({
      method: "post",
      path: "/encounters",
      tags,
      summary: "Record an encounter",
      security: signedIn,
      middleware: [requirePermission("border.record")],
      request: { body: json(EncounterRecord) },
      responses: { 201: jsonContent(EncounterView, "Recorded"), ...standardErrors },
    }),
    async (c) =>
      sendJson(c, EncounterView, await service.recordEncounter(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/encounters/import",
      tags,
      security: signedIn,
      summary: "Import an encounter CSV (text/csv body): all or nothing, errors by line and column",
      middleware: [requirePermission("border.record")],
      request: { query: z.object({ fileName: z.string().min(1).max(200).optional() }) },
      responses: { 201: jsonContent(ImportResult, "Imported (or already imported)"), ...standardErrors },
    }),
    async (c) => {
      const text = await c.req.text();
      if (text.trim() === "") throw new AppError("BAD_INPUT", "send the CSV file as the request body");
      const result = await service.importEncounters(c.get("scope"), {
        fileName: c.req.valid("query").fileName ?? "upload.csv",
        contentHash: createHash("sha256").update(text).digest("hex"),
        open: () => Readable.from([text]),
      });
      return sendJson(c, ImportResult, result, 201);
    },
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/encounters",
      tags,
      summary: "Encounters of your nation (no personal fields)",
      security: signedIn,
      middleware: [requirePermission("border.read")],
      request: { query: EncounterListQuery },
      responses: { 200: jsonContent(EncounterList, "Encounters"), ...standardErrors },
    }),
    async (c) =>
      sendJson(c, EncounterList, await service.listEncounters(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/encounters/{id}",
      tags,
      summary: "One encounter (an audited read)",
      security: signedIn,
      middleware: [requirePermission("border.read")],
      request: { params: IdParam },
      responses: { 200: jsonContent(EncounterView, "Encounter"), ...standardErrors },
    }),
    async (c) =>
      sendJson(c, EncounterView, await service.getEncounter(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/encounters/{id}/assessment",
      tags,
      security: signedIn,
      summary: "The assessment with the pack in force and the partner answers so far",
      middleware: [requirePermission("border.read")],
      request: { params: IdParam },
      responses: { 200: jsonContent(EncounterAssessment, "Assessment"), ...standardErrors, ...conflict },
    }),
    async (c) =>
      sendJson(
        c,
        EncounterAssessment,
        await service.assessEncounter(c.get("scope"), c.req.valid("param").id),
      ),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/packs/current",
      tags,
      summary: "The policy pack in force for your nation",
      security: signedIn,
      middleware: [requirePermission("border.read")],
      responses: { 200: jsonContent(PackInForce, "Pack"), ...standardErrors },
    }),
    async (c) => {
      const loaded = await service.packInForce(c.get("scope"));
      if (!loaded) throw new AppError("NOT_FOUND", "no policy pack is loaded for your nation");
      const { pack } = loaded;
      return sendJson(c, PackInForce, {
        jurisdiction: pack.jurisdiction,
        packId: loaded.packId,
        version: loaded.version,
        status: loaded.status,
        title: pack.title,
      });
    },
  );
}

function registerDecisionRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    createRoute({
      method: "post",
      path: "/encounters/{id}/decisions",
      tags,
      security: signedIn,
      summary: "Decide a disposition (refused while a safeguard is open or a required check is pending)",
      middleware: [requirePermission("border.decide")],
      request: { params: IdParam, body: json(DecisionInput) },
      responses: { 201: jsonContent(DecisionView, "Recorded"), ...standardErrors, ...conflict },
    }),
    async (c) =>
      sendJson(
        c,
        DecisionView,
        await service.decide(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/encounters/{id}/decisions",
      tags,
      summary: "An encounter's decisions",
      security: signedIn,
      middleware: [requirePermission("border.read")],
      request: { params: IdParam },
      responses: { 200: jsonContent(DecisionList, "Decisions"), ...standardErrors },
    }),
    async (c) =>
      sendJson(c, DecisionList, {
        decisions: await service.listDecisions(c.get("scope"), c.req.valid("param").id),
      }),
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/decisions/{id}/approval",
      tags,
      security: signedIn,
      summary: "Approve or reject a decision that needs a supervisor",
      middleware: [requirePermission("border.approve")],
      request: { params: IdParam, body: json(ApprovalInput) },
      responses: { 201: jsonContent(DecisionView, "Reviewed"), ...standardErrors, ...conflict },
    }),
    async (c) =>
      sendJson(
        c,
        DecisionView,
        await service.approveDecision(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
}

function registerApprovalQueue(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    createRoute({
      method: "get",
      path: "/decisions/awaiting-approval",
      tags,
      security: signedIn,
      summary: "Decisions waiting for a supervisor, with the assessment each was made on",
      middleware: [requirePermission("border.approve")],
      responses: { 200: jsonContent(ApprovalQueue, "Queue"), ...standardErrors },
    }),
    async (c) => sendJson(c, ApprovalQueue, { decisions: await service.awaitingApproval(c.get("scope")) }),
  );
}

function registerStatsRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    createRoute({
      method: "get",
      path: "/stats/dispositions",
      tags,
      security: signedIn,
      summary: "Decisions in effect by month, authority, nationality and disposition",
      middleware: [requirePermission("border.read")],
      responses: { 200: jsonContent(DispositionStats, "Counts"), ...standardErrors },
    }),
    async (c) => sendJson(c, DispositionStats, await service.dispositionStats(c.get("scope"))),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/stats/third-country-returns",
      tags,
      security: signedIn,
      summary: "Third-country returns in effect by month and receiving nation",
      middleware: [requirePermission("border.read")],
      responses: { 200: jsonContent(ReturnStats, "Counts"), ...standardErrors },
    }),
    async (c) => sendJson(c, ReturnStats, await service.returnStats(c.get("scope"))),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/stats/cbp-monthly",
      tags,
      security: signedIn,
      summary: "Your nation's monthly encounters in the CBP area-of-responsibility layout",
      middleware: [requirePermission("border.read")],
      request: { query: MonthRange },
      responses: { 200: jsonContent(CbpMonthly, "Rows"), ...standardErrors },
    }),
    async (c) =>
      sendJson(c, CbpMonthly, { rows: await service.cbpMonthly(c.get("scope"), c.req.valid("query")) }),
  );
}
