import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { systemScope } from "./scope.ts";

let t: TestApp;
const password = "correct horse battery staple";
beforeAll(async () => {
  t = await startTestApp();
  await t.app.platform.users.createUser(systemScope("MEX", "test"), {
    email: "ana@mex.test",
    displayName: "Ana",
    password,
    roles: ["registrar"],
    officeId: "MEX-01",
  });
});
afterAll(async () => {
  await t.close();
});

async function login(email: string, pw: string) {
  return t.request("POST", "/api/v1/auth/login", { body: { email, password: pw } });
}

describe("sign-in with a session cookie", () => {
  it("sets an httpOnly SameSite cookie and answers the user with a CSRF token", async () => {
    const res = await login("Ana@MEX.test", password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/hemisphere_session=MEX\./);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = (await res.json()) as {
      user: { nation: string; roles: string[]; displayName: string };
      csrfToken: string;
    };
    expect(body.user).toMatchObject({ nation: "MEX", roles: ["registrar"], displayName: "Ana" });
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it("requires the CSRF token on state-changing requests and ends the session on sign-out", async () => {
    const res = await login("ana@mex.test", password);
    const session = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    expect((await t.request("GET", "/api/v1/auth/me", { headers: { cookie: session } })).status).toBe(200);
    expect((await t.request("POST", "/api/v1/auth/logout", { headers: { cookie: session } })).status).toBe(
      403,
    );
    const out = await t.request("POST", "/api/v1/auth/logout", {
      headers: { cookie: session, "x-csrf-token": csrfToken },
    });
    expect(out.status).toBe(204);
    expect((await t.request("GET", "/api/v1/auth/me", { headers: { cookie: session } })).status).toBe(401);
  });

  it("answers a wrong password and an unknown e-mail the same way", async () => {
    const wrong = await login("ana@mex.test", "not the password");
    const unknown = await login("nobody@mex.test", "whatever it is");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(
      ((await unknown.json()) as { error: { message: string } }).error.message,
    );
  });

  it("slows an account down after repeated failures with 429 and a short Retry-After, then lets it in", async () => {
    await t.app.platform.users.createUser(systemScope("MEX", "test"), {
      email: "luis@mex.test",
      displayName: "Luis",
      password,
      roles: ["analyst"],
    });
    const answers = await Promise.all(Array.from({ length: 7 }, () => login("luis@mex.test", "wrong guess")));
    expect(answers.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const slowed = answers.find((r) => r.status === 429) as Response;
    const wait = Number(slowed.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    expect((await login("luis@mex.test", password)).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("stops working once revoked", async () => {
    const admin = await userWithToken(t, "CRI", ["nation_admin"]);
    const worker = await userWithToken(t, "CRI", ["analyst"]);
    expect((await t.request("GET", "/api/v1/nations", { token: worker.token })).status).toBe(200);
    expect(
      (
        await t.request("DELETE", `/api/v1/users/${worker.userId}/tokens/${worker.tokenId}`, {
          token: admin.token,
        })
      ).status,
    ).toBe(204);
    expect((await t.request("GET", "/api/v1/nations", { token: worker.token })).status).toBe(401);
  });

  it("stops working once expired, and a malformed token is refused", async () => {
    const admin = await userWithToken(t, "PAN", ["nation_admin"]);
    const scope = systemScope("PAN", "test");
    const past = await t.app.platform.users.createToken(scope, {
      userId: admin.userId,
      name: "old",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await t.request("GET", "/api/v1/nations", { token: past.token })).status).toBe(401);
    expect((await t.request("GET", "/api/v1/nations", { token: "hm_PAN_short" })).status).toBe(401);
  });

  it("stores only a hash of the token", async () => {
    const issued = await userWithToken(t, "PER", ["analyst"]);
    const stored = await t.database.asOwner((tx) =>
      tx.selectFrom("api_tokens").select("token_hash").execute(),
    );
    expect(stored.map((r) => r.token_hash)).not.toContain(issued.token);
    expect(JSON.stringify(stored)).not.toContain(issued.token.slice(7));
  });
});
