import type { newRouter } from "../platform/http/app-env.ts";
import { defineRoute } from "../platform/http/define-route.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import {
  ApplicationDetail,
  ApplicationSummary,
  PersonLink,
  SecretReissue,
  SecretReissued,
  StageChange,
} from "./applications.contract.ts";
import {
  AppointmentBook,
  AppointmentDaySave,
  AppointmentDayView,
  AppointmentView,
  FreeSlotList,
  FreeSlotQuery,
} from "./appointments.contract.ts";
import { OutboxDelivery, UuidParam } from "./pathways.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";
import {
  ReferralCreate,
  ReferralDecision,
  ReferralPage,
  ReferralQuery,
  ReferralView,
} from "./referrals.contract.ts";

/** Applications, appointments, referrals and the outbox, on the staff router. */
export function registerApplicationRoutes(router: ReturnType<typeof newRouter>, service: PathwaysService) {
  const { workflow, referrals } = service;
  router.openapi(
    defineRoute({
      method: "get",
      path: "/applications/{id}",
      tag: "pathways",
      summary: "One application (audited read)",
      access: "application.read",
      request: { params: UuidParam },
      response: ApplicationDetail,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(c, ApplicationDetail, await workflow.detail(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/stage",
      tag: "pathways",
      summary: "Move an application to a stage",
      access: "application.decide",
      request: { params: UuidParam, body: StageChange },
      response: ApplicationSummary,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        ApplicationSummary,
        await workflow.changeStage(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/secret",
      tag: "pathways",
      summary:
        "Issue a new portal secret to an applicant whose identity was checked in person (shown once; the old one stops working)",
      access: "application.decide",
      request: { params: UuidParam, body: SecretReissue },
      response: SecretReissued,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        SecretReissued,
        await service.portal.reissueSecret(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/person",
      tag: "pathways",
      summary: "Link a registry person",
      access: "application.decide",
      request: { params: UuidParam, body: PersonLink },
      response: ApplicationSummary,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        ApplicationSummary,
        await workflow.linkPerson(c.get("scope"), c.req.valid("param").id, c.req.valid("json").personId),
      ),
  );
  router.openapi(
    defineRoute({
      method: "put",
      path: "/appointment-days",
      tag: "pathways",
      summary: "Set an office's capacity for a day",
      access: "appointment.manage",
      request: { body: AppointmentDaySave },
      response: AppointmentDayView,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(c, AppointmentDayView, await workflow.setAppointmentDay(c.get("scope"), c.req.valid("json"))),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/applications/{id}/free-slots",
      tag: "pathways",
      summary: "Free appointment slots for an application, by office and day",
      access: "appointment.manage",
      request: { params: UuidParam, query: FreeSlotQuery },
      response: FreeSlotList,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        FreeSlotList,
        await workflow.freeSlots(c.get("scope"), c.req.valid("param").id, c.req.valid("query")),
      ),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/appointment",
      tag: "pathways",
      summary: "Book a chosen free slot, or the next free one",
      access: "appointment.manage",
      request: { params: UuidParam, body: AppointmentBook },
      response: AppointmentView,
      status: 201,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        AppointmentView,
        await workflow.book(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    defineRoute({
      method: "delete",
      path: "/applications/{id}/appointment",
      tag: "pathways",
      summary: "Cancel the appointment and free its slot",
      access: "appointment.manage",
      request: { params: UuidParam },
      response: AppointmentView,
      errors: { 409: "Conflict" },
    }),
    async (c) => sendJson(c, AppointmentView, await workflow.cancel(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/applications/{id}/referral",
      tag: "pathways",
      summary: "Refer to another nation's pathway, with consent",
      access: "case.refer",
      request: { params: UuidParam, body: ReferralCreate },
      response: ReferralView,
      status: 201,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        ReferralView,
        await referrals.refer(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    defineRoute({
      method: "get",
      path: "/referrals",
      tag: "pathways",
      summary: "Referrals in or out, filtered by status and nation, sorted and paged",
      access: "referral.decide",
      request: { query: ReferralQuery },
      response: ReferralPage,
      errors: { 409: "Conflict" },
    }),
    async (c) => sendJson(c, ReferralPage, await referrals.list(c.get("scope"), c.req.valid("query"))),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/referrals/{id}/decision",
      tag: "pathways",
      summary: "Accept, reject or revoke a referral",
      access: "referral.decide",
      request: { params: UuidParam, body: ReferralDecision },
      response: ReferralView,
      errors: { 409: "Conflict" },
    }),
    async (c) =>
      sendJson(
        c,
        ReferralView,
        await referrals.decide(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  router.openapi(
    defineRoute({
      method: "post",
      path: "/outbox/deliver",
      tag: "pathways",
      summary: "Send pending notifications",
      access: "pathway.manage",
      response: OutboxDelivery,
      errors: { 409: "Conflict" },
    }),
    async (c) => sendJson(c, OutboxDelivery, await service.deliverNotifications(c.get("scope"))),
  );
}
