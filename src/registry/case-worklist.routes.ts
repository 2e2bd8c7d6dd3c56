import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { MyCasesPage, MyCasesQuery } from "./case-worklist.contract.ts";
import type { RegistryService } from "./registry.service.ts";

/** A caseworker's worklist: the cases assigned to the caller. */
export function worklistRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/my-cases",
      summary: "My cases: the cases assigned to you, filtered, sorted and paged (audited)",
      access: "case.read",
      request: { query: MyCasesQuery },
      response: MyCasesPage,
    }),
    async (c) =>
      sendJson(c, MyCasesPage, await registry.worklist.myCases(c.get("scope"), c.req.valid("query"))),
  );
  return r;
}
