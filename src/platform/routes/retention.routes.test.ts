import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { describeRoleMatrix } from "../../../test/role-matrix.ts";

// A nation's retention periods: read and set by its nation_admin only, each change audited, no nation
// reaching another's, and nothing set (every record kept) until a nation sets a period.

let t: TestApp;
let usaAdmin: string;
let mexAdmin: string;
beforeAll(async () => {
  t = await startTestApp();
  usaAdmin = (await userWithToken(t, "USA", ["nation_admin"])).token;
  mexAdmin = (await userWithToken(t, "MEX", ["nation_admin"])).token;
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

type Period = { kind: string; days: number | null; setBy: string | null; rule: string };
const periodOf = async (token: string, kind = "registry.person") =>
  ((await send("GET", "/retention", token)).body.periods as Period[]).find((p) => p.kind === kind);

const retentionEvents = (nation: string) =>
  t.database.asOwner(
    async (tx) =>
      (
        await sql<{ action: string; target_id: string; details: unknown }>`select action, target_id, details
        from audit_events where tenant_id = ${nation} and action = 'retention.set' order by seq`.execute(tx)
      ).rows,
  );

describe("retention periods", () => {
  it("keep everything by default: every kind is listed with no period", async () => {
    const periods = (await send("GET", "/retention", mexAdmin)).body.periods as Period[];
    expect(periods.map((p) => p.kind)).toContain("registry.person");
    for (const p of periods) expect(p).toMatchObject({ days: null, setBy: null });
    expect(periods.find((p) => p.kind === "registry.person")?.rule).toMatch(/no referral pending/);
  });

  it("are set, changed and removed by the nation's admin, each change audited with before and after", async () => {
    const set = await send("PUT", "/retention/registry.person", usaAdmin, { days: 3650 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ kind: "registry.person", days: 3650 });
    expect(set.body.setBy).toMatch(/@usa\.test$/);
    expect((await send("PUT", "/retention/registry.person", usaAdmin, { days: 1825 })).body.days).toBe(1825);
    expect((await periodOf(usaAdmin))?.days).toBe(1825);
    const removed = await send("PUT", "/retention/registry.person", usaAdmin, { days: null });
    expect(removed.body).toMatchObject({ days: null, setBy: null });
    expect((await retentionEvents("USA")).map((e) => [e.target_id, e.details])).toEqual([
      ["registry.person", { from: null, to: 3650 }],
      ["registry.person", { from: 3650, to: 1825 }],
      ["registry.person", { from: 1825, to: null }],
    ]);
  });

  it("belong to one nation: another nation's admin neither sees nor changes them", async () => {
    expect((await send("PUT", "/retention/registry.person", usaAdmin, { days: 400 })).status).toBe(200);
    expect((await periodOf(mexAdmin))?.days).toBeNull();
    expect((await send("PUT", "/retention/registry.person", mexAdmin, { days: 90 })).status).toBe(200);
    expect((await periodOf(usaAdmin))?.days).toBe(400);
    expect((await periodOf(mexAdmin))?.days).toBe(90);
    expect(await retentionEvents("MEX")).toHaveLength(1);
  });

  it.each([
    ["zero days", { days: 0 }, /days/],
    ["a fraction", { days: 1.5 }, /days/],
    ["more than a hundred years", { days: 36_501 }, /days/],
    ["a text", { days: "ten" }, /days/],
    ["no days at all", {}, /days/],
  ])("refuses %s with 400 naming the field", async (_name, body, field) => {
    const res = await send("PUT", "/retention/registry.person", usaAdmin, body);
    expect(res.status, res.text).toBe(400);
    expect(res.text).toMatch(field);
  });

  it("answers 404 naming the kind for a kind no capability can erase, and 400 for a malformed one", async () => {
    const unknown = await send("PUT", "/retention/border.encounter", usaAdmin, { days: 30 });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toMatch(/border\.encounter.*known kinds: registry\.person/);
    const malformed = await send("PUT", "/retention/Registry%20Person", usaAdmin, { days: 30 });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toMatch(/kind/);
  });
});

describeRoleMatrix(
  "retention periods",
  () => t,
  async () => ({}),
  [
    {
      name: "GET /retention",
      method: "GET",
      path: () => "/api/v1/retention",
      permission: "retention.manage",
      ok: 200,
    },
    {
      name: "PUT /retention/:kind",
      method: "PUT",
      path: () => "/api/v1/retention/registry.person",
      body: () => ({ days: 3650 }),
      permission: "retention.manage",
      ok: 200,
    },
  ],
);
