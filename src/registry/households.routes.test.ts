import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { HouseholdView } from "./households.contract.ts";
import { personInput, registerPerson } from "./registry.test-support.ts";

// Households over the API: created with a principal, members added with their relationship, split into a
// household of their own with a reason, removed; every write and read audited with ids and field names only.

let t: TestApp;
let registrar: { token: string };
let mexRegistrar: { token: string };
beforeAll(async () => {
  t = await startTestApp();
  registrar = await userWithToken(t, "USA", ["registrar"]);
  mexRegistrar = await userWithToken(t, "MEX", ["registrar"]);
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1/registry${path}`, {
    token,
    ...(body === undefined ? {} : { body }),
  });
  const json = (await res.json()) as Record<string, unknown> & {
    error?: { message: string; details?: { field?: string; issues?: { field: string }[] } };
  };
  // A 404 names the field itself; a 400 lists located issues (`body.reason`).
  const details = json.error?.details;
  const field = details?.field ?? details?.issues?.[0]?.field.replace(/^body\./, "");
  return { status: res.status, body: json, field };
}

const auditOf = (nation: string, targetId: string) =>
  inScope(t.app.platform.database.db, systemScope(nation, "test"), (tx) =>
    tx
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("target_id", "=", targetId)
      .orderBy("seq")
      .execute(),
  );

describe("a household through the API", () => {
  it("is created with a principal, gains a member, splits them out with a reason, and loses one", async () => {
    const principalInput = personInput({ vulnerabilities: ["medical"] });
    const principal = await registerPerson(t.app, "USA", principalInput);
    const spouse = await registerPerson(t.app, "USA");
    const child = await registerPerson(t.app, "USA");

    const created = await send("POST", "/households", registrar.token, { principalId: principal });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const [personId, relationship] of [
      [spouse, "spouse"],
      [child, "child"],
    ])
      expect(
        (await send("POST", `/households/${id}/members`, registrar.token, { personId, relationship })).status,
      ).toBe(200);

    const read = await send("GET", `/households/${id}`, registrar.token);
    const household = read.body as unknown as HouseholdView;
    expect(household.principalId).toBe(principal);
    expect(household.members.map((m) => [m.personId, m.relationship])).toEqual([
      [principal, "principal"],
      [spouse, "spouse"],
      [child, "child"],
    ]);
    expect(household.members[0]?.name).toBe(
      [...principalInput.givenNames, ...principalInput.surnames].join(" "),
    );
    // A registrar may not see protection details: no needs shown.
    expect(household.members[0]?.specificNeeds).toBeNull();

    const person = await send("GET", `/people/${child}`, registrar.token);
    expect(person.body.household).toEqual({ id, relationship: "child" });

    const reason = "the child now lives with an aunt in another city";
    const split = await send("POST", `/households/${id}/members/${child}/split`, registrar.token, { reason });
    expect(split.status).toBe(201);
    const newId = split.body.id as string;
    const moved = (await send("GET", `/households/${newId}`, registrar.token))
      .body as unknown as HouseholdView;
    expect(moved).toMatchObject({ splitFrom: id, splitReason: reason, principalId: child });
    expect((await send("GET", `/people/${child}`, registrar.token)).body.household).toEqual({
      id: newId,
      relationship: "principal",
    });

    // The principal leaves: the spouse, the one left, becomes principal.
    const removed = await send("DELETE", `/households/${id}/members/${principal}`, registrar.token);
    expect(removed.body).toEqual({ dissolved: false, newPrincipal: spouse });
    expect((await send("GET", `/people/${principal}`, registrar.token)).body.household).toBeNull();
    const last = await send("DELETE", `/households/${id}/members/${spouse}`, registrar.token);
    expect(last.body).toEqual({ dissolved: true, newPrincipal: null });
    expect((await send("GET", `/households/${id}`, registrar.token)).status).toBe(404);

    const events = await auditOf("USA", id);
    expect(events.map((e) => e.action)).toEqual([
      "household.create",
      "household.member.add",
      "household.member.add",
      "household.read",
      "household.member.split",
      "household.member.remove",
      "household.member.remove",
    ]);
    const text = JSON.stringify([...events, ...(await auditOf("USA", newId))]);
    expect(text).toContain(child);
    expect(text).toContain('"reason"');
    expect(text).not.toContain("aunt");
    expect(text).not.toContain(principalInput.givenNames[0]);
  });

  it("keeps the split reason encrypted at rest", async () => {
    const a = await registerPerson(t.app, "USA");
    const b = await registerPerson(t.app, "USA");
    const id = (await send("POST", "/households", registrar.token, { principalId: a })).body.id as string;
    await send("POST", `/households/${id}/members`, registrar.token, {
      personId: b,
      relationship: "sibling",
    });
    await send("POST", `/households/${id}/members/${b}/split`, registrar.token, { reason: "moved to Quito" });
    const rows = await t.app.platform.database.asOwner((tx) =>
      tx.selectFrom("registry_households").select("split_reason_enc").where("split_from", "=", id).execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.split_reason_enc).toMatch(/^enc1:/);
    expect(rows[0]?.split_reason_enc).not.toContain("Quito");
  });

  it("refuses a person already in a household, and a split of the only member", async () => {
    const a = await registerPerson(t.app, "USA");
    const b = await registerPerson(t.app, "USA");
    const first = (await send("POST", "/households", registrar.token, { principalId: a })).body.id as string;
    expect((await send("POST", "/households", registrar.token, { principalId: a })).status).toBe(409);
    const second = (await send("POST", "/households", registrar.token, { principalId: b })).body.id as string;
    const again = await send("POST", `/households/${second}/members`, registrar.token, {
      personId: a,
      relationship: "spouse",
    });
    expect(again).toMatchObject({ status: 409, field: "personId" });
    const alone = await send("POST", `/households/${first}/members/${a}/split`, registrar.token, {
      reason: "nothing to split",
    });
    expect(alone.status).toBe(409);
  });

  it("answers 404 naming the field for a person of another nation or none", async () => {
    const usaPerson = await registerPerson(t.app, "USA");
    const mexPerson = await registerPerson(t.app, "MEX");
    expect(await send("POST", "/households", registrar.token, { principalId: mexPerson })).toMatchObject({
      status: 404,
      field: "principalId",
    });
    const id = (await send("POST", "/households", registrar.token, { principalId: usaPerson })).body
      .id as string;
    for (const personId of [mexPerson, "00000000-0000-4000-8000-000000000000"])
      expect(
        await send("POST", `/households/${id}/members`, registrar.token, { personId, relationship: "child" }),
      ).toMatchObject({ status: 404, field: "personId" });
    // Another nation's registrar sees no household of the USA and cannot add their own people to it.
    expect((await send("GET", `/households/${id}`, mexRegistrar.token)).status).toBe(404);
    expect(
      (
        await send("POST", `/households/${id}/members`, mexRegistrar.token, {
          personId: mexPerson,
          relationship: "child",
        })
      ).status,
    ).toBe(404);
    const mexHousehold = (await send("POST", "/households", mexRegistrar.token, { principalId: mexPerson }))
      .body.id as string;
    expect(
      await send("POST", `/households/${mexHousehold}/members`, mexRegistrar.token, {
        personId: usaPerson,
        relationship: "child",
      }),
    ).toMatchObject({ status: 404, field: "personId" });
    expect((await send("GET", `/people/${usaPerson}`, registrar.token)).body.household).toMatchObject({ id });
  });

  it("answers 400 naming the field for bad and hostile input", async () => {
    const a = await registerPerson(t.app, "USA");
    const b = await registerPerson(t.app, "USA");
    expect(await send("POST", "/households", registrar.token, { principalId: "nope" })).toMatchObject({
      status: 400,
      field: "principalId",
    });
    const id = (await send("POST", "/households", registrar.token, { principalId: a })).body.id as string;
    expect(
      await send("POST", `/households/${id}/members`, registrar.token, {
        personId: b,
        relationship: "principal",
      }),
    ).toMatchObject({ status: 400, field: "relationship" });
    expect(
      await send("POST", `/households/${id}/members`, registrar.token, {
        personId: b,
        relationship: "cousin",
      }),
    ).toMatchObject({ status: 400, field: "relationship" });
    await send("POST", `/households/${id}/members`, registrar.token, { personId: b, relationship: "child" });
    for (const reason of ["bad\u0000reason", "bad \ud800 reason", "x".repeat(501)])
      expect(
        await send("POST", `/households/${id}/members/${b}/split`, registrar.token, { reason }),
      ).toMatchObject({ status: 400, field: "reason" });
    const huge = await t.request("POST", `/api/v1/registry/households/${id}/members/${b}/split`, {
      token: registrar.token,
      body: { reason: "y".repeat(3_000_000) },
    });
    expect([400, 413]).toContain(huge.status);
  });
});

interface Fixture {
  householdId: string;
  memberId: string;
  freeId: string;
  foreignHousehold: string;
  foreignMember: string;
}

async function fixture(app: TestApp, nation: string): Promise<Fixture> {
  const home = nation === "REG" ? "USA" : nation;
  const foreign = home === "MEX" ? "USA" : "MEX";
  const scope = systemScope(home, "test");
  const foreignScope = systemScope(foreign, "test");
  const principal = await registerPerson(app.app, home);
  const memberId = await registerPerson(app.app, home);
  const freeId = await registerPerson(app.app, home);
  const householdId = (await app.app.registry.households.create(scope, principal)).id;
  await app.app.registry.households.addMember(scope, householdId, {
    personId: memberId,
    relationship: "child",
  });
  const foreignPrincipal = await registerPerson(app.app, foreign);
  const foreignMember = await registerPerson(app.app, foreign);
  const foreignHousehold = (await app.app.registry.households.create(foreignScope, foreignPrincipal)).id;
  await app.app.registry.households.addMember(foreignScope, foreignHousehold, {
    personId: foreignMember,
    relationship: "child",
  });
  return { householdId, memberId, freeId, foreignHousehold, foreignMember };
}

const base = "/api/v1/registry/households";
describeRoleMatrix("registry households", () => t, fixture, [
  {
    name: "POST /registry/households",
    method: "POST",
    path: () => base,
    body: (fx) => ({ principalId: fx.freeId }),
    permission: "person.write",
    ok: 201,
  },
  {
    name: "GET /registry/households/:id",
    method: "GET",
    path: (fx) => `${base}/${fx.householdId}`,
    otherNationPath: (fx) => `${base}/${fx.foreignHousehold}`,
    permission: "person.read",
    ok: 200,
  },
  {
    name: "POST /registry/households/:id/members",
    method: "POST",
    path: (fx) => `${base}/${fx.householdId}/members`,
    otherNationPath: (fx) => `${base}/${fx.foreignHousehold}/members`,
    body: (fx) => ({ personId: fx.freeId, relationship: "parent" }),
    permission: "person.write",
    ok: 200,
  },
  {
    name: "POST /registry/households/:id/members/:personId/split",
    method: "POST",
    path: (fx) => `${base}/${fx.householdId}/members/${fx.memberId}/split`,
    otherNationPath: (fx) => `${base}/${fx.foreignHousehold}/members/${fx.foreignMember}/split`,
    body: () => ({ reason: "lives apart now" }),
    permission: "person.write",
    ok: 201,
  },
  {
    name: "DELETE /registry/households/:id/members/:personId",
    method: "DELETE",
    path: (fx) => `${base}/${fx.householdId}/members/${fx.memberId}`,
    otherNationPath: (fx) => `${base}/${fx.foreignHousehold}/members/${fx.foreignMember}`,
    permission: "person.write",
    ok: 200,
  },
]);
