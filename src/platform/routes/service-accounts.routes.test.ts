import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { describeRoleMatrix } from "../../../test/role-matrix.ts";
import { systemScope } from "../auth/scope.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
const reason = "nightly export of encounter statistics to the ministry";

async function robot(app: TestApp, nation: string, options: { grant?: boolean } = {}) {
  const scope = systemScope(nation, "test");
  const account = await app.app.platform.users.createServiceAccount(scope, {
    name: `robot-${++seq}`,
    displayName: "Robot",
    roles: ["analyst"],
  });
  if (options.grant && !scope.regional)
    await app.app.platform.users.grantPersonalData(scope, account.id, { role: "analyst", reason });
  return account.id;
}

async function fixture(app: TestApp, nation: string) {
  const other = nation === "MEX" ? "USA" : "MEX";
  return {
    plain: await robot(app, nation),
    granted: await robot(app, nation, { grant: true }),
    foreignPlain: await robot(app, other),
    foreignGranted: await robot(app, other, { grant: true }),
  };
}

describeRoleMatrix("service accounts", () => t, fixture, [
  {
    name: "POST /service-accounts",
    method: "POST",
    path: () => "/api/v1/service-accounts",
    body: () => ({ name: `importer-${++seq}`, displayName: "Statistics importer", roles: ["analyst"] }),
    permission: "user.manage",
    ok: 201,
  },
  {
    name: "POST /service-accounts/:id/grants",
    method: "POST",
    path: (fx) => `/api/v1/service-accounts/${fx.plain}/grants`,
    otherNationPath: (fx) => `/api/v1/service-accounts/${fx.foreignPlain}/grants`,
    body: () => ({ role: "analyst", reason }),
    permission: "service.grant",
    ok: 201,
  },
  {
    name: "DELETE /service-accounts/:id/grants/:role",
    method: "DELETE",
    path: (fx) => `/api/v1/service-accounts/${fx.granted}/grants/analyst`,
    otherNationPath: (fx) => `/api/v1/service-accounts/${fx.foreignGranted}/grants/analyst`,
    permission: "service.grant",
    ok: 200,
  },
]);

