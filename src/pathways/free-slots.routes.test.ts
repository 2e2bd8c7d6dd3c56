import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { ensureOffice, fileApplication, publishPathway } from "./pathways.test-support.ts";

// Free slots by office and day: what an officer can book an application into, booking a chosen one, and who
// may ask at all.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

type FreeSlots = {
  offices: { id: string; name: string }[];
  days: { officeId: string; day: string; slots: { slot: number; time: string }[] }[];
};

const FUTURE = "2031-07-01";
const PAST = "2020-01-06";
const today = () => new Date().toISOString().slice(0, 10);

let t: TestApp;
let officer: string;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-slots");
  await publishPathway(t.app.pathways, "COL", "col-slots");
  await ensureOffice(t.app, "USA", "USA-31");
  await ensureOffice(t.app, "USA", "USA-32");
  const scope = systemScope("USA", "test");
  for (const [officeId, day, capacity] of [
    ["USA-31", FUTURE, 3],
    ["USA-32", FUTURE, 2],
    ["USA-31", PAST, 4],
    ["USA-31", today(), 48],
  ] as const) {
    await t.app.pathways.workflow.setAppointmentDay(scope, { officeId, day, capacity });
  }
  officer = (await userWithToken(t, "USA", ["pathway_officer"])).token;
});
afterAll(async () => {
  await t.close();
});

const freeSlots = (id: string, query = "", token = officer) =>
  t.request("GET", `/api/v1/pathways/applications/${id}/free-slots${query}`, { token });

