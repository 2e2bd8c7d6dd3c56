import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

// Printing a record: a Print button on the page, and a print stylesheet that keeps the record alone — no
// banner, navigation, tabs, queue, forms or buttons — black on white.

const suite = browserSuite();

/** Whether each selector has a visible element on the page as printed. */
async function printed(page: Page, selectors: string[]): Promise<Record<string, boolean>> {
  await page.emulateMedia({ media: "print" });
  const out: Record<string, boolean> = {};
  for (const selector of selectors) out[selector] = await page.locator(selector).first().isVisible();
  await page.emulateMedia({ media: "screen" });
  return out;
}

describe("printing a record", () => {
  test("a registrar prints a person: the record alone, in Spanish", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "registrar", "USA");
    await page.goto("/registry");
    await page.getByLabel("Nombres").fill("María José");
    await page.getByLabel("Apellidos").fill("Pérez Rodríguez");
    await page.locator("form button[type=submit]").first().click();
    const link = page.getByRole("table").getByRole("link").first();
    await link.waitFor();
    await link.click();
    await page.locator("#registry-person").waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Imprimir" }).isVisible()).toBe(true);
    await expectAccessible(page);
    expect(
      await printed(page, [
        ".site-header",
        "nav.capability-nav",
        "#registry-person",
        ".printable dl",
        ".print-button",
      ]),
    ).toEqual({
      ".site-header": false,
      "nav.capability-nav": false,
      "#registry-person": true,
      ".printable dl": true,
      ".print-button": false,
    });
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("a pathway officer prints an application without the queue beside it", async () => {
    const page = await suite.newPage();
    await signInAs(page, "pathway_officer", "USA");
    await page.goto("/pathways");
    const queue = page.getByRole("table", { name: "Queue" });
    await queue.waitFor();
    await queue.getByRole("button").first().click();
    await page.locator("#application-title").waitFor();
    await page.getByRole("button", { name: "Print" }).waitFor();
    await expectAccessible(page);
    expect(
      await printed(page, [
        "#application-title",
        "table.data-table >> nth=0",
        "[role=tablist]",
        ".printable button",
      ]),
    ).toEqual({
      "#application-title": true,
      "table.data-table >> nth=0": false,
      "[role=tablist]": false,
      ".printable button": false,
    });
  });
});
