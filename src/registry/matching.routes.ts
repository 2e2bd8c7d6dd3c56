import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import type { RegistryService } from "./registry.service.ts";
import { MatchingModelView, ReviewFigures } from "./review.contract.ts";

/** Identity matching as staff see it: the model in use, and the review queue in figures. */
export function matchingRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/matching-model",
      summary: "The matching model in use: fields, agreement levels, weights and band thresholds",
      access: "identity.run",
      response: MatchingModelView,
    }),
    async (c) => sendJson(c, MatchingModelView, registry.review.matchingModel()),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/review-figures",
      summary: "The review queue of possible duplicates in figures",
      access: "person.merge",
      response: ReviewFigures,
    }),
    async (c) => sendJson(c, ReviewFigures, await registry.review.figures(c.get("scope"))),
  );
  return r;
}
