import type { z } from "@hono/zod-openapi";
import { newRouter } from "../platform/http/app-env.ts";
import { allowLargeBody, MiB } from "../platform/http/body-limit.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson, sendNoContent } from "../platform/http/route-helpers.ts";
import {
  DimensionsQuery,
  DimensionsResult,
  EventsQuery,
  EventsResult,
  ForecastQuery,
  ForecastResult,
  ImportQuery,
  ImportResult,
  ReleaseIdParam,
  ReleaseList,
  ReleaseListQuery,
  RevisionsQuery,
  RevisionsResult,
  SeriesQuery,
  SeriesResult,
  SurgesQuery,
  SurgesResult,
} from "./flows.contract.ts";
import type { createFlowsService } from "./flows.service.ts";

type FlowsService = ReturnType<typeof createFlowsService>;

/**
 * The largest statistics file `POST /flows/releases` takes (413 beyond): ten times the largest real release
 * (CBP's state table, 2.8 MB). Larger files go through `hemisphere flows import`.
 */
export const FLOWS_UPLOAD_LIMIT = 32 * MiB;

const read = <Q extends z.ZodObject, R extends z.ZodType>(
  path: string,
  summary: string,
  query: Q,
  result: R,
) =>
  defineRoute({
    method: "get",
    path: path,
    tag: "flows",
    summary: summary,
    access: "flows.read",
    request: { query },
    response: result,
  });

/** Releases (import, publish, list), series, dimensions, surges, forecasts and revisions under `/flows`. */
export function flowsRoutes(flows: FlowsService) {
  const router = newRouter();
  allowLargeBody(router, "post", "/releases", FLOWS_UPLOAD_LIMIT);
  router.openapi(
    read("/releases", "Releases you may read, newest first", ReleaseListQuery, ReleaseList),
    async (c) =>
      sendJson(c, ReleaseList, {
        releases: await flows.releases(c.get("scope"), c.req.valid("query").source),
      }),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/releases",
      tag: "flows",
      summary: "Import a statistics file (CSV text) as a release; the same file twice changes nothing",
      access: "flows.import",
      request: { query: ImportQuery, body: { text: "text/csv" } },
      response: ImportResult,
      status: 201,
      description: "Imported",
      responses: { 200: { response: ImportResult, description: "Already imported: nothing changed" } },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const content = new Uint8Array(await c.req.arrayBuffer());
      const result = await flows.importFiles(c.get("scope"), [{ name: q.name, content }], {
        source: q.source,
        ...(q.label ? { label: q.label } : {}),
        publish: q.publish === "true",
      });
      return sendJson(c, ImportResult, result, result.changed ? 201 : 200);
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/releases/{id}/publish",
      tag: "flows",
      summary: "Publish one of your nation's releases to every partner",
      access: "flows.publish",
      request: { params: ReleaseIdParam },
      status: 204,
      description: "Published",
    }),
    async (c) => {
      await flows.publish(c.get("scope"), c.req.valid("param").id);
      return sendNoContent(c);
    },
  );
  router.openapi(
    read("/series", "A measure per month or year, filtered and grouped", SeriesQuery, SeriesResult),
    async (c) => sendJson(c, SeriesResult, await flows.series(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    read("/dimensions", "Dimensions of a source and their values", DimensionsQuery, DimensionsResult),
    async (c) => {
      const q = c.req.valid("query");
      return sendJson(c, DimensionsResult, await flows.dimensions(c.get("scope"), q.source, q.release));
    },
  );
  router.openapi(
    read(
      "/surges",
      "Year-over-year surges and forecast outliers in recent months",
      SurgesQuery,
      SurgesResult,
    ),
    async (c) => sendJson(c, SurgesResult, await flows.surges(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    read(
      "/forecast",
      "A monthly series and its forecast with 80% and 95% intervals",
      ForecastQuery,
      ForecastResult,
    ),
    async (c) => sendJson(c, ForecastResult, await flows.forecast(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    read("/events", "Dated policy events (from the border policy packs)", EventsQuery, EventsResult),
    async (c) => sendJson(c, EventsResult, flows.events(c.req.valid("query").citizenship_iso)),
  );
  router.openapi(
    read("/revisions", "Figures that changed between two releases", RevisionsQuery, RevisionsResult),
    async (c) => {
      const q = c.req.valid("query");
      return sendJson(
        c,
        RevisionsResult,
        await flows.revisions(c.get("scope"), q.source, q.from, q.to, q.limit),
      );
    },
  );
  return router;
}
