import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../platform/http/app-env.ts";
import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import {
  CommunityDetail,
  CommunityList,
  CommunityQuery,
  IdParam,
  IngestResult,
  LinkCreate,
  Neighbourhood,
  RoleChange,
  RoleUpdate,
  SearchQuery,
  SearchResult,
} from "./networks.contract.ts";
import type { NetworksService } from "./networks.service.ts";
import { registerSharingRoutes } from "./sharing.routes.ts";

// The networks API under /api/v1/networks. Only investigators hold network.*; the protection side holds
// protection.read. An entity behind the wall, or of another nation, answers 404.

/** The investigator workspace, the wall and discovery across nations. */
export function networksRoutes(service: NetworksService) {
  const router = newRouter();
  registerWorkspaceRoutes(router, service);
  registerSharingRoutes(router, service);
  return router;
}

function registerWorkspaceRoutes(router: OpenAPIHono<AppEnv>, service: NetworksService) {
  router.openapi(
    defineRoute({
      method: "post",
      path: "/links",
      tag: "networks",
      summary: "Enter a link between two entities, with when and from which case",
      access: "network.write",
      request: { body: LinkCreate },
      response: IngestResult,
      status: 201,
    }),
    async (c) => sendJson(c, IngestResult, await service.addLink(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/search",
      tag: "networks",
      summary: "Find an identifier in any spelling (phones normalised to E.164)",
      access: "network.read",
      request: { query: SearchQuery },
      response: SearchResult,
    }),
    async (c) => sendJson(c, SearchResult, await service.search(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/entities/{id}/neighbourhood",
      tag: "networks",
      summary: "An entity's visible links with provenance and the entities at their other ends",
      access: "network.read",
      request: { params: IdParam },
      response: Neighbourhood,
    }),
    async (c) =>
      sendJson(c, Neighbourhood, await service.neighbourhood(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    defineRoute({
      method: "put",
      path: "/entities/{id}/role",
      tag: "networks",
      summary:
        "Set what an entity is to the investigation: suspect, client, victim or unknown (audited; victims and clients are never key actors)",
      access: "network.write",
      request: { params: IdParam, body: RoleUpdate },
      response: RoleChange,
    }),
    async (c) =>
      sendJson(
        c,
        RoleChange,
        await service.setRole(c.get("scope"), c.req.valid("param").id, c.req.valid("json").role),
      ),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/communities",
      tag: "networks",
      summary: "Communities, most suspicious first, with key actors, reasons and indicators",
      access: "network.read",
      request: { query: CommunityQuery },
      response: CommunityList,
    }),
    async (c) => sendJson(c, CommunityList, await service.communities(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/entities/{id}/community",
      tag: "networks",
      summary: "The community an entity belongs to, every member ranked",
      access: "network.read",
      request: { params: IdParam },
      response: CommunityDetail,
    }),
    async (c) =>
      sendJson(c, CommunityDetail, await service.communityOf(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/entities/{id}/case-file",
      tag: "networks",
      summary: "Export the community around an entity as an HTML case file for prosecutors (audited)",
      access: "network.export",
      request: { params: IdParam },
      response: { text: "text/html" },
      description: "Case file",
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const html = await service.caseFile(c.get("scope"), id, new Date());
      return c.body(html, 200, {
        "content-type": "text/html; charset=utf-8",
        "content-disposition": `attachment; filename="case-file-${id.slice(0, 8)}.html"`,
      }) as never;
    },
  );
}
