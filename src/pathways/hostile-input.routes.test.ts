import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { fileApplication, publishPathway, simplePathway } from "./pathways.test-support.ts";

// Numbers too large for their column, days that do not exist and oversized definitions are the caller's
// mistake: each is answered 400 (or 413) naming the field, never 500.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
let admin: string;
let appId: string;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-hostile");
  admin = (await userWithToken(t, "USA", ["pathway_officer"])).token;
  appId = (await fileApplication(t.app.pathways, "USA", "usa-hostile")).id;
});
afterAll(async () => {
  await t.close();
});

const definition = (extra: Record<string, unknown>) => ({ ...simplePathway("USA", "usa-hostile"), ...extra });

describe("hostile input to the pathway routes", () => {
  it.each([
    ["a pledge beyond any count", "PUT", "/pledges/2026", { places: 1e12 }, /places: expected at most/],
    [
      "capacity places beyond any count",
      "PUT",
      "/catalog/usa-hostile",
      { definition: definition({ capacity: { places: 3e9 } }), effectiveFrom: "2024-01-01" },
      /capacity\.places: expected at most/,
    ],
    [
      "processing days beyond any wait",
      "PUT",
      "/catalog/usa-hostile",
      { definition: definition({ processingDays: 1e15 }), effectiveFrom: "2024-01-01" },
      /processingDays: expected at most/,
    ],
    [
      "an effective date that does not exist",
      "PUT",
      "/catalog/usa-hostile",
      { definition: definition({}), effectiveFrom: "2024-02-30" },
      /effectiveFrom: expected a date YYYY-MM-DD that exists/,
    ],
    [
      "a preview on a day that does not exist",
      "POST",
      "/catalog/preview",
      { definition: definition({}), answers: {}, on: "2023-13-01" },
      /\bon: expected a date YYYY-MM-DD that exists/,
    ],
    [
      "an appointment day that does not exist",
      "PUT",
      "/appointment-days",
      { officeId: "USA-01", day: "2031-02-30", capacity: 3 },
      /day: expected a date YYYY-MM-DD that exists/,
    ],
    [
      "a booking on a day that does not exist",
      "POST",
      "/applications/:app/appointment",
      { officeId: "USA-01", day: "2031-04-31" },
      /day: expected a date YYYY-MM-DD that exists/,
    ],
  ])("answers 400 to %s", async (_name, method, path, body, field) => {
    const res = await t.request(method, `/api/v1/pathways${path.replace(":app", appId)}`, {
      token: admin,
      body,
    });
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(text).toMatch(field);
  });

  it("answers 413 to a pathway definition larger than any catalogue needs", async () => {
    const res = await t.request("PUT", "/api/v1/pathways/catalog/usa-hostile", {
      token: admin,
      body: { definition: definition({ note: "x".repeat(300_000) }), effectiveFrom: "2024-01-01" },
    });
    expect(res.status, await res.clone().text()).toBe(413);
  });

  it("answers 413 to portal answers larger than any questionnaire needs", async () => {
    const res = await t.request("POST", "/api/v1/portal/screen", {
      body: { lang: "en", answers: { nationality: "VEN", padding: "x".repeat(300_000) } },
    });
    expect(res.status).toBe(413);
  });

  it.each([
    ["a NUL", "Passport\u0000"],
    ["an unpaired surrogate", "Passport \ud800"],
  ])(
    "refuses a definition holding %s with 400 naming where, whoever calls the service",
    async (_name, text) => {
      const save = t.app.pathways.catalog.save(
        systemScope("USA", "test"),
        "usa-hostile",
        definition({ documents: [{ en: text }] }),
        "2024-01-01",
      );
      await expect(save).rejects.toMatchObject({
        code: "BAD_INPUT",
        message: expect.stringMatching(/documents\[0\]\.en/),
      });
    },
  );
});
