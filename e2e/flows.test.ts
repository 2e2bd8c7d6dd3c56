import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { axeViolations, browserSuite, describeViolations, signInAs } from "./browser-harness.ts";

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
    await top.getByRole("row", { name: /Venezuela \(VEN\)/ }).waitFor(SLOW);
    expect(await top.getByRole("row").count()).toBeGreaterThan(5);
    await page
      .getByRole("img", { name: "Monthly encounters at every border, with policy events" })
      .locator("canvas")
      .first()
      .waitFor(SLOW);
    await page
      .getByText(/Encounters count events, not unique people/)
      .first()
      .waitFor();
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
    // The band fits the chart: never past twice the record month (66,584 in September 2023).
    for (const [mean = 0, lo95 = 0, hi95 = 0] of band) {
      expect(lo95).toBeLessThanOrEqual(mean);
      expect(hi95).toBeGreaterThan(lo95);
      expect(hi95).toBeLessThanOrEqual(2 * 66_585);
    }
    const events = page.getByRole("region", { name: "Policy events" });
    // The US pack and Mexico's pack both date this agreement; the US one is named here.
    await events.getByText(/2022-10-12 · Mexico receives Venezuelans expelled under Title 42/).waitFor(SLOW);
    expect(await events.textContent()).toMatch(
      /2022-10-12 · Mexico receives Venezuelans expelled by the United States/,
    );
    expect(await events.textContent()).toMatch(/2023-05-11 · Title 42 .*ends/);
    expect(await events.textContent()).not.toMatch(/Cubans, Haitians/);
    await page
      .getByRole("img", { name: /split by legal authority: Title 42 and Title 8/ })
      .locator("canvas")
      .first()
      .waitFor(SLOW);
    await expectNoSeriousViolations(page);
  });

  test("Title 42 is a filter with its definition, and the explorer sums fiscal years", async () => {
    const page = await analystPage();
    await page.goto("/flows/explorer?land_border_region=Southwest+Land+Border");
    const authority = page.getByLabel(/^Legal authority/);
    await authority
      .locator("option", { hasText: "Title 42 (public-health expulsions)" })
      .waitFor({ state: "attached", ...SLOW });
    await authority.selectOption("Title 42");
    expect(await page.locator("label", { hasText: "Legal authority" }).getAttribute("title")).toMatch(
      /21 March 2020 to 11 May 2023/,
    );
    const demographic = page.getByLabel("Demographic");
    await demographic.locator("option", { hasText: "Family units" }).waitFor({ state: "attached" });
    await page.getByLabel("View").selectOption("fiscal");
    const years = page.getByRole("table", { name: "Encounters by fiscal year" });
    await years.getByRole("row", { name: /FY2021/ }).waitFor(SLOW);
    expect(await years.getByRole("row", { name: /FY2023/ }).count()).toBe(1);
    await expectNoSeriousViolations(page);
  });

  test("the map of origins renders the Americas", async () => {
    const page = await analystPage();
    await page.goto("/flows/map");
    const map = page.getByRole("img", { name: /Map of the Americas .* in 2024/ });
    await map.locator("canvas").first().waitFor(SLOW);
    await page.getByLabel("Measure").selectOption("asylum_seekers");
    await map.locator("canvas").first().waitFor();
    const yearly = page.getByRole("table", { name: /Asylum seekers from Venezuela \(VEN\), by year/ });
    await yearly.getByRole("row", { name: /^2000\s*172$/ }).waitFor(SLOW);
    expect(await yearly.getByRole("row").count()).toBeGreaterThan(20);
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
