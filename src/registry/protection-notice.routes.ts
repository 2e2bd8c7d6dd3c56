import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { ProtectionNotice } from "./protection-notice.contract.ts";
import { IdParam } from "./registry.contract.ts";
import type { RegistryService } from "./registry.service.ts";

/** Whether a victim's protection record names a person: for the protection side, never its content. */
export function protectionNoticeRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/people/{id}/protection-record",
      summary:
        "Whether a victim's protection record names this person (that one exists, not its content; audited as a person read)",
      access: "protection.read",
      request: { params: IdParam },
      response: ProtectionNotice,
    }),
    async (c) =>
      sendJson(
        c,
        ProtectionNotice,
        await registry.protectionNotice.noticeOf(c.get("scope"), c.req.valid("param").id),
      ),
  );
  return r;
}
