import { z } from "zod";
import {
  AgreementDecision,
  AgreementList,
  AgreementProposal,
  AgreementView,
} from "../agreements/agreements.contract.ts";
import type { AgreementsService } from "../agreements/agreements.service.ts";
import { newRouter } from "../http/app-env.ts";
import { defineRoute } from "../http/define-route.ts";
import { sendJson } from "../http/route-helpers.ts";

const IdParam = z.object({ id: z.uuid("expected an agreement id") });

/** Data-sharing agreements of the caller's nation (or the secretariat) with its partners. */
export function agreementsRoutes(agreements: AgreementsService) {
  const router = newRouter();
  router.openapi(
    defineRoute({
      method: "get",
      path: "/agreements",
      tag: "platform",
      summary: "Your data-sharing agreements with partner nations and the secretariat",
      access: "agreement.read",
      response: AgreementList,
    }),
    async (c) => sendJson(c, AgreementList, { agreements: await agreements.list(c.get("scope")) }),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/agreements",
      tag: "platform",
      summary: "Propose a data-sharing agreement to a partner (it binds once the partner accepts it)",
      access: "agreement.manage",
      request: { body: AgreementProposal },
      response: AgreementView,
      status: 201,
      errors: { 409: "A live agreement with this partner already exists" },
    }),
    async (c) =>
      sendJson(c, AgreementView, await agreements.propose(c.get("scope"), c.req.valid("json")), 201),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/agreements/{id}/decision",
      tag: "platform",
      summary:
        "Accept (the partner), suspend, resume (the side that suspended) or end an agreement, with a reason",
      access: "agreement.manage",
      request: { params: IdParam, body: AgreementDecision },
      response: AgreementView,
      errors: { 409: "The agreement's status does not allow this decision" },
    }),
    async (c) =>
      sendJson(
        c,
        AgreementView,
        await agreements.decide(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  return router;
}
