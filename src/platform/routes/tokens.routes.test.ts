import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { describeRoleMatrix } from "../../../test/role-matrix.ts";
import { systemScope, userScope } from "../auth/scope.ts";
import { AppError } from "../errors.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
const other = (nation: string) => (nation === "MEX" ? "USA" : "MEX");

/** A service account of the nation with a token, one of another nation, and a person with a token. */
async function fixture(app: TestApp, nation: string) {
  const service = async (n: string) => {
    const account = await app.app.platform.users.createServiceAccount(systemScope(n, "test"), {
      name: `robot-${++seq}`,
      displayName: "Robot",
      roles: ["analyst"],
    });
    const token = await app.app.platform.users.createToken(systemScope(n, "test"), {
      userId: account.id,
      name: "job",
      expiresAt: null,
    });
    return { id: account.id, tokenId: token.id };
  };
  const own = await service(nation);
  const foreign = await service(other(nation));
  const person = await userWithToken(app, other(nation), ["analyst"]);
  return { own, foreign, person };
}

describeRoleMatrix("tokens", () => t, fixture, [
  { name: "GET /tokens", method: "GET", path: () => "/api/v1/tokens", permission: "token.self", ok: 200 },
  {
    name: "POST /tokens",
    method: "POST",
    path: () => "/api/v1/tokens",
    body: () => ({ name: "my laptop" }),
    permission: "token.self",
    ok: 201,
  },
  {
    name: "GET /users/:id/tokens",
    method: "GET",
    path: (fx) => `/api/v1/users/${fx.own.id}/tokens`,
    otherNationPath: (fx) => `/api/v1/users/${fx.foreign.id}/tokens`,
    permission: "token.manage",
    ok: 200,
  },
  {
    name: "DELETE /users/:id/tokens/:tokenId",
    method: "DELETE",
    path: (fx) => `/api/v1/users/${fx.own.id}/tokens/${fx.own.tokenId}`,
    otherNationPath: (fx) => `/api/v1/users/${fx.foreign.id}/tokens/${fx.foreign.tokenId}`,
    permission: "token.manage",
    ok: 204,
  },
  {
    name: "POST /service-accounts/:id/tokens",
    method: "POST",
    path: (fx) => `/api/v1/service-accounts/${fx.own.id}/tokens`,
    otherNationPath: (fx) => `/api/v1/service-accounts/${fx.foreign.id}/tokens`,
    body: () => ({ name: "nightly import", expiresInDays: 30 }),
    permission: "token.manage",
    ok: 201,
  },
]);

describe("DELETE /tokens/:id (one's own token; every role holds token.self)", () => {
  it("answers 401 without a token, 404 for anyone else's, 403 to a service account, 204 for one's own", async () => {
    const ana = await userWithToken(t, "USA", ["registrar"]);
    const ben = await userWithToken(t, "USA", ["registrar"]);
    const { own: robot } = await fixture(t, "USA");
    const robotToken = await t.app.platform.users.createToken(systemScope("USA", "test"), {
      userId: robot.id,
      name: "job",
      expiresAt: null,
    });
    const foreign = await userWithToken(t, "MEX", ["registrar"]);
    const del = (id: string, token?: string) =>
      t.request("DELETE", `/api/v1/tokens/${id}`, token ? { token } : {});
    expect((await del(ana.tokenId)).status).toBe(401);
    expect((await del(ben.tokenId, ana.token)).status).toBe(404);
    expect((await del(foreign.tokenId, ana.token)).status).toBe(404);
    expect((await del(robotToken.id, robotToken.token)).status).toBe(403);
    expect((await del(ana.tokenId, ana.token)).status).toBe(204);
    expect((await t.request("GET", "/api/v1/nations", { token: ana.token })).status).toBe(401);
    expect((await t.request("GET", "/api/v1/nations", { token: ben.token })).status).toBe(200);
  });
});

describe("a token acts as the one it was issued to", () => {
  it("refuses an administrator's token naming another user, who keeps their tokens to themselves", async () => {
    const admin = await userWithToken(t, "USA", ["nation_admin"]);
    const worker = await userWithToken(t, "USA", ["caseworker"]);
    const asked = await t.request("POST", "/api/v1/tokens", {
      token: admin.token,
      body: { userId: worker.userId, name: "act as the caseworker" },
    });
    expect(asked.status).toBe(400);
    const theirs = await t.request("GET", `/api/v1/users/${worker.userId}/tokens`, { token: admin.token });
    expect(((await theirs.json()) as { tokens: unknown[] }).tokens).toHaveLength(1);
    const adminScope = userScope({
      tenantId: "USA",
      userId: admin.userId,
      actorLabel: admin.email,
      officeId: null,
      roles: ["nation_admin"],
    });
    const direct = t.app.platform.users.createToken(adminScope, {
      userId: worker.userId,
      name: "act as the caseworker",
      expiresAt: null,
    });
    await expect(direct).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(direct).rejects.toBeInstanceOf(AppError);
    const service = t.app.platform.users.createToken(adminScope, {
      userId: worker.userId,
      kind: "service",
      name: "x",
      expiresAt: null,
    });
    await expect(service).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("issues one's own token, which acts as oneself and is audited under one's name", async () => {
    const worker = await userWithToken(t, "USA", ["caseworker"]);
    const issued = await t.request("POST", "/api/v1/tokens", {
      token: worker.token,
      body: { name: "script" },
    });
    expect(issued.status).toBe(201);
    const { token, id } = (await issued.json()) as { token: string; id: string };
    const me = (await (await t.request("GET", "/api/v1/auth/me", { token })).json()) as {
      user: { id: string };
    };
    expect(me.user.id).toBe(worker.userId);
    const event = await t.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select(["actor_user", "actor_label", "details"])
        .where("tenant_id", "=", "USA")
        .where("action", "=", "token.create")
        .where("target_id", "=", id)
        .executeTakeFirstOrThrow(),
    );
    expect(event).toMatchObject({ actor_user: worker.userId, actor_label: worker.email });
    expect(event.details).toMatchObject({ userId: worker.userId, kind: "person" });
  });

  it("refuses an unknown field, so a client cannot believe it named someone", async () => {
    const worker = await userWithToken(t, "USA", ["analyst"]);
    const res = await t.request("POST", "/api/v1/tokens", {
      token: worker.token,
      body: { name: "x", userId: worker.userId },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("BAD_INPUT");
  });
});
