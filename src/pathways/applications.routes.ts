import { z } from "zod";
import type { newRouter } from "../platform/http/app-env.ts";
import { sendJson } from "../platform/http/route-helpers.ts";
import {
  ApplicationDetail,
  ApplicationList,
  ApplicationQuery,
  ApplicationSummary,
  AppointmentBook,
  AppointmentDaySave,
  AppointmentDayView,
  AppointmentView,
  OutboxDelivery,
  PersonLink,
  ReferralCreate,
  ReferralDecision,
  ReferralList,
  ReferralView,
  StageChange,
  UuidParam,
} from "./pathways.contract.ts";
import type { PathwaysService } from "./pathways.service.ts";
import { body, staffRoute } from "./staff.routes.ts";

const DirectionQuery = z.object({ direction: z.enum(["incoming", "outgoing"]).default("incoming") });

/** Applications, appointments, referrals and the outbox, on the staff router. */
export function registerApplicationRoutes(router: ReturnType<typeof newRouter>, service: PathwaysService) {
  const { workflow, referrals } = service;
  router.openapi(
    staffRoute(
      "get",
      "/applications",
      "application.read",
      "The queue",
      { query: ApplicationQuery },
      ApplicationList,
    ),
    async (c) =>
      sendJson(c, ApplicationList, {
        applications: await workflow.list(c.get("scope"), c.req.valid("query")),
      }),
  );
  router.openapi(
    staffRoute(
      "get",
      "/applications/{id}",
      "application.read",
      "One application (audited read)",
      { params: UuidParam },
      ApplicationDetail,
    ),
    async (c) =>
      sendJson(c, ApplicationDetail, await workflow.detail(c.get("scope"), c.req.valid("param").id)),
  );
  router.openapi(
    staffRoute(
      "post",
      "/applications/{id}/stage",
      "application.decide",
      "Move an application to a stage",
      { params: UuidParam, body: body(StageChange) },
      ApplicationSummary,
    ),
    async (c) =>
      sendJson(
        c,
        ApplicationSummary,
        await workflow.changeStage(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  router.openapi(
    staffRoute(
      "post",
      "/applications/{id}/person",
      "application.decide",
      "Link a registry person",
      { params: UuidParam, body: body(PersonLink) },
      ApplicationSummary,
    ),
    async (c) =>
      sendJson(
        c,
        ApplicationSummary,
        await workflow.linkPerson(c.get("scope"), c.req.valid("param").id, c.req.valid("json").personId),
      ),
  );
  router.openapi(
    staffRoute(
      "put",
      "/appointment-days",
      "appointment.manage",
      "Set an office's capacity for a day",
      { body: body(AppointmentDaySave) },
      AppointmentDayView,
    ),
    async (c) =>
      sendJson(c, AppointmentDayView, await workflow.setAppointmentDay(c.get("scope"), c.req.valid("json"))),
  );
  router.openapi(
    staffRoute(
      "post",
      "/applications/{id}/appointment",
      "appointment.manage",
      "Book the next free slot",
      { params: UuidParam, body: body(AppointmentBook) },
      AppointmentView,
      201,
    ),
    async (c) =>
      sendJson(
        c,
        AppointmentView,
        await workflow.book(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    staffRoute(
      "post",
      "/applications/{id}/referral",
      "case.refer",
      "Refer to another nation's pathway, with consent",
      { params: UuidParam, body: body(ReferralCreate) },
      ReferralView,
      201,
    ),
    async (c) =>
      sendJson(
        c,
        ReferralView,
        await referrals.refer(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
        201,
      ),
  );
  router.openapi(
    staffRoute(
      "get",
      "/referrals",
      "referral.decide",
      "Referrals in or out",
      { query: DirectionQuery },
      ReferralList,
    ),
    async (c) =>
      sendJson(c, ReferralList, {
        referrals: await referrals.list(c.get("scope"), c.req.valid("query").direction),
      }),
  );
  router.openapi(
    staffRoute(
      "post",
      "/referrals/{id}/decision",
      "referral.decide",
      "Accept, reject or revoke a referral",
      { params: UuidParam, body: body(ReferralDecision) },
      ReferralView,
    ),
    async (c) =>
      sendJson(
        c,
        ReferralView,
        await referrals.decide(c.get("scope"), c.req.valid("param").id, c.req.valid("json")),
      ),
  );
  router.openapi(
    staffRoute("post", "/outbox/deliver", "pathway.manage", "Send pending notifications", {}, OutboxDelivery),
    async (c) => sendJson(c, OutboxDelivery, await service.deliverNotifications(c.get("scope"))),
  );
}
