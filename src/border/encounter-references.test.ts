import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { personInput, registerPerson } from "../registry/registry.test-support.ts";
import { venezuelanWhoLivedInColombia } from "./border.test-support.ts";

// An encounter may name a person only when the nation's registry holds them (checked through registry/index.ts).

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("the person an encounter names", () => {
  it("must be one the nation's registry holds: another nation's, or none at all, is a 404 naming personId", async () => {
    const own = await registerPerson(t.app, "USA", personInput());
    const foreign = await registerPerson(t.app, "MEX", personInput());
    const officer = await userWithToken(t, "USA", ["border_officer"]);
    const record = (personId: string) =>
      t.request("POST", "/api/v1/border/encounters", {
        token: officer.token,
        body: { ...venezuelanWhoLivedInColombia, personId },
      });
    for (const personId of [foreign, "not-a-person-id", "00000000-0000-4000-8000-000000000000"]) {
      const res = await record(personId);
      expect(res.status, personId).toBe(404);
      const body = (await res.json()) as { error: { message: string; details: unknown } };
      expect(body.error.details).toEqual({ field: "personId" });
      expect(body.error.message).toMatch(/^personId: /);
    }
    const counted = await t.app.platform.database.asOwner((tx) =>
      tx.selectFrom("border_encounters").select("id").where("tenant_id", "=", "USA").execute(),
    );
    expect(counted).toEqual([]);
    const accepted = await record(own);
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as { personId: string }).personId).toBe(own);
  });
});
