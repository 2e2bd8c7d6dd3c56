import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { IsoMonth, text } from "../platform/contract/primitives.contract.ts";
import { AppError } from "../platform/errors.ts";
import type { AppEnv } from "../platform/http/app-env.ts";
import { newRouter } from "../platform/http/app-env.ts";
import { allowLargeBody, MiB } from "../platform/http/body-limit.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { strictText } from "../platform/text-input.ts";
import { registerApprovalWorklistRoutes } from "./approval-worklist.routes.ts";
import { type BorderService, packInForceView } from "./border.service.ts";
import { type PersonDirectory, registerLinkRoutes, withPerson } from "./border-links.routes.ts";
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
  EncounterView,
  IdParam,
  ImportResult,
  PackInForce,
  ReturnStats,
} from "./border-records.contract.ts";
import { registerSafeguardRoutes } from "./border-safeguards.routes.ts";
import { registerVerificationRoutes } from "./border-verification.routes.ts";
import { EncounterRecordToday } from "./encounter-today.contract.ts";

// The border API under /api/v1/border. Each route declares the one permission it needs; a record of
// another nation answers 404.

const conflict = { 409: "Refused in the record's current state" } as const;
const MonthRange = z.object({ from: IsoMonth.optional(), to: IsoMonth.optional() });

/**
 * The largest encounter CSV `POST /border/encounters/import` takes (413 beyond): about 300,000 encounters.
 * Larger files go through `hemisphere border import`, which streams from disk.
 */
export const BORDER_IMPORT_LIMIT = 64 * MiB;

/** Encounters, assessment, decisions and statistics; linked people are read through the registry's directory. */
export function borderRoutes(service: BorderService, directory: PersonDirectory) {
  const router = newRouter();
  allowLargeBody(router, "post", "/encounters/import", BORDER_IMPORT_LIMIT);
  registerEncounterRoutes(router, service, directory);
  registerLinkRoutes(router, service, directory);
  registerApprovalQueue(router, service);
  registerApprovalWorklistRoutes(router, service);
  registerDecisionRoutes(router, service);
  registerStatsRoutes(router, service);
  registerVerificationRoutes(router, service);
  registerSafeguardRoutes(router, service);
  return router;
}

function registerEncounterRoutes(
  router: OpenAPIHono<AppEnv>,
  service: BorderService,
  directory: PersonDirectory,
) {
  router.openapi(
    defineRoute({
      method: "post",
      path: "/encounters",
      tag: "border",
      summary: "Record an encounter",
      access: "border.record",
      request: { body: EncounterRecordToday },
      response: EncounterView,
      status: 201,
    }),
    async (c) => {
      const scope = c.get("scope");
      const view = await service.recordEncounter(scope, c.req.valid("json"));
      return sendJson(c, EncounterView, await withPerson(directory, scope, view), 201);
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/encounters/import",
      tag: "border",
      summary: "Import an encounter CSV (text/csv body): all or nothing, errors by line and column",
      access: "border.record",
      request: { query: z.object({ fileName: text(1, 200).optional() }), body: { text: "text/csv" } },
      response: ImportResult,
      status: 201,
    }),
    async (c) => {
      const fileName = c.req.valid("query").fileName ?? "upload.csv";
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const csv = strictText(bytes, fileName, { delimiter: "," });
      if (csv.trim() === "") throw new AppError("BAD_INPUT", "send the CSV file as the request body");
      const result = await service.importEncounters(c.get("scope"), {
        fileName,
        contentHash: createHash("sha256").update(bytes).digest("hex"),
        // In pieces, so the parser hands rows over as it goes instead of parsing the whole file in one turn.
        open: () => Readable.from(textPieces(csv, 64 * 1024)),
      });
      return sendJson(c, ImportResult, result, 201);
    },
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/encounters",
      tag: "border",
      summary: "Encounters of your nation (no personal fields)",
      access: "border.read",
      request: { query: EncounterListQuery },
      response: EncounterList,
    }),
    async (c) =>
      sendJson(c, EncounterList, await service.listEncounters(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/encounters/{id}",
      tag: "border",
      summary: "One encounter (an audited read)",
      access: "border.read",
      request: { params: IdParam },
      response: EncounterView,
    }),
    async (c) => {
      const scope = c.get("scope");
      const view = await service.getEncounter(scope, c.req.valid("param").id);
      return sendJson(c, EncounterView, await withPerson(directory, scope, view));
    },
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/encounters/{id}/assessment",
      tag: "border",
      summary: "The assessment with the pack in force and the partner answers so far",
      access: "border.read",
      request: { params: IdParam },
      response: EncounterAssessment,
      description: "Assessment",
      errors: conflict,
    }),
    async (c) =>
      sendJson(
        c,
        EncounterAssessment,
        await service.assessEncounter(c.get("scope"), c.req.valid("param").id),
      ),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/packs/current",
      tag: "border",
      summary: "The policy pack in force for your nation",
      access: "border.read",
      response: PackInForce,
    }),
    async (c) => {
      const loaded = await service.packInForce(c.get("scope"));
      if (!loaded) throw new AppError("NOT_FOUND", "no policy pack is loaded for your nation");
      return sendJson(c, PackInForce, packInForceView(loaded));
    },
  );
}

function registerDecisionRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    defineRoute({
      method: "post",
      path: "/encounters/{id}/decisions",
      tag: "border",
      summary: "Decide a disposition (refused while a safeguard is open or a required check is pending)",
      access: "border.decide",
      request: { params: IdParam, body: DecisionInput },
      response: DecisionView,
      status: 201,
      description: "Recorded",
      errors: conflict,
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
    defineRoute({
      method: "get",
      path: "/encounters/{id}/decisions",
      tag: "border",
      summary: "An encounter's decisions",
      access: "border.read",
      request: { params: IdParam },
      response: DecisionList,
    }),
    async (c) =>
      sendJson(c, DecisionList, {
        decisions: await service.listDecisions(c.get("scope"), c.req.valid("param").id),
      }),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/decisions/{id}/approval",
      tag: "border",
      summary: "Approve or reject a decision that needs a supervisor",
      access: "border.approve",
      request: { params: IdParam, body: ApprovalInput },
      response: DecisionView,
      status: 201,
      description: "Reviewed",
      errors: conflict,
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
    defineRoute({
      method: "get",
      path: "/decisions/awaiting-approval",
      tag: "border",
      summary: "Decisions waiting for a supervisor, with the assessment each was made on",
      access: "border.approve",
      response: ApprovalQueue,
    }),
    async (c) => sendJson(c, ApprovalQueue, await service.awaitingApproval(c.get("scope"))),
  );
}

function registerStatsRoutes(router: OpenAPIHono<AppEnv>, service: BorderService) {
  router.openapi(
    defineRoute({
      method: "get",
      path: "/stats/dispositions",
      tag: "border",
      summary: "Decisions in effect by month, authority, nationality and disposition",
      access: "border.read",
      response: DispositionStats,
    }),
    async (c) => sendJson(c, DispositionStats, await service.dispositionStats(c.get("scope"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/stats/third-country-returns",
      tag: "border",
      summary: "Third-country returns in effect by month and receiving nation",
      access: "border.read",
      response: ReturnStats,
    }),
    async (c) => sendJson(c, ReturnStats, await service.returnStats(c.get("scope"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/stats/cbp-monthly",
      tag: "border",
      summary: "Your nation's monthly encounters in the CBP area-of-responsibility layout",
      access: "border.read",
      request: { query: MonthRange },
      response: CbpMonthly,
    }),
    async (c) =>
      sendJson(c, CbpMonthly, { rows: await service.cbpMonthly(c.get("scope"), c.req.valid("query")) }),
  );
}

/** `text` cut into pieces of at most `size` characters, lazily. */
function* textPieces(text: string, size: number): Generator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}
