import { z } from "zod";
import { newRouter } from "../platform/http/app-env.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { registerApplicationRoutes } from "./applications.routes.ts";
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
import { body, staffRoute } from "./staff.routes.ts";

const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const Saved = z.object({ id: z.string(), version: z.number().int() });

/** Staff routes: catalogue, pledges and dashboards here; applications, appointments and referrals beside. */
export function pathwaysRoutes(service: PathwaysService) {
  const router = newRouter();
  const year = (given: number | undefined) => given ?? new Date().getUTCFullYear();
  router.openapi(
    staffRoute("get", "/catalog", "pathway.read", "Your nation's pathways", {}, CatalogList),
    async (c) => sendJson(c, CatalogList, { pathways: await service.catalog.list(c.get("scope")) }),
  );
  router.openapi(
    staffRoute(
      "put",
      "/catalog/{id}",
      "pathway.manage",
      "Save a new version of a pathway",
      { params: PathwayIdParam, body: body(CatalogSave) },
      Saved,
    ),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const version = await service.catalog.save(c.get("scope"), id, input.definition, input.effectiveFrom);
      return sendJson(c, Saved, { id, version });
    },
  );
  router.openapi(
    staffRoute(
      "post",
      "/catalog/{id}/publication",
      "pathway.manage",
      "Publish or withdraw a pathway",
      { params: PathwayIdParam, body: body(Publication) },
      Publication,
    ),
    async (c) => {
      const { published } = c.req.valid("json");
      await service.catalog.publish(c.get("scope"), c.req.valid("param").id, published);
      return sendJson(c, Publication, { published });
    },
  );
  router.openapi(
    staffRoute(
      "post",
      "/catalog/preview",
      "pathway.manage",
      "Validate a draft and screen sample answers",
      { body: body(PreviewRequest) },
      PreviewResult,
    ),
    async (c) => sendJson(c, PreviewResult, service.catalog.preview(c.get("scope"), c.req.valid("json"))),
  );
  router.openapi(
    staffRoute(
      "get",
      "/pledges",
      "pathway.read",
      "Each nation's pledge against what it delivered",
      { query: YearQuery },
      PledgeList,
    ),
    async (c) =>
      sendJson(
        c,
        PledgeList,
        await service.dashboards.pledges(c.get("scope"), year(c.req.valid("query").year)),
      ),
  );
  router.openapi(
    staffRoute(
      "put",
      "/pledges/{year}",
      "pathway.manage",
      "Set your nation's pledge for a year",
      { params: YearParam, body: body(PledgeSave) },
      PledgeSave,
    ),
    async (c) => {
      const input = c.req.valid("json");
      await service.dashboards.setPledge(c.get("scope"), c.req.valid("param").year, input.places, input.note);
      return sendJson(c, PledgeSave, input);
    },
  );
  router.openapi(
    staffRoute(
      "get",
      "/dashboard",
      "pathway.read",
      "Applications, decisions and capacity",
      { query: YearQuery },
      Dashboard,
    ),
    async (c) =>
      sendJson(
        c,
        Dashboard,
        await service.dashboards.dashboard(c.get("scope"), year(c.req.valid("query").year)),
      ),
  );
  registerApplicationRoutes(router, service);
  return router;
}
