import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Scope } from "../platform/auth/scope.ts";
import { AppError } from "../platform/errors.ts";
import type { AppEnv } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import { DuplicateCheck, PersonInput, type RegistryService } from "../registry/index.ts";
import type { BorderService } from "./border.service.ts";
import { FamilyGroupView, FamilyLinkInput, PersonLinkInput } from "./border-links.contract.ts";
import { EncounterView, IdParam } from "./border-records.contract.ts";

// Search-before-create at the border, the link an officer confirms to a registry person, and family groups.
// The registry suggests (with the reasons of each match); the officer links. A linked encounter is shown with
// what the registry shows this reader: names only with person.read, the reference alone otherwise.

/** What the border asks of the registry: its duplicate check, and one person as the reader may see them. */
export type PersonDirectory = Pick<RegistryService["people"], "checkDuplicates" | "getPerson">;

/** An encounter view with its linked person as the registry shows them to this reader (an audited read). */
export async function withPerson(
  directory: PersonDirectory,
  scope: Scope,
  view: EncounterView,
): Promise<EncounterView> {
  if (view.personId === null || !scope.permissions.has("person.read")) return view;
  try {
    const p = await directory.getPerson(scope, view.personId);
    const name = [...p.givenNames, ...p.surnames].join(" ") || null;
    return { ...view, person: { id: view.personId, visible: true, name, birthDate: p.birthDate } };
  } catch (error) {
    // Outside the reader's reach (another office) or erased since: the reference is all there is to show.
    if (error instanceof AppError && error.code === "NOT_FOUND") return view;
    throw error;
  }
}

/** Adds the person-link and family routes to the border router. */
export function registerLinkRoutes(
  router: OpenAPIHono<AppEnv>,
  service: BorderService,
  directory: PersonDirectory,
) {
  router.openapi(
    defineRoute({
      method: "post",
      path: "/person-matches",
      tag: "border",
      summary:
        "Search the registry before recording: likely and possible matches with their reasons (names only with person.read)",
      access: "border.record",
      request: { body: PersonInput },
      response: DuplicateCheck,
    }),
    async (c) => {
      const scope = c.get("scope");
      const candidates = await directory.checkDuplicates(scope, c.req.valid("json"));
      const readable = scope.permissions.has("person.read");
      return sendJson(c, DuplicateCheck, {
        candidates: readable
          ? candidates
          : candidates.map((h) => ({ ...h, visible: false, name: null, birthDate: null })),
      });
    },
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/encounters/{id}/person",
      tag: "border",
      summary:
        "Link a recorded encounter to a registry person (its own names, birth date and documents are dropped)",
      access: "border.record",
      request: { params: IdParam, body: PersonLinkInput },
      response: EncounterView,
      status: 201,
      errors: { 409: "The encounter is linked already" },
    }),
    async (c) => {
      const scope = c.get("scope");
      const view = await service.linkPerson(scope, c.req.valid("param").id, c.req.valid("json").personId);
      return sendJson(c, EncounterView, await withPerson(directory, scope, view), 201);
    },
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/encounters/{id}/family",
      tag: "border",
      summary:
        "The encounter's family group: each member's encounter and open safeguards (no personal field)",
      access: "border.read",
      request: { params: IdParam },
      response: FamilyGroupView,
      errors: { 409: "No border policy pack is loaded" },
    }),
    async (c) =>
      sendJson(c, FamilyGroupView, await service.familyOf(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/encounters/{id}/family",
      tag: "border",
      summary: "Put another encounter in this encounter's family group (groups of both become one)",
      access: "border.record",
      request: { params: IdParam, body: FamilyLinkInput },
      response: FamilyGroupView,
      status: 201,
      errors: { 409: "Already in one family group, or no border policy pack is loaded" },
    }),
    async (c) =>
      sendJson(
        c,
        FamilyGroupView,
        await service.linkFamily(c.get("scope"), c.req.valid("param").id, c.req.valid("json").encounterId),
        201,
      ),
  );
}
