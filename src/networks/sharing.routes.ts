import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import {
  DecisionInput,
  DetailRequestCreate,
  DetailRequestList,
  DetailRequestView,
  IdParam,
  LegalBasisCreate,
  LegalBasisList,
  LegalBasisView,
  MatchList,
  ProtectedRecordView,
  ProtectionCreate,
  ProtectionPersonUpdate,
  ProtectionView,
  PublishResult,
} from "./networks.contract.ts";
import type { NetworksService } from "./networks.service.ts";

const conflict = { 409: "Already decided" } as const;

/** The wall (protection records, legal bases) and discovery across nations (hashes, matches, requests). */
export function registerSharingRoutes(router: OpenAPIHono<AppEnv>, service: NetworksService) {
  registerWallRoutes(router, service);
  registerDiscoveryRoutes(router, service);
}

function registerWallRoutes(router: OpenAPIHono<AppEnv>, service: NetworksService) {
  router.openapi(
    defineRoute({
      method: "post",
      path: "/protection-records",
      tag: "networks",
      summary: "Flag a case as a victim's protection record (protection side)",
      access: "protection.read",
      request: { body: ProtectionCreate },
      response: ProtectionView,
      status: 201,
    }),
    async (c) =>
      sendJson(c, ProtectionView, await service.flagProtection(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    defineRoute({
      method: "put",
      path: "/protection-records/person",
      tag: "networks",
      summary:
        "Name the registry person a protection record protects, or stop naming one (protection side; never shown to investigators)",
      access: "protection.read",
      request: { body: ProtectionPersonUpdate },
      response: ProtectionView,
    }),
    async (c) =>
      sendJson(c, ProtectionView, await service.linkProtectionPerson(c.get("scope"), c.req.valid("json"))),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/legal-bases",
      tag: "networks",
      summary: "Record the legal basis on which an investigator asks to see a protected case",
      access: "network.write",
      request: { body: LegalBasisCreate },
      response: LegalBasisView,
      status: 201,
    }),
    async (c) =>
      sendJson(c, LegalBasisView, await service.requestLegalBasis(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/legal-bases",
      tag: "networks",
      summary: "The nation's legal bases and their status",
      access: "network.read",
      response: LegalBasisList,
    }),
    async (c) =>
      sendJson(c, LegalBasisList, await service.listLegalBases(c.get("scope"), { pendingOnly: false })),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/legal-bases/pending",
      tag: "networks",
      summary: "Legal bases awaiting a decision (protection officers)",
      access: "protection.decide",
      response: LegalBasisList,
    }),
    async (c) =>
      sendJson(c, LegalBasisList, await service.listLegalBases(c.get("scope"), { pendingOnly: true })),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/legal-bases/{id}/record",
      tag: "networks",
      summary: "The protected case an approved legal basis opens: its links and entities (audited)",
      access: "network.read",
      request: { params: IdParam },
      response: ProtectedRecordView,
    }),
    async (c) =>
      sendJson(
        c,
        ProtectedRecordView,
        await service.protectedRecord(c.get("scope"), c.req.valid("param").id),
      ),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/legal-bases/{id}/decision",
      tag: "networks",
      summary: "Approve or reject a legal basis (a protection officer, never the requester)",
      access: "protection.decide",
      request: { params: IdParam, body: DecisionInput },
      response: LegalBasisView,
      description: "Decided",
      errors: conflict,
    }),
    async (c) =>
      sendJson(
        c,
        LegalBasisView,
        await service.decideLegalBasis(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
}

function registerDiscoveryRoutes(router: OpenAPIHono<AppEnv>, service: NetworksService) {
  router.openapi(
    defineRoute({
      method: "post",
      path: "/shared-hashes/publish",
      tag: "networks",
      summary: "Publish keyed hashes of the nation's visible identifiers (no raw value leaves)",
      access: "network.write",
      response: PublishResult,
    }),
    async (c) => sendJson(c, PublishResult, await service.publish(c.get("scope"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/shared-matches",
      tag: "networks",
      summary: "Identifiers of your nation that other nations hold too",
      access: "network.read",
      response: MatchList,
    }),
    async (c) => sendJson(c, MatchList, await service.matches(c.get("scope"))),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/detail-requests",
      tag: "networks",
      summary: "Ask the holding nation for details on a shared identifier",
      access: "network.write",
      request: { body: DetailRequestCreate },
      response: DetailRequestView,
      status: 201,
    }),
    async (c) =>
      sendJson(c, DetailRequestView, await service.openRequest(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/detail-requests",
      tag: "networks",
      summary: "Requests your nation sent and received",
      access: "network.read",
      response: DetailRequestList,
    }),
    async (c) => sendJson(c, DetailRequestList, await service.listRequests(c.get("scope"))),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/detail-requests/{id}/decision",
      tag: "networks",
      summary: "Approve (release a summary) or reject a request your nation received",
      access: "network.export",
      request: { params: IdParam, body: DecisionInput },
      response: DetailRequestView,
      description: "Decided",
      errors: conflict,
    }),
    async (c) =>
      sendJson(
        c,
        DetailRequestView,
        await service.decideRequest(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
}
