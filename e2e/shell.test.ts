import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import fr from "../web/src/i18n/fr.json" with { type: "json" };
import ht from "../web/src/i18n/ht.json" with { type: "json" };
import pt from "../web/src/i18n/pt.json" with { type: "json" };
import {
  axeViolations,
  browserSuite,
  DEMO_PASSWORD,
  demoEmail,
  describeViolations,
  REPO_ROOT,
  signIn,
} from "./browser-harness.ts";

// The sections an analyst's role opens (web/src/pages/capabilities.ts); the others are not in the navigation.
const CAPABILITY_LINKS = ["Flows", "Pathways", "Placement", "Border"];
const ANALYST = demoEmail("analyst", "USA");

const suite = browserSuite();

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function pageLanguage(page: Page): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

async function navLinkNames(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Capabilities" });
  return nav.getByRole("link").allTextContents();
}

describe("the web shell", () => {
  test("the sign-in page has labelled fields and no serious accessibility violations", async () => {
    const page = await suite.newPage();
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.getByLabel("Email").waitFor();
    await page.getByLabel("Password").waitFor();
    expect(await pageLanguage(page)).toBe("en");
    await expectNoSeriousViolations(page);
  });

  test("a wrong password is refused with an announced error", async () => {
    const page = await suite.newPage();
    await page.goto("/");
    await page.getByLabel("Email").fill(ANALYST);
    await page.getByLabel("Password").fill(`${DEMO_PASSWORD}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /not correct/ });
    await alert.waitFor();
    expect(await alert.textContent()).toBe("The email or the password is not correct.");
    expect(await page.getByRole("navigation", { name: "Capabilities" }).count()).toBe(0);
    await expectNoSeriousViolations(page);
  });

  test("sign in, find the capabilities of the role and the user's nation, switch language, sign out", async () => {
    const page = await suite.newPage();
    await page.goto("/");
    await page.getByLabel("Email").fill(ANALYST);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("navigation", { name: "Capabilities" }).waitFor();
    expect(await navLinkNames(page)).toEqual(["Overview", ...CAPABILITY_LINKS]);
    expect(await page.getByRole("link", { name: "Overview" }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByTestId("user-nation").textContent()).toContain("USA");
    expect(await page.getByTestId("user-roles").textContent()).toBe("Analyst");
    await page.getByRole("table").getByRole("row", { name: /MEX/ }).waitFor(); // the seeded nations
    await expectNoSeriousViolations(page);
    await screenshotIfAsked(page, "shell.png");

    await page.getByRole("link", { name: "Flows" }).click();
    await page.getByRole("heading", { level: 1, name: "Flows" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/flows");
    // The capability navigation, not a page's own section links (Flows has an "Overview" section of its own).
    const capabilities = page.getByRole("navigation", { name: "Capabilities" });
    expect(await capabilities.getByRole("link", { name: "Flows" }).getAttribute("aria-current")).toBe("page");
    expect(
      await capabilities.getByRole("link", { name: "Overview" }).getAttribute("aria-current"),
    ).toBeNull();
    await expectNoSeriousViolations(page);

    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("link", { name: "Flujos" }).waitFor();
    expect(await pageLanguage(page)).toBe("es");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Flujos\b/);

    await page.reload(); // the choice and the session both outlive a reload
    await page.getByRole("button", { name: "Cerrar sesión" }).waitFor();
    expect(await pageLanguage(page)).toBe("es");

    // Brazil's, Canada's and Haiti's officers: each language names the sections, signs out and passes axe.
    let label = "Idioma";
    for (const [code, texts] of [
      ["pt", pt],
      ["fr", fr],
      ["ht", ht],
    ] as const) {
      await page.getByLabel(label).selectOption(code);
      await page.getByRole("link", { name: texts.nav.flows, exact: true }).waitFor();
      expect(await pageLanguage(page)).toBe(code);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(texts.pages.flows.title);
      await page.getByRole("button", { name: texts.shell.signOut }).waitFor();
      await expectNoSeriousViolations(page);
      label = texts.language.label;
    }

    await page.getByLabel(label).selectOption("en");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(await pageLanguage(page)).toBe("en");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    const me = await page.request.get("/api/v1/auth/me"); // shares the page's cookies
    expect(me.status()).toBe(401);
  });

  test("keyboard: the skip link comes first and moves focus to the main content", async () => {
    const page = await suite.newPage();
    await signIn(page, demoEmail("nation_admin", "MEX"));
    await page.reload(); // a fresh load, where focus starts at the top of the document
    await page.getByRole("navigation", { name: "Capabilities" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    expect(await page.locator(":focus").getAttribute("id")).toBe("main");
    expect(await page.getByTestId("user-nation").textContent()).toContain("MEX");
  });

  // Last in the file: it leaves this server's sign-in throttled for the browser's address.
  test("repeated wrong passwords are throttled, and the page says how long to wait", async () => {
    const page = await suite.newPage();
    await page.goto("/");
    await page.getByLabel("Email").fill("throttled@col.demo");
    let status = 0;
    for (let attempt = 0; attempt < 8 && status !== 429; attempt++) {
      await page.getByLabel("Password").fill("not-the-password");
      const answered = page.waitForResponse((response) => response.url().endsWith("/api/v1/auth/login"));
      await page.getByRole("button", { name: "Sign in" }).click();
      status = (await answered).status();
    }
    expect(status).toBe(429);
    const alert = page.getByRole("alert").filter({ hasText: /Too many attempts/ });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
  });
});

// Screenshots for the README are taken only on request: `HEMISPHERE_SCREENSHOTS=1 npm run test:e2e`.
async function screenshotIfAsked(page: Page, name: string): Promise<void> {
  if (process.env.HEMISPHERE_SCREENSHOTS !== "1") return;
  const dir = join(REPO_ROOT, "docs/screenshots");
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name) });
}
