import { z } from "zod";
import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { registerApplicationWorklistRoutes } from "./application-worklist.routes.ts";
import { registerApplicationRoutes } from "./applications.routes.ts";
import { registerArrivalRoutes } from "./arrival.routes.ts";
import {
  CatalogList,
  CatalogSave,
  Dashboard,
  PathwayIdParam,
  PledgeList,
  PledgeSave,
  PreviewRequest,
  PreviewResult,
  Publication,
  YearParam,
} from "./pathways.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";
import { PortalCatalog, PortalCatalogQuery } from "./portal.contract.ts";
import { registerRegistryLinkRoutes } from "./registry-link.routes.ts";

const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const Saved = z.object({ id: z.string(), version: z.number().int() });

/** Staff routes: catalogue, pledges and dashboards here; applications, appointments and referrals beside. */
export function pathwaysRoutes(service: PathwaysService) {
  const router = newRouter();
  const year = (given: number | undefined) => given ?? new Date().getUTCFullYear();
  router.openapi(
    defineRoute({
      method: "get",
      path: "/catalog",
      tag: "pathways",
      summary: "Your nation's pathways",
      access: "pathway.read",
      response: CatalogList,
      errors: { 409: "Conflict" },
    }),
    async (c) => sendJson(c, CatalogList, { pathways: await service.catalog.list(c.get("scope")) }),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/questionnaire",
      tag: "pathways",
      summary:
        "The published pathways and every question they ask or once asked, in a language (to read answers by)",
      access: "application.read",
      request: { query: PortalCatalogQuery },
      response: PortalCatalog,
    }),
    async (c) => {
      const { lang } = c.req.valid("query");
      return sendJson(c, PortalCatalog, {
        lang,
        ...(await service.portal.catalog(lang, { everAsked: true })),
      });
    },
  );
  router.openapi(
    defineRoute({
      method: "put",
      path: "/catalog/{id}",
      tag: "pathways",
      summary: "Save a new version of a pathway",
      access: "pathway.manage",
      request: { params: PathwayIdParam, body: CatalogSave },
      response: Saved,
      errors: { 409: "Conflict" },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const version = await service.catalog.save(c.get("scope"), id, input.definition, input.effectiveFrom);
      return sendJson(c, Saved, { id, version });
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/catalog/{id}/publication",
      tag: "pathways",
      summary: "Publish or withdraw a pathway",
      access: "pathway.manage",
      request: { params: PathwayIdParam, body: Publication },
      response: Publication,
      errors: { 409: "Conflict" },
    }),
    async (c) => {
      const { published } = c.req.valid("json");
      await service.catalog.publish(c.get("scope"), c.req.valid("param").id, published);
      return sendJson(c, Publication, { published });
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/catalog/preview",
      tag: "pathways",
      summary: "Validate a draft and screen sample answers",
      access: "pathway.manage",
      request: { body: PreviewRequest },
      response: PreviewResult,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(c, PreviewResult, await service.catalog.preview(c.get("scope"), c.req.valid("json"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/pledges",
      tag: "pathways",
      summary: "Each nation's pledge against what it delivered",
      access: "pathway.read",
      request: { query: YearQuery },
      response: PledgeList,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        PledgeList,
        await service.dashboards.pledges(c.get("scope"), year(c.req.valid("query").year)),
      ),
  );
  router.openapi(
    defineRoute({
      method: "put",
      path: "/pledges/{year}",
      tag: "pathways",
      summary: "Set your nation's pledge for a year",
      access: "pathway.manage",
      request: { params: YearParam, body: PledgeSave },
      response: PledgeSave,
      errors: { 409: "Conflict" },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await service.dashboards.setPledge(c.get("scope"), c.req.valid("param").year, input.places, input.note);
      return sendJson(c, PledgeSave, input);
    },
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/dashboard",
      tag: "pathways",
      summary: "Applications, decisions and capacity",
      access: "pathway.read",
      request: { query: YearQuery },
      response: Dashboard,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        Dashboard,
        await service.dashboards.dashboard(c.get("scope"), year(c.req.valid("query").year)),
      ),
  );
  registerApplicationWorklistRoutes(router, service);
  registerApplicationRoutes(router, service);
  registerRegistryLinkRoutes(router, service);
  registerArrivalRoutes(router, service);
  return router;
}
