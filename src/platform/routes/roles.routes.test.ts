import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";

// Who may hold which roles, checked when roles are given (create and change) and again in every scope.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
type ErrorAnswer = {
  error: { code: string; message: string; details: { conflict?: string; roles?: string[] } };
};

async function createUser(token: string, nation: string, roles: string[]) {
  return t.request("POST", "/api/v1/users", {
    token,
    body: { email: `person.${++seq}@${nation.toLowerCase()}.test`, displayName: "Someone", roles },
  });
}

describe("separation of duties when roles are given", () => {
  it.each([
    [["investigator", "protection_officer"], "network-legal-basis"],
    [["investigator", "caseworker"], "network-protection-wall"],
    [["border_officer", "nation_admin"], "border-decision-approval"],
  ])("refuses %j with 409 naming %s", async (roles, conflict) => {
    const admin = await userWithToken(t, "USA", ["nation_admin"]);
    const res = await createUser(admin.token, "USA", roles);
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorAnswer;
    expect(body.error.details.conflict).toBe(conflict);
    for (const role of roles) expect(body.error.message).toContain(role);
  });

  it("refuses a change of roles that adds the other side, and keeps the roles as they were", async () => {
    const admin = await userWithToken(t, "USA", ["nation_admin"]);
    const officer = await userWithToken(t, "USA", ["border_officer"]);
    const change = await t.request("PUT", `/api/v1/users/${officer.userId}/roles`, {
      token: admin.token,
      body: { roles: ["border_officer", "nation_admin"] },
    });
    expect(change.status).toBe(409);
    expect(((await change.json()) as ErrorAnswer).error.details.conflict).toBe("border-decision-approval");
    const me = (await (await t.request("GET", "/api/v1/auth/me", { token: officer.token })).json()) as {
      user: { roles: string[] };
    };
    expect(me.user.roles).toEqual(["border_officer"]);
  });

  it("changes roles that do not conflict, audited with before and after, but never one's own", async () => {
    const admin = await userWithToken(t, "USA", ["nation_admin"]);
    const worker = await userWithToken(t, "USA", ["registrar"]);
    const change = await t.request("PUT", `/api/v1/users/${worker.userId}/roles`, {
      token: admin.token,
      body: { roles: ["caseworker", "registrar"] },
    });
    expect(change.status).toBe(200);
    expect(((await change.json()) as { roles: string[] }).roles).toEqual(["caseworker", "registrar"]);
    const event = await t.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select("details")
        .where("action", "=", "user.roles_change")
        .where("target_id", "=", worker.userId)
        .executeTakeFirstOrThrow(),
    );
    expect(event.details).toEqual({
      before: ["registrar"],
      after: ["caseworker", "registrar"],
      grantsRemoved: [],
    });
    const self = await t.request("PUT", `/api/v1/users/${admin.userId}/roles`, {
      token: admin.token,
      body: { roles: ["nation_admin", "analyst"] },
    });
    expect(self.status).toBe(403);
  });
});

describe("the secretariat never reaches personal data", () => {
  it.each(["caseworker", "border_officer", "investigator", "registrar", "nation_admin"])(
    "refuses a REG user with %s",
    async (role) => {
      const reg = await userWithToken(t, "REG", ["regional_admin"]);
      const res = await createUser(reg.token, "REG", [role]);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorAnswer).error.details.roles).toEqual([role]);
    },
  );

  it("creates REG users with the regional roles, and refuses a change to a nation's role", async () => {
    const reg = await userWithToken(t, "REG", ["regional_admin"]);
    const created = await createUser(reg.token, "REG", ["analyst", "auditor"]);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const change = await t.request("PUT", `/api/v1/users/${id}/roles`, {
      token: reg.token,
      body: { roles: ["analyst", "caseworker"] },
    });
    expect(change.status).toBe(400);
  });

  it("strips personal-data permissions from a REG scope whatever its role rows say", async () => {
    const reg = await userWithToken(t, "REG", ["analyst"]);
    await t.database.asOwner((tx) =>
      tx
        .insertInto("user_roles")
        .values(
          ["caseworker", "border_officer", "investigator"].map((role) => ({
            tenant_id: "REG",
            user_id: reg.userId,
            role,
          })),
        )
        .execute(),
    );
    const me = (await (await t.request("GET", "/api/v1/auth/me", { token: reg.token })).json()) as {
      user: { roles: string[]; permissions: string[] };
    };
    expect(me.user.roles).toEqual(["analyst"]);
    expect(me.user.permissions).not.toContain("person.read");
    expect(me.user.permissions).not.toContain("border.read");
    const personId = "00000000-0000-4000-8000-000000000001";
    const calls: [string, string, unknown?][] = [
      ["POST", "/api/v1/registry/crossmatch", { personId }],
      [
        "POST",
        "/api/v1/registry/referrals",
        { personId, partner: "USA", purpose: "cross_border_referral", reason: "asked" },
      ],
      ["GET", "/api/v1/registry/search?type=name&value=Ana"],
      ["GET", "/api/v1/border/encounters"],
      ["GET", "/api/v1/networks/legal-bases"],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, { token: reg.token, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    expect((await t.request("GET", "/api/v1/flows/releases", { token: reg.token })).status).toBe(200);
  });
});
