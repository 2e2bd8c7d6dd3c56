import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { CommunityDetail } from "./networks.contract.ts";

// Roles on the platform: what an entity is to the investigation decides whether it may be a key actor, and where
// a case file lists it. The role matrix of the route is in networks.routes.test.ts.

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await userWithToken(t, "COL", ["investigator"])).token;
}, 60_000);
afterAll(async () => {
  await t.close();
});

const scope = systemScope("COL", "test", ["investigator"]);
const base = "/api/v1/networks";

/**
 * Four callers of one phone who pay one account, and H, who holds both in each of their cases: without roles H is
 * the community's key actor.
 */
async function ring(tag: string) {
  const observations = [1, 2, 3, 4].flatMap((i) => [
    {
      source: { type: "person", value: `${tag}-P${i}` },
      target: { type: "phone", value: `+57 300 ${tag}` },
      kind: "called",
      caseRef: `${tag}-C${i}`,
    },
    {
      source: { type: "person", value: `${tag}-P${i}` },
      target: { type: "account", value: `${tag}-ACCT` },
      kind: "paid_to",
      caseRef: `${tag}-C${i}`,
    },
    {
      source: { type: "person", value: `${tag}-H` },
      target: { type: "phone", value: `+57 300 ${tag}` },
      kind: "uses_phone",
      caseRef: `${tag}-C${i}`,
    },
    {
      source: { type: "person", value: `${tag}-H` },
      target: { type: "account", value: `${tag}-ACCT` },
      kind: "controls",
      caseRef: `${tag}-C${i}`,
    },
  ]);
  await t.app.networks.ingest(scope, { origin: "case", observations });
  const find = async (type: string, value: string) =>
    (await t.app.networks.search(scope, { type, value })).matches[0]!;
  return { holder: await find("person", `${tag}-H`), caller: await find("person", `${tag}-P1`) };
}

const put = (id: string, body: unknown) => t.request("PUT", `${base}/entities/${id}/role`, { token, body });
const community = async (id: string) =>
  (await (await t.request("GET", `${base}/entities/${id}/community`, { token })).json()) as CommunityDetail;

async function auditOf(action: string) {
  return inScope(t.app.platform.database.db, systemScope("COL", "test"), (tx) =>
    tx.selectFrom("audit_events").selectAll().where("action", "=", action).execute(),
  );
}

describe("setting an entity's role", () => {
  it("starts unknown, is set through the route with an audit event, and the analysis follows it", async () => {
    const { holder, caller } = await ring("3001");
    expect([holder.role, caller.role]).toEqual(["unknown", "unknown"]);
    const before = await community(holder.id);
    expect(before.keyActors.map((a) => a.entity.id)).toContain(holder.id);
    expect([before.victims, before.clients]).toEqual([[], []]);

    const res = await put(holder.id, { role: "victim" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      entity: { id: holder.id, role: "victim" },
      previous: "unknown",
    });
    await put(caller.id, { role: "client" });

    const after = await community(holder.id);
    expect(after.keyActors.map((a) => a.entity.id)).not.toContain(holder.id);
    expect(after.keyActors.map((a) => a.entity.id)).not.toContain(caller.id);
    expect(after.keyActors.every((a) => ["suspect", "unknown"].includes(a.entity.role))).toBe(true);
    expect(after.members.map((m) => m.entity.id)).not.toContain(holder.id);
    expect(after.victims.map((v) => v.id)).toEqual([holder.id]);
    expect(after.clients.map((v) => [v.id, v.role])).toEqual([[caller.id, "client"]]);

    const events = await auditOf("network.entity.role.set");
    expect(events.map((e) => [e.target_id, (e.details as { from: string; to: string }).to])).toEqual(
      expect.arrayContaining([
        [holder.id, "victim"],
        [caller.id, "client"],
      ]),
    );
    expect(events.find((e) => e.target_id === holder.id)?.details).toMatchObject({
      from: "unknown",
      to: "victim",
    });
  });

  it("lists victims and clients apart in the case file, never as key actors or suspects", async () => {
    const { holder, caller } = await ring("3002");
    await put(holder.id, { role: "victim" });
    await put(caller.id, { role: "client" });
    const res = await t.request("GET", `${base}/entities/${holder.id}/case-file`, { token });
    expect(res.status).toBe(200);
    const html = await res.text();
    const section = (id: string) => {
      const start = html.indexOf(`<section id="${id}">`);
      return html.slice(start, html.indexOf("</section>", start));
    };
    expect(section("victims")).toContain("3002-H");
    expect(section("clients")).toContain("3002-P1");
    for (const id of ["key-actors", "suspects"]) expect(section(id)).not.toMatch(/3002-H|3002-P1</);
    expect(section("suspects")).toContain("3002-P2");
  });

  it.each([
    [{ role: "boss" }, "body.role"],
    [{}, "body.role"],
  ])("refuses %j with 400 naming %s", async (body, field) => {
    const { holder } = await ring(`30${Object.keys(body).length}9`);
    const res = await put(holder.id, body);
    expect(res.status).toBe(400);
    const error = (await res.json()) as { error: { details: { issues: { field: string }[] } } };
    expect(error.error.details.issues.map((i) => i.field)).toContain(field);
  });

  it("answers 404 for an entity that does not exist", async () => {
    const res = await put("00000000-0000-4000-8000-000000000000", { role: "suspect" });
    expect(res.status).toBe(404);
  });
});

