import { z } from "zod";
import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { displayName } from "./engine/person-record.ts";
import { round, shownReasons } from "./people.service.ts";
import {
  ConsentRecord,
  DuplicateCheck,
  FamilyLinkCreate,
  IdParam,
  PersonCreate,
  PersonInput,
  PersonView,
  SearchQuery,
  SearchResult,
} from "./registry.contract.ts";
import type { RegistryService } from "./registry.service.ts";
import {
  MergeView,
  ReviewDecision,
  ReviewItem,
  ReviewQuery,
  ReviewQueue,
  SplitRequest,
} from "./review.contract.ts";

const Created = z.object({ id: z.string(), duplicates: z.number() });
const Ok = z.object({ ok: z.literal(true) });
const ConsentResult = z.object({ stopped: z.number() });
const DecisionResult = z.object({ status: z.string(), mergeId: z.string().nullable() });
const MergeList = z.object({ merges: z.array(MergeView) });

/** People, search-before-create, consent, and the duplicate review queue with merge and split. */
export function peopleRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/people/check",
      summary: "Likely and possible duplicates of a person being registered",
      access: "person.write",
      request: { body: PersonInput },
      response: DuplicateCheck,
    }),
    async (c) =>
      sendJson(c, DuplicateCheck, {
        candidates: await registry.people.checkDuplicates(c.get("scope"), c.req.valid("json")),
      }),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/people",
      summary: "Register a person (a reason is needed when duplicates were found)",
      access: "person.write",
      request: { body: PersonCreate },
      response: Created,
      status: 201,
    }),
    async (c) =>
      sendJson(c, Created, await registry.people.createPerson(c.get("scope"), c.req.valid("json")), 201),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/people/{id}",
      summary: "One person (the read is audited)",
      access: "person.read",
      request: { params: IdParam },
      response: PersonView,
    }),
    async (c) =>
      sendJson(c, PersonView, await registry.people.getPerson(c.get("scope"), c.req.valid("param").id)),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/search",
      summary: "Search people by name and date of birth, best first",
      access: "person.read",
      request: { query: SearchQuery },
      response: SearchResult,
    }),
    async (c) => {
      const hits = await registry.people.search(c.get("scope"), c.req.valid("query"));
      return sendJson(c, SearchResult, {
        hits: hits.map((h) => ({
          id: h.row.id,
          score: round(h.score.probability),
          band: h.score.band,
          reasons: shownReasons(h.score),
          name: displayName(h.record),
          birthDate: h.record.birthDate,
          officeId: h.row.office_id,
        })),
      });
    },
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/people/{id}/family",
      summary: "Link a family member",
      access: "person.write",
      request: { params: IdParam, body: FamilyLinkCreate },
      response: Ok,
    }),
    async (c) => {
      const body = c.req.valid("json");
      await registry.people.linkFamily(
        c.get("scope"),
        c.req.valid("param").id,
        body.relatedId,
        body.relation,
      );
      return sendJson(c, Ok, { ok: true });
    },
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/people/{id}/consents",
      summary: "Record consent given or withdrawn (a withdrawal stops referrals)",
      access: "consent.manage",
      request: { params: IdParam, body: ConsentRecord },
      response: ConsentResult,
    }),
    async (c) =>
      sendJson(
        c,
        ConsentResult,
        await registry.crossmatch.recordConsent(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  reviewRoutes(r, registry);
  return r;
}

function reviewRoutes(r: ReturnType<typeof newRouter>, registry: RegistryService) {
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/reviews",
      summary: "Open possible duplicates by band, most probable (or oldest, or newest) first, paged",
      access: "person.merge",
      request: { query: ReviewQuery },
      response: ReviewQueue,
    }),
    async (c) => sendJson(c, ReviewQueue, await registry.review.queue(c.get("scope"), c.req.valid("query"))),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/reviews/{id}",
      summary: "A pair side by side",
      access: "person.merge",
      request: { params: IdParam },
      response: ReviewItem,
    }),
    async (c) => sendJson(c, ReviewItem, await registry.review.item(c.get("scope"), c.req.valid("param").id)),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/reviews/{id}/decision",
      summary: "Merge the pair or keep them apart, with a reason",
      access: "person.merge",
      request: { params: IdParam, body: ReviewDecision },
      response: DecisionResult,
    }),
    async (c) => {
      const body = c.req.valid("json");
      return sendJson(
        c,
        DecisionResult,
        await registry.review.decide(c.get("scope"), c.req.valid("param").id, body.decision, body.reason),
      );
    },
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/merges",
      summary: "Merges, newest first",
      access: "person.merge",
      response: MergeList,
    }),
    async (c) => sendJson(c, MergeList, { merges: await registry.review.merges(c.get("scope")) }),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/merges/{id}/split",
      summary: "Undo a merge, with a reason",
      access: "person.merge",
      request: { params: IdParam, body: SplitRequest },
      response: MergeView,
    }),
    async (c) =>
      sendJson(
        c,
        MergeView,
        await registry.review.split(c.get("scope"), c.req.valid("param").id, c.req.valid("json").reason),
      ),
  );
}
