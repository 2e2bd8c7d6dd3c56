import type { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { UuidParam } from "./pathways.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";
import {
  ApplicationRegistryView,
  RegistryCandidates,
  RegistryLinkRequest,
  RegistryLinkResult,
  RegistryRegisterRequest,
} from "./registry-link.contract.ts";

/** An application matched to the registry: candidates, confirming one, registering a new person, the view. */
export function registerRegistryLinkRoutes(router: ReturnType<typeof newRouter>, service: PathwaysService) {
  const { registryLink } = service;
  router.openapi(
    defineRoute({
      method: "get",
      path: "/applications/{id}/registry-candidates",
      tag: "pathways",
      summary: "Registry people who may be the applicant, with the reasons (needs person.read too)",
      access: "application.decide",
      request: { params: UuidParam },
      response: RegistryCandidates,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(c, RegistryCandidates, await registryLink.candidates(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/registry-link",
      tag: "pathways",
      summary: "Confirm a registry person as the applicant and link them (records the portal consent)",
      access: "application.decide",
      request: { params: UuidParam, body: RegistryLinkRequest },
      response: RegistryLinkResult,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        RegistryLinkResult,
        await registryLink.confirm(c.get("scope"), c.req.valid("param").id, c.req.valid("json").personId),
      ),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/registry-person",
      tag: "pathways",
      summary: "Register the applicant as a new registry person and link them (records the portal consent)",
      access: "application.decide",
      request: { params: UuidParam, body: RegistryRegisterRequest },
      response: RegistryLinkResult,
      status: 201,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        RegistryLinkResult,
        await registryLink.register(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/applications/{id}/registry",
      tag: "pathways",
      summary: "The linked person, the applicant's consent and the household (names need person.read)",
      access: "application.read",
      request: { params: UuidParam },
      response: ApplicationRegistryView,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(c, ApplicationRegistryView, await registryLink.view(c.get("scope"), c.req.valid("param").id)),
  );
}
