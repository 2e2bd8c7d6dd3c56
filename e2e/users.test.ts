import { describe, expect, test } from "vitest";
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

const suite = browserSuite();

describe("the users and roles page", () => {
  test("an administrator creates a user, changes their roles, and is told why a conflicting pair is refused", async () => {
    const page = await suite.newPage();
    await signInAs(page, "nation_admin", "COL");
    await page.locator("nav.capability-nav").getByRole("link", { name: "Users and roles" }).click();
    await page.getByTestId("users-table").waitFor();
    await page.getByRole("row", { name: /auditor@col\.demo/ }).waitFor();
    await expectAccessible(page);

    const email = `analyst.${Date.now()}@col.test`;
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Name", { exact: true }).fill("Ana Analista");
    await page.getByRole("group", { name: "Roles", exact: true }).getByLabel("Analyst").check();
    await page.getByRole("button", { name: "Create user" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `User ${email} created.` })
      .waitFor();
    const row = page.getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) });
    expect(await row.textContent()).toContain("Analyst");

    await row.getByRole("button", { name: `Change roles of ${email}` }).click();
    const roles = page.getByRole("group", { name: `Roles of ${email}` });
    await roles.getByLabel("Analyst").uncheck();
    await roles.getByLabel("Border officer").check();
    await roles.getByLabel("Nation administrator").check();
    await page.getByRole("button", { name: "Save roles" }).click();
    // Deciding a border disposition and approving it are duties one person must not hold together.
    await row
      .getByRole("alert")
      .filter({ hasText: "Border officer and Nation administrator cannot go to one person" })
      .waitFor();

    await roles.getByLabel("Nation administrator").uncheck();
    await page.getByRole("button", { name: "Save roles" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Roles of ${email} changed.` })
      .waitFor();
    await row.filter({ hasText: "Border officer" }).waitFor(); // the list as the server now has it
    await expectAccessible(page);
  });

  test("in Spanish, and an administrator cannot change their own roles from the page", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "nation_admin", "MEX");
    await page.goto("/users");
    await page.getByRole("heading", { level: 1, name: "Usuarios y roles" }).waitFor();
    const own = page.getByRole("row", { name: /nation_admin@mex\.demo/ });
    await own.waitFor();
    expect(await own.getByRole("button").count()).toBe(0);
    await expectAccessible(page);
  });
});
