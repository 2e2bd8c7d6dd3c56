import { newRouter } from "../platform/http/app-env.ts";
import { allowLargeBody, MiB } from "../platform/http/body-limit.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
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

/**
 * The largest body `POST /placement/runs` takes (413 beyond): its three CSV texts at the platform's batch limits
 * (10,000 cases, 1,000 places, 1,000,000 scores) fit in about 40 MB.
 */
export const PLACEMENT_RUN_LIMIT = 64 * MiB;

/** Runs, their allocation and totals, per-case explanations and overrides. */
export function placementRoutes(service: PlacementService) {
  const router = newRouter();
  allowLargeBody(router, "post", "/runs", PLACEMENT_RUN_LIMIT);
  router.openapi(
    defineRoute({
      method: "get",
      path: "/runs",
      tag: "placement",
      summary: "The nation's placement runs, newest first",
      access: "placement.read",
      response: RunList,
    }),
    async (c) => sendJson(c, RunList, { runs: await service.listRuns(c.get("scope")) }),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/runs",
      tag: "placement",
      summary: "Solve a batch (CSV texts of the CLI contract, or the demo batch on the pledges) and store it",
      access: "placement.run",
      request: { body: RunCreate },
      response: RunDetail,
      status: 201,
    }),
    async (c) => sendJson(c, RunDetail, await service.createRun(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/runs/{id}",
      tag: "placement",
      summary: "A run: figures, totals per nation against pledges, and each place's use",
      access: "placement.read",
      request: { params: RunIdParam },
      response: RunDetail,
    }),
    async (c) => sendJson(c, RunDetail, await service.getRun(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/runs/{id}/assignments",
      tag: "placement",
      summary: "A page of the run's cases with their place, next-best place and score difference",
      access: "placement.read",
      request: { params: RunIdParam, query: AssignmentQuery },
      response: AssignmentPage,
    }),
    async (c) =>
      sendJson(
        c,
        AssignmentPage,
        await service.assignments(c.get("scope"), c.req.valid("param").id, c.req.valid("query")),
      ),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/runs/{id}/cases/{caseId}",
      tag: "placement",
      summary: "Why a case was recommended its place, the next-best place, where it may move, its overrides",
      access: "placement.read",
      request: { params: CaseParam },
      response: CaseExplanation,
    }),
    async (c) => {
      const { id, caseId } = c.req.valid("param");
      return sendJson(c, CaseExplanation, await service.explainCase(c.get("scope"), id, caseId));
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/runs/{id}/cases/{caseId}/override",
      tag: "placement",
      summary: "Move a case to another allowed place with room (or take it out), with a reason",
      access: "placement.override",
      request: { params: CaseParam, body: OverrideCreate },
      response: CaseExplanation,
      description: "The case after the override",
      errors: { 409: "The place is full or not allowed, or the case is already there" },
    }),
    async (c) => {
      const { id, caseId } = c.req.valid("param");
      const result = await service.overrideCase(c.get("scope"), id, caseId, c.req.valid("json"));
      return sendJson(c, CaseExplanation, result);
    },
  );
  return router;
}
