import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { Role } from "../src/platform/auth/auth.contract.ts";
import { axeViolations, browserSuite, describeViolations, signInAs } from "./browser-harness.ts";

// Staff pages on a phone (390 px wide): every navigation entry and every tab of it, for several roles, without
// a horizontal scroll of the page. Wide content (tables, charts) scrolls inside its own box.

const suite = browserSuite();
const WIDTH = 390;

const ROLES: { role: Role; nation: string; locale: string }[] = [
  { role: "border_officer", nation: "USA", locale: "en-US" },
  { role: "registrar", nation: "USA", locale: "es-ES" },
  { role: "pathway_officer", nation: "USA", locale: "en-US" },
  { role: "investigator", nation: "USA", locale: "en-US" },
  { role: "analyst", nation: "USA", locale: "pt-BR" },
  { role: "nation_admin", nation: "MEX", locale: "es-ES" },
  { role: "auditor", nation: "MEX", locale: "fr-CA" },
];

/** The page's overflow, and the widest elements that stick out past the viewport (for the message). */
async function overflow(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate((limit) => {
    // The page's own globals (no DOM types in the tests).
    interface Element {
      tagName: string;
      id: string;
      className: unknown;
      getBoundingClientRect(): { right: number; width: number };
    }
    const doc = (
      globalThis as unknown as {
        document: {
          documentElement: { scrollWidth: number };
          querySelectorAll(s: string): ArrayLike<Element>;
        };
      }
    ).document;
    const culprits: string[] = [];
    for (const el of Array.from(doc.querySelectorAll("body *"))) {
      const box = el.getBoundingClientRect();
      if (box.right > limit + 1 && box.width > 0) {
        const classes =
          typeof el.className === "string" && el.className ? `.${el.className.split(" ").join(".")}` : "";
        culprits.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes} → ${Math.round(box.right)}px`,
        );
      }
    }
    return { width: doc.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
  }, WIDTH);
}

async function expectNoPageScroll(page: Page, where: string): Promise<void> {
  const { width, culprits } = await overflow(page);
  expect(width, `${where} is ${width}px wide: ${culprits.join(", ")}`).toBeLessThanOrEqual(WIDTH);
}

describe("staff pages at 390 px", () => {
  for (const { role, nation, locale } of ROLES) {
    test(`${role} (${nation}, ${locale}): every section and tab fits the width`, async () => {
      const page = await suite.newPage(locale);
      await page.setViewportSize({ width: WIDTH, height: 844 });
      await signInAs(page, role, nation);
      const hrefs = await page
        .locator("nav.capability-nav a")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "/"));
      expect(hrefs.length).toBeGreaterThan(1);
      for (const href of hrefs) {
        await page.goto(href);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await page.waitForLoadState("networkidle");
        await expectNoPageScroll(page, href);
        const tabs = await page
          .locator("nav.section-tabs a, [role=tablist] a, [role=tablist] button")
          .evaluateAll((els) => els.length);
        for (let i = 0; i < tabs; i++) {
          await page.locator("nav.section-tabs a, [role=tablist] a, [role=tablist] button").nth(i).click();
          await page.waitForLoadState("networkidle");
          await expectNoPageScroll(page, `${href}, tab ${i + 1}`);
        }
      }
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }
});
