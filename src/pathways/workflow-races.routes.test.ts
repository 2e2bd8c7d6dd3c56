import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { ensureOffice, fileApplication, publishPathway } from "./pathways.test-support.ts";

// Two officers acting on the same record at the same moment: one wins, the other is told 409, and the record,
// its history and both nations' audit chains show one change.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
const tokens = { usa: [] as string[], col: [] as string[] };
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-race");
  await publishPathway(t.app.pathways, "COL", "col-race");
  await ensureOffice(t.app, "USA", "USA-01");
  await t.app.pathways.workflow.setAppointmentDay(systemScope("USA", "test"), {
    officeId: "USA-01",
    day: "2031-06-02",
    capacity: 100,
  });
  for (let i = 0; i < 4; i++) {
    tokens.usa.push((await userWithToken(t, "USA", ["pathway_officer"])).token);
    tokens.col.push((await userWithToken(t, "COL", ["pathway_officer"])).token);
  }
});
afterAll(async () => {
  await t.close();
});

const statusesOf = (answers: Response[]) => answers.map((a) => a.status).sort();

async function pendingReferral(): Promise<string> {
  const filed = await fileApplication(t.app.pathways, "USA", "usa-race");
  const referral = await t.app.pathways.referrals.refer(systemScope("USA", "test"), filed.id, {
    toNation: "COL",
    toPathway: "col-race",
    consentText: "The applicant agrees to be referred.",
    reason: "a better fit",
  });
  return referral.id;
}

