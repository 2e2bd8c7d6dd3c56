import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { Role } from "../src/platform/auth/auth.contract.ts";
import { axeViolations, browserSuite, describeViolations, signInAs } from "./browser-harness.ts";

// Every role follows every entry of its navigation: no placeholder, and no request the server refuses.

const suite = browserSuite();

const ROLES: { role: Role; nation: string }[] = [
  { role: "registrar", nation: "USA" },
  { role: "caseworker", nation: "USA" },
  { role: "pathway_officer", nation: "USA" },
  { role: "border_officer", nation: "USA" },
  { role: "investigator", nation: "USA" },
  { role: "protection_officer", nation: "USA" },
  { role: "analyst", nation: "USA" },
  { role: "nation_admin", nation: "USA" },
  { role: "auditor", nation: "MEX" },
  { role: "regional_admin", nation: "REG" },
  // The secretariat never holds personal-data permissions, whatever its roles say: its analyst sees no Border.
  { role: "analyst", nation: "REG" },
  { role: "auditor", nation: "REG" },
  { role: "nation_admin", nation: "MEX" },
  { role: "registrar", nation: "GTM" },
];

/** Collects every API answer the server refused for lack of a permission (403), with its address. */
function watchRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 403) refused.push(new URL(response.url()).pathname);
  });
  return refused;
}

async function navLinks(page: Page): Promise<{ name: string; href: string }[]> {
  const links = page.locator("nav.capability-nav a");
  const count = await links.count();
  const out: { name: string; href: string }[] = [];
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    out.push({ name: (await link.textContent()) ?? "", href: (await link.getAttribute("href")) ?? "" });
  }
  return out;
}

describe("navigation by role", () => {
  for (const { role, nation } of ROLES) {
    test(`${role} (${nation}) opens every entry of the navigation without a refusal or a placeholder`, async () => {
      const page = await suite.newPage();
      const refused = watchRefusals(page);
      await signInAs(page, role, nation);
      const links = await navLinks(page);
      expect(links[0]?.href).toBe("/");
      expect(links.length).toBeGreaterThan(1);
      for (const link of links) {
        await page.locator("nav.capability-nav").getByRole("link", { name: link.name, exact: true }).click();
        await page.waitForURL((url) => url.pathname === link.href);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await page.waitForLoadState("networkidle");
        const text = (await page.locator("main").textContent()) ?? "";
        expect(text, `${role} at ${link.href}`).not.toMatch(
          /being built|permission|not available to your role/i,
        );
        expect(await page.getByTestId("not-available").count(), `${role} at ${link.href}`).toBe(0);
      }
      expect(refused, `${role} was refused`).toEqual([]);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }

  test("a section the role does not open, asked for by its address, says so plainly", async () => {
    const page = await suite.newPage();
    const refused = watchRefusals(page);
    await signInAs(page, "auditor", "USA");
    expect((await navLinks(page)).map((l) => l.href)).toEqual([
      "/",
      "/flows",
      "/pathways",
      "/audit",
      "/agreements",
    ]);
    await page.goto("/border");
    await page.getByTestId("not-available").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Border");
    await page.goto("/registry/review");
    await page.getByTestId("not-available").waitFor();
    await page.waitForLoadState("networkidle");
    expect(refused).toEqual([]);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test("in Spanish too, a hidden section says so in Spanish", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "investigator", "USA");
    await page.goto("/audit");
    const notice = page.getByTestId("not-available");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Su rol no abre/);
  });
});
