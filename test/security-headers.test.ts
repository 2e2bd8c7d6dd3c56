import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "./harness.ts";

// Every answer carries the browser security headers, whatever built it: a route's JSON, a refusal, an error of
// the framework, an unknown path, the API's docs. API answers are never cached.

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await userWithToken(t, "USA", ["analyst"])).token;
});
afterAll(() => t.close());

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-request-id")).toMatch(/^[\w.-]{1,64}$/);
}

describe("security headers", () => {
  it.each([
    ["a route's answer", "GET", "/api/v1/nations", true, 200],
    ["no credentials", "GET", "/api/v1/nations", false, 401],
    ["a missing permission", "GET", "/api/v1/users", true, 403],
    ["an unknown API path", "GET", "/api/v1/nowhere", true, 404],
    ["malformed JSON", "POST", "/api/v1/portal/screen", false, 400],
  ])("are on %s, and API answers are not cached", async (_, method, url, signedIn, status) => {
    const res = await t.request(method, url, {
      ...(signedIn ? { token } : {}),
      ...(method === "POST" ? { headers: { "content-type": "application/json" }, body: "{" } : {}),
    });
    expect(res.status).toBe(status);
    expectSecurityHeaders(res);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("are on pages outside the API, which may be cached", async () => {
    const res = await t.request("GET", "/api/docs");
    expectSecurityHeaders(res);
    const health = await t.request("GET", "/healthz");
    expectSecurityHeaders(health);
    expect(health.headers.get("cache-control")).toBeNull();
  });
});
