import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { rolesForTenant } from "./auth/role-assignment.ts";
import { DEMO_NATIONS, DEMO_PASSWORD, demoAccounts, seedDemoUsers } from "./demo-users.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

it("seeds one demo user per role each tenant may hold, once, within the role rules", async () => {
  const expected = DEMO_NATIONS.length * rolesForTenant(false).length + rolesForTenant(true).length;
  expect(demoAccounts()).toHaveLength(expected);
  expect(await seedDemoUsers(t.app.platform)).toBe(expected);
  expect(await seedDemoUsers(t.app.platform)).toBe(0);
  const reg = await t.database.asOwner((tx) =>
    tx.selectFrom("user_roles").select("role").where("tenant_id", "=", "REG").orderBy("role").execute(),
  );
  expect(reg.map((r) => r.role)).toEqual(["analyst", "auditor", "regional_admin"]);
  const res = await t.request("POST", "/api/v1/auth/login", {
    body: { email: "regional_admin@reg.demo", password: DEMO_PASSWORD },
  });
  expect(res.status).toBe(200);
});
