import { z } from "zod";
import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import {
  CaseAssign,
  CaseCreate,
  CaseList,
  CaseNote,
  CaseStatusChange,
  CaseTransfer,
  CaseView,
} from "./cases.contract.ts";
import {
  CrossmatchAnswer,
  CrossmatchRequest,
  ReferralCreate,
  ReferralDecision,
  ReferralList,
} from "./crossmatch.contract.ts";
import { IdParam } from "./registry.contract.ts";
import type { RegistryService } from "./registry.service.ts";

const CaseFilter = z.object({
  personId: z.string().uuid().optional(),
  status: z.enum(["open", "in_review", "closed"]).optional(),
});
const ReferralCreated = z.object({ id: z.string() });
const Ok = z.object({ ok: z.literal(true) });

/** Cases with their notes, assignments and transfers. */
export function casesRoutes(registry: RegistryService) {
  const r = newRouter();
  const { cases } = registry;
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/cases",
      summary: "Cases in your reach",
      access: "case.read",
      request: { query: CaseFilter },
      response: CaseList,
    }),
    async (c) =>
      sendJson(c, CaseList, { cases: await cases.listCases(c.get("scope"), c.req.valid("query")) }),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/cases",
      summary: "Open a case for a person",
      access: "case.write",
      request: { body: CaseCreate },
      response: CaseView,
      status: 201,
    }),
    async (c) => sendJson(c, CaseView, await cases.openCase(c.get("scope"), c.req.valid("json")), 201),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/cases/{id}",
      summary: "One case (the read is audited)",
      access: "case.read",
      request: { params: IdParam },
      response: CaseView,
    }),
    async (c) => sendJson(c, CaseView, await cases.getCase(c.get("scope"), c.req.valid("param").id)),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/cases/{id}/notes",
      summary: "Add a note",
      access: "case.write",
      request: { params: IdParam, body: CaseNote },
      response: CaseView,
    }),
    async (c) =>
      sendJson(
        c,
        CaseView,
        await cases.addNote(c.get("scope"), c.req.valid("param").id, c.req.valid("json").body),
      ),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/cases/{id}/status",
      summary: "Change the status",
      access: "case.write",
      request: { params: IdParam, body: CaseStatusChange },
      response: CaseView,
    }),
    async (c) =>
      sendJson(
        c,
        CaseView,
        await cases.setStatus(c.get("scope"), c.req.valid("param").id, c.req.valid("json").status),
      ),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/cases/{id}/assign",
      summary: "Assign to a caseworker, with a reason",
      access: "case.assign",
      request: { params: IdParam, body: CaseAssign },
      response: CaseView,
    }),
    async (c) => {
      const body = c.req.valid("json");
      return sendJson(
        c,
        CaseView,
        await cases.assign(c.get("scope"), c.req.valid("param").id, body.userId, body.reason),
      );
    },
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/cases/{id}/transfer",
      summary: "Transfer to another office, with a reason",
      access: "case.assign",
      request: { params: IdParam, body: CaseTransfer },
      response: CaseView,
    }),
    async (c) => {
      const body = c.req.valid("json");
      return sendJson(
        c,
        CaseView,
        await cases.transfer(c.get("scope"), c.req.valid("param").id, body.officeId, body.reason),
      );
    },
  );
  return r;
}

/** Cross-nation questions on encodings, and referrals approved by the holding nation with consent. */
export function crossmatchRoutes(registry: RegistryService) {
  const r = newRouter();
  const { crossmatch } = registry;
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/crossmatch",
      summary: "Ask the partners whether they hold a person (answers nations only)",
      access: "crossmatch.query",
      request: { body: CrossmatchRequest },
      response: CrossmatchAnswer,
    }),
    async (c) => sendJson(c, CrossmatchAnswer, await crossmatch.query(c.get("scope"), c.req.valid("json"))),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/referrals",
      summary: "Ask a holding nation for details, for a consented purpose",
      access: "case.refer",
      request: { body: ReferralCreate },
      response: ReferralCreated,
      status: 201,
    }),
    async (c) =>
      sendJson(
        c,
        ReferralCreated,
        { id: await crossmatch.requestReferral(c.get("scope"), c.req.valid("json")) },
        201,
      ),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/referrals/outgoing",
      summary: "Referrals your nation asked for",
      access: "case.refer",
      response: ReferralList,
    }),
    async (c) => sendJson(c, ReferralList, { referrals: await crossmatch.list(c.get("scope"), "outgoing") }),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/referrals/incoming",
      summary: "Referrals partners asked your nation for",
      access: "referral.decide",
      response: ReferralList,
    }),
    async (c) => sendJson(c, ReferralList, { referrals: await crossmatch.list(c.get("scope"), "incoming") }),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/referrals/{id}/decision",
      summary: "Accept (with consent), reject or revoke",
      access: "referral.decide",
      request: { params: IdParam, body: ReferralDecision },
      response: Ok,
    }),
    async (c) => {
      const body = c.req.valid("json");
      await crossmatch.decide(c.get("scope"), c.req.valid("param").id, body.decision, body.reason);
      return sendJson(c, Ok, { ok: true });
    },
  );
  return r;
}