describe("free appointment slots", () => {
  it("needs a token (401), the right role (403) and the nation's own application (404)", async () => {
    const filed = await fileApplication(t.app.pathways, "USA", "usa-slots");
    expect((await t.request("GET", `/api/v1/pathways/applications/${filed.id}/free-slots`)).status).toBe(401);
    const registrar = (await userWithToken(t, "USA", ["registrar"])).token;
    expect((await freeSlots(filed.id, "", registrar)).status).toBe(403);
    const colOfficer = (await userWithToken(t, "COL", ["pathway_officer"])).token;
    expect((await freeSlots(filed.id, "", colOfficer)).status).toBe(404);
    expect((await freeSlots(crypto.randomUUID())).status).toBe(404);
  });

  it("names the field of a bad filter", async () => {
    const filed = await fileApplication(t.app.pathways, "USA", "usa-slots");
    const res = await freeSlots(filed.id, "?day=July");
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/day/);
  });

  it("lists free slots by office and day; a booked slot disappears and a past day is not offered", async () => {
    const first = await fileApplication(t.app.pathways, "USA", "usa-slots");
    const before = (await (await freeSlots(first.id, `?day=${FUTURE}`)).json()) as FreeSlots;
    expect(before.days).toEqual([
      {
        officeId: "USA-31",
        day: FUTURE,
        slots: [
          { slot: 1, time: "08:00" },
          { slot: 2, time: "08:20" },
          { slot: 3, time: "08:40" },
        ],
      },
      {
        officeId: "USA-32",
        day: FUTURE,
        slots: [
          { slot: 1, time: "08:00" },
          { slot: 2, time: "08:20" },
        ],
      },
    ]);
    expect(before.offices).toEqual(
      expect.arrayContaining([
        { id: "USA-31", name: "USA office USA-31" },
        { id: "USA-32", name: "USA office USA-32" },
      ]),
    );
    expect(before.offices.every((o) => o.id.startsWith("USA-"))).toBe(true);
    const all = (await (await freeSlots(first.id)).json()) as FreeSlots;
    expect(all.days.some((d) => d.day === PAST)).toBe(false);

    const booked = await t.request("POST", `/api/v1/pathways/applications/${first.id}/appointment`, {
      token: officer,
      body: { officeId: "USA-31", day: FUTURE, slot: 2 },
    });
    expect(booked.status).toBe(201);
    expect(await booked.json()).toMatchObject({ officeId: "USA-31", day: FUTURE, slot: 2, time: "08:20" });

    const second = await fileApplication(t.app.pathways, "USA", "usa-slots");
    const after = (await (await freeSlots(second.id, `?officeId=USA-31&day=${FUTURE}`)).json()) as FreeSlots;
    expect(after.days).toEqual([
      {
        officeId: "USA-31",
        day: FUTURE,
        slots: [
          { slot: 1, time: "08:00" },
          { slot: 3, time: "08:40" },
        ],
      },
    ]);
    const taken = await t.request("POST", `/api/v1/pathways/applications/${second.id}/appointment`, {
      token: officer,
      body: { officeId: "USA-31", day: FUTURE, slot: 2 },
    });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(await taken.json())).toMatch(/slot: that slot is already taken/);
    const beyond = await t.request("POST", `/api/v1/pathways/applications/${second.id}/appointment`, {
      token: officer,
      body: { officeId: "USA-31", day: FUTURE, slot: 4 },
    });
    expect(beyond.status).toBe(409);
    const counted = await t.database.asOwner((tx) =>
      tx
        .selectFrom("pathway_appointment_days")
        .select("booked")
        .where("tenant_id", "=", "USA")
        .where("office_id", "=", "USA-31")
        .where("day", "=", FUTURE)
        .executeTakeFirstOrThrow(),
    );
    expect(counted.booked).toBe(1);
  });

  it("offers none of today's slots that already started, and refuses to book one", async () => {
    const filed = await fileApplication(t.app.pathways, "USA", "usa-slots");
    const asked = new Date();
    const body = (await (await freeSlots(filed.id, `?officeId=USA-31&day=${today()}`)).json()) as FreeSlots;
    const offered = body.days.flatMap((d) => d.slots);
    for (const s of offered) {
      expect(new Date(`${today()}T${s.time}:00Z`).getTime()).toBeGreaterThan(asked.getTime() - 1000);
    }
    const startedSlot = Math.floor((asked.getUTCHours() * 60 + asked.getUTCMinutes() - 8 * 60) / 20) + 1;
    if (startedSlot >= 1 && startedSlot <= 48) {
      expect(offered.map((s) => s.slot)).not.toContain(startedSlot);
      const res = await t.request("POST", `/api/v1/pathways/applications/${filed.id}/appointment`, {
        token: officer,
        body: { officeId: "USA-31", day: today(), slot: startedSlot },
      });
      expect(res.status).toBe(409);
      expect(JSON.stringify(await res.json())).toMatch(/already started/);
    }
  });

  it("gives one chosen slot to one of six officers booking it at once", async () => {
    const day = "2031-07-02";
    await t.app.pathways.workflow.setAppointmentDay(systemScope("USA", "test"), {
      officeId: "USA-32",
      day,
      capacity: 3,
    });
    const filed: { id: string }[] = [];
    for (let i = 0; i < 6; i++) filed.push(await fileApplication(t.app.pathways, "USA", "usa-slots"));
    const answers = await Promise.all(
      filed.map((f) =>
        t.request("POST", `/api/v1/pathways/applications/${f.id}/appointment`, {
          token: officer,
          body: { officeId: "USA-32", day, slot: 3 },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(5).fill(409)]);
    const held = await t.database.asOwner((tx) =>
      tx
        .selectFrom("pathway_appointment_days")
        .select("booked")
        .where("tenant_id", "=", "USA")
        .where("office_id", "=", "USA-32")
        .where("day", "=", day)
        .executeTakeFirstOrThrow(),
    );
    expect(held.booked).toBe(1);
    const left = (await (
      await freeSlots(filed[0]?.id ?? "", `?officeId=USA-32&day=${day}`)
    ).json()) as FreeSlots;
    expect(left.days[0]?.slots.map((s) => s.slot)).toEqual([1, 2]);
  });
});

describeRoleMatrix(
  "free appointment slots",
  () => t,
  async (app) => ({
    usa: (await fileApplication(app.app.pathways, "USA", "usa-slots")).id,
    col: (await fileApplication(app.app.pathways, "COL", "col-slots")).id,
  }),
  [
    {
      name: "GET /pathways/applications/:id/free-slots",
      method: "GET",
      path: (fx) => `/api/v1/pathways/applications/${fx.usa}/free-slots`,
      permission: "appointment.manage",
      ok: 200,
      otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.col}/free-slots`,
    },
  ],
);
