import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { describeRoleMatrix } from "../../../test/role-matrix.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Fixture {
  userId: string;
  otherUserId: string;
}

let seq = 0;
async function fixture(app: TestApp, nation: string): Promise<Fixture> {
  const own = await userWithToken(app, nation, ["analyst"]);
  const other = await userWithToken(app, nation === "MEX" ? "USA" : "MEX", ["analyst"]);
  return { userId: own.userId, otherUserId: other.userId };
}

describeRoleMatrix("platform", () => t, fixture, [
  { name: "GET /nations", method: "GET", path: () => "/api/v1/nations", permission: "nation.read", ok: 200 },
  { name: "GET /users", method: "GET", path: () => "/api/v1/users", permission: "user.manage", ok: 200 },
  {
    name: "POST /users",
    method: "POST",
    path: () => "/api/v1/users",
    // analyst is a role both the nations and the secretariat may give.
    body: () => ({ email: `new.${++seq}@usa.test`, displayName: "New person", roles: ["analyst"] }),
    permission: "user.manage",
    ok: 201,
  },
  {
    name: "PUT /users/:id/roles",
    method: "PUT",
    path: (fx) => `/api/v1/users/${fx.userId}/roles`,
    otherNationPath: (fx) => `/api/v1/users/${fx.otherUserId}/roles`,
    body: () => ({ roles: ["auditor"] }),
    permission: "user.manage",
    ok: 200,
  },
  {
    name: "GET /audit/events",
    method: "GET",
    path: () => "/api/v1/audit/events",
    permission: "audit.read",
    ok: 200,
  },
  {
    name: "GET /audit/verification",
    method: "GET",
    path: () => "/api/v1/audit/verification",
    permission: "audit.read",
    ok: 200,
  },
]);

describe("platform routes", () => {
  it("lists the 21 nations and the secretariat", async () => {
    const { token } = await userWithToken(t, "USA", ["analyst"]);
    const body = (await (await t.request("GET", "/api/v1/nations", { token })).json()) as {
      nations: { code: string }[];
    };
    const codes = body.nations.map((n) => n.code).sort();
    expect(codes).toHaveLength(22);
    expect(codes).toEqual(expect.arrayContaining(["ARG", "GUY", "HTI", "MEX", "REG", "USA", "URY"]));
  });

  it("shows a created user to their nation's admin and not to another nation's", async () => {
    const usa = await userWithToken(t, "USA", ["nation_admin"]);
    const mex = await userWithToken(t, "MEX", ["nation_admin"]);
    const created = await t.request("POST", "/api/v1/users", {
      token: usa.token,
      body: {
        email: "registrar.x@usa.test",
        displayName: "Ana Registrar",
        roles: ["registrar"],
        officeId: "USA-01",
      },
    });
    expect(created.status).toBe(201);
    const mexList = (await (await t.request("GET", "/api/v1/users", { token: mex.token })).json()) as {
      users: { email: string }[];
    };
    expect(mexList.users.map((u) => u.email)).not.toContain("registrar.x@usa.test");
    const usaList = (await (await t.request("GET", "/api/v1/users", { token: usa.token })).json()) as {
      users: { email: string; displayName: string }[];
    };
    expect(usaList.users.find((u) => u.email === "registrar.x@usa.test")?.displayName).toBe("Ana Registrar");
  });

  it("refuses bad input with the one error shape", async () => {
    const usa = await userWithToken(t, "USA", ["nation_admin"]);
    const res = await t.request("POST", "/api/v1/users", {
      token: usa.token,
      body: { email: "not-an-email", roles: [] },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { issues: { path: string }[] } };
    };
    expect(body.error.code).toBe("BAD_INPUT");
    expect(body.error.details.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["email", "displayName"]),
    );
  });

  it("answers unknown API paths with 404 in the error shape, and serves the OpenAPI document", async () => {
    const missing = await t.request("GET", "/api/v1/no-such-thing");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    const doc = (await (await t.request("GET", "/api/v1/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/auth/login", "/nations", "/audit/events", "/tokens/{id}"]),
    );
    expect((await t.request("GET", "/api/docs")).status).toBe(200);
  });

  it("gives every response a request id and health answers", async () => {
    const res = await t.request("GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
    expect((await t.request("GET", "/readyz")).status).toBe(200);
  });
});
