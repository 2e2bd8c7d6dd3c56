import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { axeViolations, browserSuite, describeViolations, signInAs } from "./harness.ts";

const suite = browserSuite();
// The dashboard's queries queue behind each other on a loaded machine: wait for answers, not for a fixed time.
const SLOW = { timeout: 30_000 };

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function analystPage(): Promise<Page> {
  const page = await suite.newPage();
  await signInAs(page, "analyst", "USA");
  return page;
}

/** The forecast months of the explorer's CSV download: `[mean, lo95, hi95]` each. */
async function forecastRows(page: Page): Promise<number[][]> {
  const href = (await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")) ?? "";
  const csv = decodeURIComponent(href.replace(/^data:text\/csv;charset=utf-8,/, ""));
  return csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","))
    .filter((cells) => cells[1] === "" && cells[2] !== "")
    .map((cells) => [Number(cells[2]), Number(cells[5]), Number(cells[6])]);
}

describe("flows pages", () => {
  test("the overview shows the latest month, its top origins and surge alerts", async () => {
    const page = await analystPage();
    await page.goto("/flows");
    await page.getByRole("heading", { level: 2, name: /^Latest month: \d{4}-\d{2}$/ }).waitFor(SLOW);
    const top = page.getByRole("table", { name: /Encounters by citizenship in \d{4}-\d{2}/ });
    await top.getByRole("row", { name: /VENEZUELA/ }).waitFor(SLOW);
    expect(await top.getByRole("row").count()).toBeGreaterThan(5);
    await page.getByRole("heading", { name: "Surge alerts" }).waitFor();
    await expectNoSeriousViolations(page);
  });

  test("Venezuelans at the Southwest border in December 2021 are two clicks from the start: 24,801", async () => {
    const page = await analystPage();
    await page.locator("nav.capability-nav").getByRole("link", { name: "Flows" }).click();
    await page.getByRole("link", { name: "Venezuelans at the Southwest border, December 2021" }).click();
    await page.getByText("2021-12: 24,801 encounters").waitFor(SLOW);
    expect(await page.getByLabel("Citizenship (ISO code)").inputValue()).toBe("VEN");
    expect(await page.getByLabel("Border region").inputValue()).toBe("Southwest Land Border");
    const table = page.getByRole("table", { name: /Monthly encounters/ });
    expect(await table.getByRole("row", { name: /2020-12/ }).textContent()).toMatch(/^2020-12206$/);
    await page
      .getByRole("img", { name: /six-month forecast/ })
      .locator("canvas")
      .first()
      .waitFor();
    const band = await forecastRows(page);
    expect(band).toHaveLength(6);
    for (const [mean = 0, lo95 = 0, hi95 = 0] of band) {
      expect(lo95).toBeLessThanOrEqual(mean);
      expect(hi95).toBeGreaterThan(lo95);
    }
    await expectNoSeriousViolations(page);
  });

  test("the map of origins renders the Americas", async () => {
    const page = await analystPage();
    await page.goto("/flows/map");
    const map = page.getByRole("img", { name: /Map of the Americas .* in 2024/ });
    await map.locator("canvas").first().waitFor(SLOW);
    await page.getByLabel("Measure").selectOption("asylum_seekers");
    await map.locator("canvas").first().waitFor();
    await expectNoSeriousViolations(page);
  });

  test("the releases page lists each source's release, in Spanish too", async () => {
    const page = await analystPage();
    await page.goto("/flows/releases");
    const releases = page.getByRole("table", { name: "Releases you can read" });
    await releases.getByRole("row", { name: /cbp-aor/ }).waitFor(SLOW);
    expect(await releases.textContent()).toMatch(/unhcr-population/);
    await expectNoSeriousViolations(page);

    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("heading", { level: 1, name: "Flujos: Publicaciones y revisiones" }).waitFor();
    await page
      .getByRole("navigation", { name: "Secciones de flujos" })
      .getByRole("link", { name: "Resumen" })
      .click();
    await page.getByRole("link", { name: /Venezolanos en la frontera suroeste/ }).waitFor();
    await expectNoSeriousViolations(page);
  });
});
