import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { IdParam } from "./registry.contract.ts";
import type { RegistryService } from "./registry.service.ts";
import { SubjectExport } from "./subject-export.contract.ts";

/** Subject access: a person's complete record as one JSON document, never kept by a cache. */
export function subjectExportRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/people/{id}/export",
      summary:
        "Everything the nation holds about a person, for a data subject's request (unredacted; ids and counts are audited)",
      access: "person.export",
      request: { params: IdParam },
      response: SubjectExport,
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const exported = await registry.subjectExport.exportPerson(c.get("scope"), id);
      c.header("Cache-Control", "no-store");
      c.header("Content-Disposition", `attachment; filename="person-${exported.person.id}.json"`);
      return sendJson(c, SubjectExport, exported);
    },
  );
  return r;
}