describe("service accounts", () => {
  it("hold no personal-data permission until a nation_admin grants a role, audited with the reason", async () => {
    const admin = await userWithToken(t, "GTM", ["nation_admin"]);
    const created = await t.request("POST", "/api/v1/service-accounts", {
      token: admin.token,
      body: { name: "border-stats", displayName: "Border statistics", roles: ["analyst"] },
    });
    expect(created.status).toBe(201);
    const account = (await created.json()) as { id: string; email: string; kind: string };
    expect(account).toMatchObject({ email: "service:border-stats", kind: "service" });
    const issued = await t.request("POST", `/api/v1/service-accounts/${account.id}/tokens`, {
      token: admin.token,
      body: { name: "nightly" },
    });
    const { token } = (await issued.json()) as { token: string };
    const me = async () =>
      (
        (await (await t.request("GET", "/api/v1/auth/me", { token })).json()) as {
          user: { permissions: string[] };
        }
      ).user.permissions;
    expect(await me()).toContain("flows.import");
    expect(await me()).not.toContain("border.read");
    expect((await t.request("GET", "/api/v1/border/encounters", { token })).status).toBe(403);

    const granted = await t.request("POST", `/api/v1/service-accounts/${account.id}/grants`, {
      token: admin.token,
      body: { role: "analyst", reason },
    });
    expect(granted.status).toBe(201);
    expect(((await granted.json()) as { personalDataGrants: string[] }).personalDataGrants).toEqual([
      "analyst",
    ]);
    expect(await me()).toContain("border.read");
    expect((await t.request("GET", "/api/v1/border/encounters", { token })).status).toBe(200);
    const stored = await t.database.asOwner((tx) =>
      tx
        .selectFrom("service_account_grants")
        .selectAll()
        .where("user_id", "=", account.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toMatchObject({ role: "analyst", reason, granted_by: admin.userId });
    const event = await t.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select(["actor_user", "details"])
        .where("tenant_id", "=", "GTM")
        .where("action", "=", "service_account.grant")
        .where("target_id", "=", account.id)
        .executeTakeFirstOrThrow(),
    );
    expect(event.actor_user).toBe(admin.userId);
    expect(event.details).toEqual({ role: "analyst", permissions: ["border.read"] });

    const withdrawn = await t.request("DELETE", `/api/v1/service-accounts/${account.id}/grants/analyst`, {
      token: admin.token,
    });
    expect(withdrawn.status).toBe(200);
    expect((await t.request("GET", "/api/v1/border/encounters", { token })).status).toBe(403);
  });

  it("cannot sign in, and cannot issue tokens for itself", async () => {
    const id = await robot(t, "GTM");
    const { token } = await t.app.platform.users.createToken(systemScope("GTM", "test"), {
      userId: id,
      name: "job",
      expiresAt: null,
    });
    expect((await t.request("POST", "/api/v1/tokens", { token, body: { name: "more" } })).status).toBe(403);
    expect((await t.request("GET", "/api/v1/tokens", { token })).status).toBe(403);
    const directory = await t.database.asOwner((tx) =>
      tx.selectFrom("user_logins").select("email").where("user_id", "=", id).execute(),
    );
    expect(directory).toEqual([]);
    // Even listed in the sign-in directory by hand, a service account has no password to match.
    await t.database.asOwner((tx) =>
      tx
        .insertInto("user_logins")
        .values({ email: "robot@gtm.test", tenant_id: "GTM", user_id: id })
        .execute(),
    );
    const login = await t.request("POST", "/api/v1/auth/login", {
      body: { email: "robot@gtm.test", password: "anything at all" },
    });
    expect(login.status).toBe(401);
    const withPassword = t.database.asOwner((tx) =>
      tx.updateTable("users").set({ password_hash: "scrypt$1$1$1$x$y" }).where("id", "=", id).execute(),
    );
    await expect(withPassword).rejects.toThrow(/users_service_has_no_password/);
  });

  it("refuses a grant that names no personal data, one that breaks separation of duties, and a second one", async () => {
    const admin = await userWithToken(t, "GTM", ["nation_admin"]);
    const officer = await t.app.platform.users.createServiceAccount(systemScope("GTM", "test"), {
      name: "decision-feed",
      displayName: "Decision feed",
      roles: ["border_officer"],
    });
    const grant = (role: string) =>
      t.request("POST", `/api/v1/service-accounts/${officer.id}/grants`, {
        token: admin.token,
        body: { role, reason },
      });
    expect((await grant("auditor")).status).toBe(400);
    expect((await grant("border_officer")).status).toBe(201);
    expect((await grant("border_officer")).status).toBe(409);
    const conflict = await grant("nation_admin");
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { message: string } }).error.message).toMatch(
      /border\.decide with border\.approve/,
    );
  });

  it("names a taken service-account name as a conflict, and a person's id is no service account", async () => {
    const admin = await userWithToken(t, "GTM", ["nation_admin"]);
    const body = { name: "twice", displayName: "Twice", roles: ["analyst"] };
    expect((await t.request("POST", "/api/v1/service-accounts", { token: admin.token, body })).status).toBe(
      201,
    );
    expect((await t.request("POST", "/api/v1/service-accounts", { token: admin.token, body })).status).toBe(
      409,
    );
    const person = await userWithToken(t, "GTM", ["analyst"]);
    const asPerson = await t.request("POST", `/api/v1/service-accounts/${person.userId}/tokens`, {
      token: admin.token,
      body: { name: "act as a person" },
    });
    expect(asPerson.status).toBe(404);
    const grantPerson = await t.request("POST", `/api/v1/service-accounts/${person.userId}/grants`, {
      token: admin.token,
      body: { role: "analyst", reason },
    });
    expect(grantPerson.status).toBe(404);
  });

  it("takes a role named twice as that role once, for a service account and for a person", async () => {
    const admin = await userWithToken(t, "GTM", ["nation_admin"]);
    const account = await t.request("POST", "/api/v1/service-accounts", {
      token: admin.token,
      body: { name: "doubled", displayName: "Doubled", roles: ["registrar", "analyst", "registrar"] },
    });
    expect(account.status).toBe(201);
    expect(((await account.json()) as { roles: string[] }).roles).toEqual(["analyst", "registrar"]);
    const person = await t.request("POST", "/api/v1/users", {
      token: admin.token,
      body: { email: "doubled@gtm.test", displayName: "Doubled", roles: ["analyst", "analyst"] },
    });
    expect(person.status).toBe(201);
    expect(((await person.json()) as { roles: string[] }).roles).toEqual(["analyst"]);
  });
});
