import { z } from "zod";
import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { IdParam, PersonEdit, PersonHistory } from "./registry.contract.ts";
import type { RegistryService } from "./registry.service.ts";
import { SplitRequest } from "./review.contract.ts";

const EditResult = z.object({
  id: z.string(),
  changed: z.array(z.string()),
  versionId: z.string().nullable(),
});
const VersionParam = z.object({ id: z.string().uuid(), versionId: z.string().uuid() });

/** Correcting a person: the audited edit, the history of earlier versions, and putting one back. */
export function personEditRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "patch",
      path: "/people/{id}",
      summary: "Correct a person's fields, with a reason (the values replaced are kept in the history)",
      access: "person.write",
      request: { params: IdParam, body: PersonEdit },
      response: EditResult,
    }),
    async (c) =>
      sendJson(
        c,
        EditResult,
        await registry.edits.editPerson(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/people/{id}/history",
      summary: "Earlier versions of a person, newest first (the read is audited)",
      access: "person.read",
      request: { params: IdParam },
      response: PersonHistory,
    }),
    async (c) =>
      sendJson(c, PersonHistory, {
        versions: await registry.edits.history(c.get("scope"), c.req.valid("param").id),
      }),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/people/{id}/versions/{versionId}/restore",
      summary: "Put an earlier version of a person back, with a reason",
      access: "person.write",
      request: { params: VersionParam, body: SplitRequest },
      response: EditResult,
    }),
    async (c) => {
      const { id, versionId } = c.req.valid("param");
      return sendJson(
        c,
        EditResult,
        await registry.edits.restoreVersion(c.get("scope"), id, versionId, c.req.valid("json").reason),
      );
    },
  );
  return r;
}
