import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { systemScope } from "../auth/scope.ts";
import { inScope } from "../db/scoped.ts";
import { requireOffice } from "./offices.service.ts";

// The offices of each nation: a real table, listed per nation, and the only source of valid office ids.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const refused = (tenantId: string, officeId: string) =>
  inScope(t.app.platform.database.db, { tenantId }, (tx) =>
    requireOffice(tx, { tenantId }, officeId, "officeId"),
  );

describe("offices", () => {
  it("lists the offices of the scope's nation only", async () => {
    const usa = await t.app.platform.offices.list(systemScope("USA", "test"));
    expect(usa.map((o) => o.id)).toEqual(["USA-01", "USA-02"]);
    expect(await t.app.platform.offices.exists(systemScope("MEX", "test"), "USA-01")).toBe(false);
  });

  it.each([
    ["another nation's office", "MEX", "USA-01"],
    ["an office that exists nowhere", "USA", "NOPE-99"],
    ["a NUL byte", "USA", "USA-01\u0000"],
    ["a huge id", "USA", "U".repeat(10_000)],
  ])("refuses %s with a 404 naming the field", async (_, nation, officeId) => {
    await expect(refused(nation, officeId)).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { field: "officeId" },
      message: expect.stringMatching(/^officeId: /),
    });
  });

  it("adds an office, audited, and then accepts it", async () => {
    const admin = systemScope("PER", "test");
    expect(await t.app.platform.offices.exists(admin, "PER-LIM")).toBe(false);
    await t.app.platform.offices.add(admin, { id: "PER-LIM", name: "Lima" });
    await expect(refused("PER", "PER-LIM")).resolves.toBeUndefined();
    const events = await t.app.platform.database.asOwner((tx) =>
      tx.selectFrom("audit_events").select("target_id").where("action", "=", "office.add").execute(),
    );
    expect(events.map((e) => e.target_id)).toContain("PER-LIM");
    await expect(t.app.platform.offices.add(admin, { id: "bad id", name: "x" })).rejects.toThrow(/^id:/);
    await expect(t.app.platform.offices.add(admin, { id: "PER-X", name: "a\u0000b" })).rejects.toThrow(
      /^name:/,
    );
  });

  it("refuses a user whose office is not one of the nation's", async () => {
    const admin = await userWithToken(t, "USA", ["nation_admin"]);
    const create = (officeId: string) =>
      t.request("POST", "/api/v1/users", {
        token: admin.token,
        body: {
          email: `r.${officeId.toLowerCase()}@usa.test`,
          displayName: "R",
          roles: ["registrar"],
          officeId,
        },
      });
    const foreign = await create("MEX-01");
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { details: unknown } }).error.details).toEqual({
      field: "officeId",
    });
    expect((await create("USA-02")).status).toBe(201);
  });

  it("refuses an appointment day at an office the nation does not have", async () => {
    const day = { day: "2031-05-04", capacity: 3 };
    const set = (nation: string, officeId: string) =>
      t.app.pathways.workflow.setAppointmentDay(systemScope(nation, "test"), { officeId, ...day });
    await expect(set("USA", "MEX-01")).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { field: "officeId" },
    });
    await expect(set("USA", "USA-01")).resolves.toMatchObject({ officeId: "USA-01", capacity: 3 });
  });
});
