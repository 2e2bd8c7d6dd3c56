import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { personInput, registerPerson } from "./registry.test-support.ts";

// Names are text, whatever they spell: a surname that is also a property every JavaScript object has once
// answered 500 to a search (the abbreviation tables were object literals).

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await userWithToken(t, "USA", ["registrar"])).token;
});
afterAll(async () => {
  await t.close();
});

describe("searching people by names that are also object properties", () => {
  it.each(["Constructor", "toString", "__proto__", "valueOf"])("finds a person named %s", async (surname) => {
    const id = await registerPerson(
      t.app,
      "USA",
      personInput({ givenNames: [surname], surnames: [surname] }),
    );
    const res = await t.request("GET", `/api/v1/registry/search?given=${surname}&surname=${surname}`, {
      token,
    });
    const body = await res.text();
    expect(res.status, body).toBe(200);
    expect((JSON.parse(body) as { hits: { id: string }[] }).hits.map((h) => h.id)).toContain(id);
  });
});