describe("two officers at once", () => {
  it.each([
    ["both accept", ["accepted", "accepted"]],
    ["one accepts, one rejects", ["accepted", "rejected"]],
  ])("deciding the same referral (%s): one wins, the other 409", async (_name, decisions) => {
    const id = await pendingReferral();
    const before = await receivedApplications();
    const answers = await Promise.all(
      decisions.map((status, i) =>
        t.request("POST", `/api/v1/pathways/referrals/${id}/decision`, {
          token: tokens.col[i],
          body: { status, reason: "decided by two officers" },
        }),
      ),
    );
    expect(statusesOf(answers)).toEqual([200, 409]);
    const sides = await t.database.asOwner((tx) =>
      tx.selectFrom("pathway_referrals").select(["tenant_id", "status"]).where("id", "=", id).execute(),
    );
    const won = answers.find((a) => a.status === 200);
    const winner = won ? ((await won.json()) as { status: string }).status : "none";
    expect(new Set(sides.map((s) => s.status))).toEqual(new Set([winner]));
    for (const nation of ["USA", "COL"]) {
      const events = await t.database.asOwner((tx) =>
        tx
          .selectFrom("audit_events")
          .select("action")
          .where("tenant_id", "=", nation)
          .where("target_id", "=", id)
          .where("action", "like", "pathway.referral.%ed")
          .execute(),
      );
      expect(
        events.map((e) => e.action),
        nation,
      ).toEqual([`pathway.referral.${winner}`]);
    }
    expect(await receivedApplications()).toBe(before + (winner === "accepted" ? 1 : 0));
  });

  it("accepting the same referral twice at once receives one application", async () => {
    const id = await pendingReferral();
    const before = await receivedApplications();
    await Promise.all(
      tokens.col.map((token) =>
        t.request("POST", `/api/v1/pathways/referrals/${id}/decision`, {
          token,
          body: { status: "accepted", reason: "we have places" },
        }),
      ),
    );
    expect(await receivedApplications()).toBe(before + 1);
  });

  it("deciding the same application: one decision, one history row, the other 409", async () => {
    const { id } = await fileApplication(t.app.pathways, "USA", "usa-race");
    const answers = await Promise.all(
      (["approved", "denied"] as const).map((decision, i) =>
        t.request("POST", `/api/v1/pathways/applications/${id}/stage`, {
          token: tokens.usa[i],
          body: { stage: "decided", decision, reason: "reviewed" },
        }),
      ),
    );
    expect(statusesOf(answers)).toEqual([200, 409]);
    const history = await t.database.asOwner((tx) =>
      tx.selectFrom("pathway_stage_changes").select("to_stage").where("application_id", "=", id).execute(),
    );
    expect(history.map((h) => h.to_stage).sort()).toEqual(["decided", "submitted"]);
  });

  it("booking the same application at once: one appointment, one slot taken, the others 409", async () => {
    const { id } = await fileApplication(t.app.pathways, "USA", "usa-race");
    const bookedBefore = await bookedOn("2031-06-02");
    const answers = await Promise.all(
      tokens.usa.map((token) =>
        t.request("POST", `/api/v1/pathways/applications/${id}/appointment`, {
          token,
          body: { officeId: "USA-01", day: "2031-06-02" },
        }),
      ),
    );
    expect(statusesOf(answers)).toEqual([201, 409, 409, 409]);
    expect(await bookedOn("2031-06-02")).toBe(bookedBefore + 1);
  });
  it("cancelling and booking on a full day at once: the day's count always equals the appointments held", async () => {
    const day = "2031-06-03";
    await t.app.pathways.workflow.setAppointmentDay(systemScope("USA", "test"), {
      officeId: "USA-01",
      day,
      capacity: 3,
    });
    const held = await Promise.all([1, 2, 3].map(() => fileApplication(t.app.pathways, "USA", "usa-race")));
    for (const app of held)
      await t.app.pathways.workflow.book(systemScope("USA", "test"), app.id, { officeId: "USA-01", day });
    const waiting = await Promise.all(
      [1, 2, 3].map(() => fileApplication(t.app.pathways, "USA", "usa-race")),
    );
    const answers = await Promise.all([
      ...held.slice(0, 2).map((app, i) =>
        t.request("DELETE", `/api/v1/pathways/applications/${app.id}/appointment`, {
          token: tokens.usa[i],
        }),
      ),
      ...waiting.map((app, i) =>
        t.request("POST", `/api/v1/pathways/applications/${app.id}/appointment`, {
          token: tokens.usa[(i + 2) % 4],
          body: { officeId: "USA-01", day },
        }),
      ),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    for (const s of statuses.slice(2)) expect([201, 409]).toContain(s);
    const slots = await slotsOn(day);
    expect(await bookedOn(day)).toBe(slots.length);
    expect(slots.length).toBe(1 + statuses.filter((s) => s === 201).length);
    expect(new Set(slots).size).toBe(slots.length);
    expect(slots.every((s) => s >= 1 && s <= 3)).toBe(true);
  });

  it("cancelling the same appointment twice at once frees one slot", async () => {
    const day = "2031-06-04";
    await t.app.pathways.workflow.setAppointmentDay(systemScope("USA", "test"), {
      officeId: "USA-01",
      day,
      capacity: 2,
    });
    const { id } = await fileApplication(t.app.pathways, "USA", "usa-race");
    await t.app.pathways.workflow.book(systemScope("USA", "test"), id, { officeId: "USA-01", day });
    const answers = await Promise.all(
      tokens.usa
        .slice(0, 2)
        .map((token) => t.request("DELETE", `/api/v1/pathways/applications/${id}/appointment`, { token })),
    );
    expect(statusesOf(answers)).toEqual([200, 404]);
    expect(await bookedOn(day)).toBe(0);
    const history = await t.app.pathways.workflow.detail(systemScope("USA", "test"), id);
    expect(history.stage).toBe("screening");
  });

  it("gives a freed slot to the next booking", async () => {
    const day = "2031-06-05";
    const scope = systemScope("USA", "test");
    await t.app.pathways.workflow.setAppointmentDay(scope, { officeId: "USA-01", day, capacity: 3 });
    const apps = await Promise.all(
      [1, 2, 3, 4].map(() => fileApplication(t.app.pathways, "USA", "usa-race")),
    );
    const [a, b, c, d] = apps.map((x) => x.id) as [string, string, string, string];
    for (const id of [a, b, c]) await t.app.pathways.workflow.book(scope, id, { officeId: "USA-01", day });
    await t.app.pathways.workflow.cancel(scope, a);
    expect((await t.app.pathways.workflow.book(scope, d, { officeId: "USA-01", day })).slot).toBe(1);
    await expect(t.app.pathways.workflow.book(scope, a, { officeId: "USA-01", day })).rejects.toThrow(
      /no slot left/,
    );
  });

  it("accepting a referral just after the catalogue changed does not wait on itself", async () => {
    const id = await pendingReferral();
    // Saving a pathway drops the cached published catalogue: accepting must load it outside its transaction.
    await publishPathway(t.app.pathways, "COL", "col-race");
    const accepted = await t.request("POST", `/api/v1/pathways/referrals/${id}/decision`, {
      token: tokens.col[0],
      body: { status: "accepted", reason: "we have places" },
    });
    expect(accepted.status).toBe(200);
  }, 15_000);

  it("a nation deciding referrals while the other refers to it never deadlocks", async () => {
    const incoming = await Promise.all(Array.from({ length: 6 }, () => pendingReferral()));
    const toRefer = await Promise.all(
      Array.from({ length: 6 }, async () => (await fileApplication(t.app.pathways, "USA", "usa-race")).id),
    );
    const answers = await Promise.all([
      ...incoming.map((id, i) =>
        t.request("POST", `/api/v1/pathways/referrals/${id}/decision`, {
          token: tokens.col[i % 4],
          body: { status: "accepted", reason: "we have places" },
        }),
      ),
      ...toRefer.map((id, i) =>
        t.request("POST", `/api/v1/pathways/applications/${id}/referral`, {
          token: tokens.usa[i % 4],
          body: {
            toNation: "COL",
            toPathway: "col-race",
            consent: true,
            consentText: "The applicant agrees to be referred.",
            reason: "a better fit",
          },
        }),
      ),
    ]);
    expect(statusesOf(answers)).toEqual([...Array(6).fill(200), ...Array(6).fill(201)]);
  });
});

async function receivedApplications(): Promise<number> {
  const rows = await t.database.asOwner((tx) =>
    tx.selectFrom("pathway_applications").select("id").where("tenant_id", "=", "COL").execute(),
  );
  return rows.length;
}

async function bookedOn(day: string): Promise<number> {
  const row = await t.database.asOwner((tx) =>
    tx
      .selectFrom("pathway_appointment_days")
      .select("booked")
      .where("tenant_id", "=", "USA")
      .where("office_id", "=", "USA-01")
      .where("day", "=", day)
      .executeTakeFirstOrThrow(),
  );
  return row.booked;
}

async function slotsOn(day: string): Promise<number[]> {
  const rows = await t.database.asOwner((tx) =>
    tx
      .selectFrom("pathway_appointments")
      .select("slot")
      .where("tenant_id", "=", "USA")
      .where("office_id", "=", "USA-01")
      .where("day", "=", day)
      .execute(),
  );
  return rows.map((r) => r.slot);
}
