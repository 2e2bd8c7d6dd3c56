import { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import {
  HouseholdCreate,
  HouseholdCreated,
  HouseholdMemberAdd,
  HouseholdMemberParam,
  HouseholdMemberRemoved,
  HouseholdSplit,
  HouseholdView,
} from "./households.contract.ts";
import { IdParam } from "./registry.contract.ts";
import type { RegistryService } from "./registry.service.ts";

/** Households: create with a principal, read with members, add, split out and remove members; all audited. */
export function householdsRoutes(registry: RegistryService) {
  const r = newRouter();
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/households",
      summary: "Create a household with its principal (a person in no household yet)",
      access: "person.write",
      request: { body: HouseholdCreate },
      response: HouseholdCreated,
      status: 201,
    }),
    async (c) =>
      sendJson(
        c,
        HouseholdCreated,
        await registry.households.create(c.get("scope"), c.req.valid("json").principalId),
        201,
      ),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "get",
      path: "/households/{id}",
      summary: "A household with its members and their relationships (the read is audited)",
      access: "person.read",
      request: { params: IdParam },
      response: HouseholdView,
    }),
    async (c) =>
      sendJson(c, HouseholdView, await registry.households.get(c.get("scope"), c.req.valid("param").id)),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/households/{id}/members",
      summary: "Add a registered person (in no household yet) to a household, with their relationship",
      access: "person.write",
      request: { params: IdParam, body: HouseholdMemberAdd },
      response: HouseholdView,
    }),
    async (c) =>
      sendJson(
        c,
        HouseholdView,
        await registry.households.addMember(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "post",
      path: "/households/{id}/members/{personId}/split",
      summary: "Move a member into a new household of their own, as its principal, with a reason",
      access: "person.write",
      request: { params: HouseholdMemberParam, body: HouseholdSplit },
      response: HouseholdCreated,
      status: 201,
    }),
    async (c) => {
      const { id, personId } = c.req.valid("param");
      return sendJson(
        c,
        HouseholdCreated,
        await registry.households.split(c.get("scope"), id, personId, c.req.valid("json").reason),
        201,
      );
    },
  );
  r.openapi(
    defineRoute({
      tag: "registry",
      method: "delete",
      path: "/households/{id}/members/{personId}",
      summary: "Remove a member (a household left empty is dissolved; one without principal gets the next)",
      access: "person.write",
      request: { params: HouseholdMemberParam },
      response: HouseholdMemberRemoved,
    }),
    async (c) => {
      const { id, personId } = c.req.valid("param");
      return sendJson(
        c,
        HouseholdMemberRemoved,
        await registry.households.removeMember(c.get("scope"), id, personId),
      );
    },
  );
  return r;
}