describe("roles stated with links", () => {
  it("a link entered with roles gives them; a bad role is a 400 naming the end", async () => {
    const ok = await t.request("POST", `${base}/links`, {
      token,
      body: {
        source: { type: "person", value: "3003-V", role: "victim" },
        target: { type: "phone", value: "+57 301 3003", role: "unknown" },
        caseRef: "3003-C1",
      },
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ added: 1, rolesSet: 1 });
    const found = await t.app.networks.search(scope, { type: "person", value: "3003-V" });
    expect(found.matches[0]?.role).toBe("victim");

    const bad = await t.request("POST", `${base}/links`, {
      token,
      body: {
        source: { type: "person", value: "3003-W", role: "witness" },
        target: { type: "plate", value: "Q1" },
      },
    });
    expect(bad.status).toBe(400);
    const error = (await bad.json()) as { error: { details: { issues: { field: string }[] } } };
    expect(error.error.details.issues.map((i) => i.field)).toContain("body.source.role");
  });

  it("ingest fills only roles still unknown: a role an investigator decided stays until changed on purpose", async () => {
    const { holder, caller } = await ring("3004");
    await put(holder.id, { role: "suspect" });
    const result = await t.app.networks.ingest(scope, {
      origin: "case",
      observations: [
        {
          source: { type: "person", value: "3004-H", role: "client" },
          target: { type: "plate", value: "3004-X" },
          caseRef: "3004-C9",
        },
        {
          source: { type: "person", value: "3004-P1", role: "client" },
          target: { type: "plate", value: "3004-Y" },
          caseRef: "3004-C9",
        },
      ],
    });
    expect(result.rolesSet).toBe(1);
    const roleOf = async (value: string) =>
      (await t.app.networks.search(scope, { type: "person", value })).matches[0]?.role;
    expect([await roleOf("3004-H"), await roleOf("3004-P1")]).toEqual(["suspect", "client"]);
    expect(caller.role).toBe("unknown");
    const ingests = await auditOf("network.ingest");
    expect(ingests.some((e) => (e.details as { rolesSet?: number }).rolesSet === 1)).toBe(true);
  });

  it("refuses a batch giving one entity two roles, naming the observation, and stores none of it", async () => {
    await expect(
      t.app.networks.ingest(scope, {
        origin: "case",
        observations: [
          {
            source: { type: "person", value: "3005-A", role: "client" },
            target: { type: "plate", value: "3005-1" },
          },
          {
            source: { type: "person", value: "3005-A", role: "victim" },
            target: { type: "plate", value: "3005-2" },
          },
        ],
      }),
    ).rejects.toThrow(
      /observations\[1\]\.source\.role: this person is given the role victim here but client/,
    );
    expect((await t.app.networks.search(scope, { type: "person", value: "3005-A" })).matches).toEqual([]);
  });
});
