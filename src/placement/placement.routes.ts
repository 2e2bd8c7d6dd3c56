import { createRoute } from "@hono/zod-openapi";
import { ErrorBody } from "../platform/auth/auth.contract.ts";
import { newRouter } from "../platform/http/app-env.ts";
import { requirePermission } from "../platform/http/middleware.ts";
import { jsonContent, sendJson, signedIn, standardErrors } from "../platform/http/route-helpers.ts";
import {
  AssignmentPage,
  AssignmentQuery,
  CaseExplanation,
  CaseParam,
  OverrideCreate,
  RunCreate,
  RunDetail,
  RunIdParam,
  RunList,
} from "./placement.contract.ts";
import type { PlacementService } from "./placement.service.ts";

// The placement API under /api/v1/placement. Pathway officers run batches and override; analysts read; the
// secretariat runs regional batches. A run of another tenant answers 404.

const tags = ["placement"];
const body = <S extends typeof RunCreate | typeof OverrideCreate>(schema: S) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

/** Runs, their allocation and totals, per-case explanations and overrides. */
export function placementRoutes(service: PlacementService) {
  const router = newRouter();
  router.openapi(
    createRoute({
      method: "get",
      path: "/runs",
      tags,
      summary: "The nation's placement runs, newest first",
      security: signedIn,
      middleware: [requirePermission("placement.read")],
      responses: { 200: jsonContent(RunList, "Runs"), ...standardErrors },
    }),
    async (c) => sendJson(c, RunList, { runs: await service.listRuns(c.get("scope")) }),
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/runs",
      tags,
      summary: "Solve a batch (CSV texts of the CLI contract, or the demo batch on the pledges) and store it",
      security: signedIn,
      middleware: [requirePermission("placement.run")],
      request: body(RunCreate),
      responses: { 201: jsonContent(RunDetail, "The stored run"), ...standardErrors },
    }),
    async (c) => sendJson(c, RunDetail, await service.createRun(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/runs/{id}",
      tags,
      summary: "A run: figures, totals per nation against pledges, and each place's use",
      security: signedIn,
      middleware: [requirePermission("placement.read")],
      request: { params: RunIdParam },
      responses: { 200: jsonContent(RunDetail, "Run"), ...standardErrors },
    }),
    async (c) => sendJson(c, RunDetail, await service.getRun(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/runs/{id}/assignments",
      tags,
      summary: "A page of the run's cases with their place, next-best place and score difference",
      security: signedIn,
      middleware: [requirePermission("placement.read")],
      request: { params: RunIdParam, query: AssignmentQuery },
      responses: { 200: jsonContent(AssignmentPage, "Assignments"), ...standardErrors },
    }),
    async (c) =>
      sendJson(
        c,
        AssignmentPage,
        await service.assignments(c.get("scope"), c.req.valid("param").id, c.req.valid("query")),
      ),
  );
  router.openapi(
    createRoute({
      method: "get",
      path: "/runs/{id}/cases/{caseId}",
      tags,
      summary: "Why a case was recommended its place, the next-best place, where it may move, its overrides",
      security: signedIn,
      middleware: [requirePermission("placement.read")],
      request: { params: CaseParam },
      responses: { 200: jsonContent(CaseExplanation, "Explanation"), ...standardErrors },
    }),
    async (c) => {
      const { id, caseId } = c.req.valid("param");
      return sendJson(c, CaseExplanation, await service.explainCase(c.get("scope"), id, caseId));
    },
  );
  router.openapi(
    createRoute({
      method: "post",
      path: "/runs/{id}/cases/{caseId}/override",
      tags,
      summary: "Move a case to another allowed place with room (or take it out), with a reason",
      security: signedIn,
      middleware: [requirePermission("placement.override")],
      request: { params: CaseParam, ...body(OverrideCreate) },
      responses: {
        200: jsonContent(CaseExplanation, "The case after the override"),
        409: jsonContent(ErrorBody, "The place is full or not allowed, or the case is already there"),
        ...standardErrors,
      },
    }),
    async (c) => {
      const { id, caseId } = c.req.valid("param");
      const result = await service.overrideCase(c.get("scope"), id, caseId, c.req.valid("json"));
      return sendJson(c, CaseExplanation, result);
    },
  );
  return router;
}
