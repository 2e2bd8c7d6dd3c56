import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { ErasureResult, IdParam, PersonErase } from "./registry.contract.ts";
import type { RegistryService } from "./registry.service.ts";

/** Erasing a person, with a reason: afterwards the person answers 404 and no search finds them. */
export function erasureRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "delete",
      path: "/people/{id}",
      summary: "Erase a person and every record merged into them, with a reason (ids and counts are audited)",
      access: "person.erase",
      request: { params: IdParam, body: PersonErase },
      response: ErasureResult,
    }),
    async (c) =>
      sendJson(
        c,
        ErasureResult,
        await registry.erasure.erasePerson(
          c.get("scope"),
          c.req.valid("param").id,
          c.req.valid("json").reason,
        ),
      ),
  );
  return r;
}
