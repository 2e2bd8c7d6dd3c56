import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { IdParam } from "./registry.contract.ts";
import type { RegistryService } from "./registry.service.ts";
import { Timeline } from "./timeline.contract.ts";

/** A person's path through registry, border, pathways and the rest, as far as the caller may see it. */
export function timelineRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/people/{id}/timeline",
      summary:
        "A person's steps through the framework, oldest first: only the capabilities the caller may read (audited as a person read)",
      access: "person.read",
      request: { params: IdParam },
      response: Timeline,
    }),
    async (c) =>
      sendJson(c, Timeline, await registry.timeline.timelineOf(c.get("scope"), c.req.valid("param").id)),
  );
  return r;
}
