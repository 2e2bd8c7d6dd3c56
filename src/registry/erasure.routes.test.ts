import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { verifyAuditChains } from "../platform/audit/audit-verify.ts";
import { giveConsent, personInput, registerPerson } from "./registry.test-support.ts";

let t: TestApp;
let admin: { token: string };
let caseworker: { token: string };
let mexCaseworker: { token: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await userWithToken(t, "USA", ["nation_admin"]);
  caseworker = await userWithToken(t, "USA", ["caseworker"]);
  mexCaseworker = await userWithToken(t, "MEX", ["caseworker"]);
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const erase = (id: string, reason = "the person asked for their data to be deleted", token = admin.token) =>
  send("DELETE", `/registry/people/${id}`, token, { reason });

describe("erasing a person", () => {
  it("leaves them nowhere: 404, no search, no duplicate check, no cross-match, and the audit still verifies", async () => {
    const input = personInput({ phones: ["+1 202 555 0147"] });
    const id = await registerPerson(t.app, "USA", input);
    await giveConsent(t.app, "USA", id);
    const correction = { birthPlace: "Puerto Cortés", reason: "as on the birth certificate" };
    expect((await send("PATCH", `/registry/people/${id}`, caseworker.token, correction)).status).toBe(200);
    const given = input.givenNames[0] as string;
    const surname = input.surnames[0] as string;
    const search = () =>
      send("GET", `/registry/search?given=${given}&surname=${surname}`, caseworker.token).then((r) =>
        (r.body.hits as { id: string }[]).map((h) => h.id),
      );
    expect(await search()).toContain(id);

    const erased = await erase(id);
    // The person's row, their one earlier version and their one consent.
    expect(erased).toEqual({
      status: 200,
      body: {
        id,
        erased: 1,
        records: 3,
        elsewhere: {
          border: { encounters: 0, verifications: 0 },
          pathways: { applications: 0, unlinked: 0 },
          // Only a protection-side eraser is told how many protection records named the person.
          networks: {},
        },
      },
    });

    expect((await send("GET", `/registry/people/${id}`, caseworker.token)).status).toBe(404);
    expect((await send("GET", `/registry/people/${id}/history`, caseworker.token)).status).toBe(404);
    expect(await search()).not.toContain(id);
    const check = await send("POST", "/registry/people/check", caseworker.token, input);
    expect(JSON.stringify(check.body)).not.toContain(id);
    const elsewhere = await registerPerson(t.app, "MEX", input);
    await giveConsent(t.app, "MEX", elsewhere);
    const asked = await send("POST", "/registry/crossmatch", mexCaseworker.token, { personId: elsewhere });
    expect(asked.body.holders).not.toContain("USA");

    const stored = await t.app.platform.database.asOwner(async (tx) => ({
      person: await tx
        .selectFrom("registry_people")
        .select(["status", "terms", "clk", "external_key", "birth_date_enc"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow(),
      versions: await tx
        .selectFrom("registry_person_versions")
        .select("id")
        .where("person_id", "=", id)
        .execute(),
      consents: await tx.selectFrom("registry_consents").select("id").where("person_id", "=", id).execute(),
      erasure: await tx
        .selectFrom("registry_erasures")
        .select(["reason_enc", "records"])
        .where("person_id", "=", id)
        .execute(),
    }));
    expect(stored.person).toEqual({
      status: "erased",
      terms: [],
      clk: null,
      external_key: null,
      birth_date_enc: null,
    });
    expect(stored.versions).toEqual([]);
    expect(stored.consents).toEqual([]);
    expect(stored.erasure).toHaveLength(1);
    expect(stored.erasure[0]?.reason_enc).not.toContain("asked");

    const events = await t.app.platform.database.asOwner((tx) =>
      tx.selectFrom("audit_events").selectAll().where("tenant_id", "=", "USA").execute(),
    );
    const text = JSON.stringify(events);
    // The phone in any written form (its last four digits alone would also match a hash or an id by chance).
    for (const value of [given, surname, "Puerto Cortés", "555 0147", "5550147", "asked for their data"])
      expect(text).not.toContain(value);
    const report = await verifyAuditChains(t.app.platform.database);
    expect(report.every((nation) => nation.ok)).toBe(true);
  });

  it("erases the records merged into the person too", async () => {
    const input = personInput();
    const survivor = await registerPerson(t.app, "USA", input);
    const duplicate = await registerPerson(t.app, "USA", input, { overrideReason: "second office visit" });
    await t.app.platform.database.asOwner((tx) =>
      tx
        .updateTable("registry_people")
        .set({ status: "merged", merged_into: survivor })
        .where("tenant_id", "=", "USA")
        .where("id", "=", duplicate)
        .execute(),
    );
    expect((await erase(survivor)).body.erased).toBe(2);
    expect((await send("GET", `/registry/people/${duplicate}`, caseworker.token)).status).toBe(404);
  });

  it("needs a reason, refuses NUL in it, and answers 404 the second time", async () => {
    const id = await registerPerson(t.app, "USA");
    expect((await send("DELETE", `/registry/people/${id}`, admin.token, {})).status).toBe(400);
    expect((await erase(id, "no")).status).toBe(400);
    expect((await erase(id, "asked\u0000twice")).status).toBe(400);
    expect((await erase(id)).status).toBe(200);
    expect((await erase(id)).status).toBe(404);
  });
});

describeRoleMatrix(
  "registry erasure",
  () => t,
  async (app, nation) => ({
    personId: await registerPerson(app.app, nation === "REG" ? "USA" : nation),
    foreignId: await registerPerson(app.app, nation === "MEX" ? "USA" : "MEX"),
  }),
  [
    {
      name: "DELETE /registry/people/:id",
      method: "DELETE",
      path: (fx) => `/api/v1/registry/people/${fx.personId}`,
      otherNationPath: (fx) => `/api/v1/registry/people/${fx.foreignId}`,
      body: () => ({ reason: "data subject request" }),
      permission: "person.erase",
      ok: 200,
    },
  ],
);
