import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { ensureOffice, fileApplication, publishPathway, testLimit } from "./pathways.test-support.ts";

type ErrorBody = { error: { details: unknown } };

// The applicant chooses an appointment on the portal with the tracking code and secret: the offered slots, and
// booking one through the officers' locked path (one slot, one application), audited as the applicant.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

type FreeSlots = {
  offices: { id: string; name: string }[];
  days: { officeId: string; day: string; slots: { slot: number; time: string }[] }[];
};

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const SOON = dayFromNow(3);
const LATER = dayFromNow(10);
const TOO_FAR = dayFromNow(45);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-portal-slots");
  await ensureOffice(t.app, "USA", "USA-41");
  await ensureOffice(t.app, "USA", "USA-42");
  const scope = systemScope("USA", "test");
  for (const [officeId, day, capacity] of [
    ["USA-41", SOON, 2],
    ["USA-42", LATER, 1],
    ["USA-41", TOO_FAR, 5],
  ] as const) {
    await t.app.pathways.workflow.setAppointmentDay(scope, { officeId, day, capacity });
  }
});
afterAll(async () => {
  await t.close();
});

const freeSlots = (body: unknown) => t.request("POST", "/api/v1/portal/appointments/free-slots", { body });
const book = (body: unknown) => t.request("POST", "/api/v1/portal/appointments", { body });
const file = () => fileApplication(t.app.pathways, "USA", "usa-portal-slots");
const auditOf = (id: string) =>
  t.database.asOwner((tx) =>
    tx
      .selectFrom("audit_events")
      .select(["action", "actor_label", "details"])
      .where("target_id", "=", id)
      .orderBy("seq")
      .execute(),
  );

