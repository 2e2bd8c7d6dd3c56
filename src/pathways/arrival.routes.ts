import type { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { ApplicationPlacement } from "./applications.contract.ts";
import {
  ArrivalIdParam,
  ArrivalList,
  ArrivalQuery,
  ArrivalRecord,
  ArrivalTransferCreate,
  ArrivalView,
} from "./arrival.contract.ts";
import { UuidParam } from "./pathways.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";

/** A placed household's arrival: in the placing nation, or moved to and recorded by the receiving nation. */
export function registerArrivalRoutes(router: ReturnType<typeof newRouter>, service: PathwaysService) {
  const { arrivals } = service;
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/arrival",
      tag: "pathways",
      summary: "Record the arrival of a household placed in one of your nation's places",
      access: "application.decide",
      request: { params: UuidParam, body: ArrivalRecord },
      response: ApplicationPlacement,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        ApplicationPlacement,
        await arrivals.recordOwn(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/arrival-transfer",
      tag: "pathways",
      summary:
        "Move a household placed in another nation there, with the applicant's consent (its registry record travels under the agreement)",
      access: "application.decide",
      request: { params: UuidParam, body: ArrivalTransferCreate },
      response: ArrivalView,
      status: 201,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        ArrivalView,
        await arrivals.transfer(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/arrivals",
      tag: "pathways",
      summary: "Households placed with your nation (incoming) or placed by it elsewhere (outgoing)",
      access: "application.read",
      request: { query: ArrivalQuery },
      response: ArrivalList,
    }),
    async (c) =>
      sendJson(c, ArrivalList, {
        arrivals: await arrivals.list(c.get("scope"), c.req.valid("query").direction),
      }),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/arrivals/{id}/arrived",
      tag: "pathways",
      summary: "Record that a household moved to your nation arrived: your registry registers it",
      access: "application.decide",
      request: { params: ArrivalIdParam, body: ArrivalRecord },
      response: ArrivalView,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        ArrivalView,
        await arrivals.arrived(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
}