describe("choosing an appointment on the portal", () => {
  it("answers a wrong secret exactly as an unknown code, never saying the application exists", async () => {
    const filed = await file();
    const unknown = { trackingCode: "USA-ZZZZZZZZ", secret: "whatever-secret" };
    const wrong = { trackingCode: filed.trackingCode, secret: "not-the-secret" };
    for (const call of [freeSlots, book]) {
      const extra = call === book ? { officeId: "USA-41", day: SOON, slot: 1 } : {};
      const a = await call({ ...unknown, ...extra });
      const b = await call({ ...wrong, ...extra });
      expect(a.status).toBe(404);
      expect(b.status).toBe(404);
      const bodyA = (await a.json()) as { error: Record<string, unknown> };
      const bodyB = (await b.json()) as { error: Record<string, unknown> };
      expect({ ...bodyB.error, details: undefined }).toEqual({ ...bodyA.error, details: undefined });
    }
    expect((await auditOf(filed.id)).map((a) => a.action)).not.toContain("pathway.appointment.book");
  });

  it("offers the free slots of the next 30 days with the offices' names, and books one as the applicant", async () => {
    const filed = await file();
    const res = await freeSlots({ trackingCode: filed.trackingCode, secret: filed.secret });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const free = (await res.json()) as FreeSlots;
    const ours = free.days.filter((d) => d.officeId === "USA-41" || d.officeId === "USA-42");
    expect(ours).toEqual([
      {
        officeId: "USA-41",
        day: SOON,
        slots: [
          { slot: 1, time: "08:00" },
          { slot: 2, time: "08:20" },
        ],
      },
      { officeId: "USA-42", day: LATER, slots: [{ slot: 1, time: "08:00" }] },
    ]);
    expect(free.days.some((d) => d.day === TOO_FAR)).toBe(false);
    expect(free.days.flatMap((d) => d.slots).length).toBeLessThanOrEqual(60);
    expect(free.offices).toContainEqual({ id: "USA-41", name: "USA office USA-41" });

    const booked = await book({
      trackingCode: filed.trackingCode.toLowerCase(),
      secret: filed.secret,
      officeId: "USA-41",
      day: SOON,
      slot: 2,
    });
    expect(booked.status).toBe(201);
    expect(await booked.json()).toEqual({
      officeId: "USA-41",
      officeName: "USA office USA-41",
      day: SOON,
      time: "08:20",
    });
    const status = await t.request("POST", "/api/v1/portal/status", {
      body: { trackingCode: filed.trackingCode, secret: filed.secret, lang: "es" },
    });
    expect(await status.json()).toMatchObject({
      stage: "interview_scheduled",
      appointment: { day: SOON, time: "08:20", officeId: "USA-41", officeName: "USA office USA-41" },
    });
    const audit = await auditOf(filed.id);
    const event = audit.find((a) => a.action === "pathway.appointment.book");
    expect(event?.actor_label).toBe("portal:applicant");
    expect(event?.details).toMatchObject({ officeId: "USA-41", day: SOON, slot: 2 });
    expect(audit.map((a) => a.action)).toContain("pathway.application.free_slots");
    expect(JSON.stringify(audit)).not.toContain(filed.secret);

    // Booked: the slot is no longer offered to another applicant, and this application takes no second one.
    const other = await file();
    const left = (await (
      await freeSlots({ trackingCode: other.trackingCode, secret: other.secret })
    ).json()) as FreeSlots;
    expect(left.days.find((d) => d.officeId === "USA-41" && d.day === SOON)?.slots).toEqual([
      { slot: 1, time: "08:00" },
    ]);
    const again = await freeSlots({ trackingCode: filed.trackingCode, secret: filed.secret });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.details).toMatchObject({ reason: "already_booked" });
    const twice = await book({
      trackingCode: filed.trackingCode,
      secret: filed.secret,
      officeId: "USA-41",
      day: SOON,
      slot: 1,
    });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as ErrorBody).error.details).toMatchObject({ reason: "already_booked" });
  });

  it("refuses a taken slot with 409, and gives one slot to one of several applicants at once", async () => {
    const first = await file();
    const second = await file();
    const slot = { officeId: "USA-42", day: LATER, slot: 1 };
    const answers = await Promise.all(
      [first, second].map((f) => book({ trackingCode: f.trackingCode, secret: f.secret, ...slot })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409);
    expect(JSON.stringify(await refused?.json())).toMatch(/slot_taken/);
    const counted = await t.database.asOwner((tx) =>
      tx
        .selectFrom("pathway_appointment_days")
        .select("booked")
        .where("tenant_id", "=", "USA")
        .where("office_id", "=", "USA-42")
        .where("day", "=", LATER)
        .executeTakeFirstOrThrow(),
    );
    expect(counted.booked).toBe(1);
  });

  it("refuses with 409 an application whose stage takes no appointment, and a day beyond the offer", async () => {
    const filed = await file();
    await t.app.pathways.workflow.changeStage(systemScope("USA", "test"), filed.id, {
      stage: "decided",
      decision: "approved",
      reason: "documents verified",
    });
    const listed = await freeSlots({ trackingCode: filed.trackingCode, secret: filed.secret });
    expect(listed.status).toBe(409);
    expect(JSON.stringify(await listed.json())).toMatch(/stage_no_appointment/);
    const booked = await book({
      trackingCode: filed.trackingCode,
      secret: filed.secret,
      officeId: "USA-41",
      day: SOON,
      slot: 1,
    });
    expect(booked.status).toBe(409);

    const fresh = await file();
    const far = await book({
      trackingCode: fresh.trackingCode,
      secret: fresh.secret,
      officeId: "USA-41",
      day: TOO_FAR,
      slot: 1,
    });
    expect(far.status).toBe(409);
    expect(JSON.stringify(await far.json())).toMatch(/day/);
  });

  it("names the field of a bad slot choice", async () => {
    const filed = await file();
    const res = await book({ trackingCode: filed.trackingCode, secret: filed.secret, officeId: "USA-41" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/day/);
  });

  it("is rate limited like the other portal requests of a client", async () => {
    const filed = await file();
    const before = t.app.pathways.limits.reads;
    t.app.pathways.limits.reads = testLimit(t, 2);
    try {
      const body = { trackingCode: filed.trackingCode, secret: filed.secret };
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await freeSlots(body)).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
      const refused = await book({ ...body, officeId: "USA-41", day: SOON, slot: 1 });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      t.app.pathways.limits.reads = before;
    }
  });
});
