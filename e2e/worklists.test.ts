import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { referenceOf } from "../src/shared/reference-code.ts";
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

// The worklists: a caseworker's cases, a pathway officer's queue and a border supervisor's queue, each with
// its filters, search by code and paging, in the reader's language, opened from the section's tabs for the
// roles that hold them.

const suite = browserSuite();

/** The "a–b of n" status of the page's pager, as numbers. */
async function pagerOf(page: Page): Promise<{ from: number; to: number; total: number }> {
  const status = page.getByRole("navigation", { name: /Pages|Páginas/ }).getByRole("status");
  await status.waitFor();
  const text = (await status.textContent()) ?? "";
  const match = /(\d+)–(\d+) (?:of|de) (\d+)/.exec(text);
  if (!match) throw new Error(`no pager status in "${text}"`);
  return { from: Number(match[1]), to: Number(match[2]), total: Number(match[3]) };
}

describe("worklists", () => {
  test("a caseworker opens My cases from the registry, filters by age band, finds a case by its reference", async () => {
    const page = await suite.newPage();
    await signInAs(page, "caseworker", "USA");
    await page.goto("/registry");
    await page.getByRole("link", { name: "My cases" }).click();
    await page.getByRole("heading", { level: 2, name: "My cases" }).waitFor();
    const table = page.getByRole("table", { name: "Cases assigned to you" });
    await table.getByRole("row").nth(1).waitFor();
    const all = await pagerOf(page);
    expect(all.total).toBeGreaterThan(0);
    expect(all.from).toBe(1);
    await expectAccessible(page);

    // Demo people were born before 2020: nobody is under five.
    await page.getByLabel("Age band").selectOption("0-4");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("Nothing matches these filters.").waitFor();
    expect((await pagerOf(page)).total).toBe(0);

    await page.getByLabel("Age band").selectOption("");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const firstCase = table.getByRole("row").nth(1).getByRole("link").first();
    await firstCase.waitFor();
    const reference = ((await firstCase.textContent()) ?? "").trim();
    expect(reference).toMatch(/^C-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    // No id fragment anywhere in the list: cases by reference, people by name.
    expect(await table.textContent()).not.toMatch(/[0-9a-f]{8}/);
    await page.getByLabel("Case reference (or its first characters)").fill(reference);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(async () => (await pagerOf(page)).total).toBeLessThan(all.total + 1);
    await expect.poll(() => table.getByRole("row").nth(1).textContent()).toContain(reference);
    await firstCase.click();
    await page.getByRole("heading", { level: 1, name: /Case/ }).waitFor();
    await page.getByRole("heading", { level: 2, name: new RegExp(`^${reference} · `) }).waitFor();
  });

  test("a registrar's My cases offers no specific-needs filter: needs are shown only to protection readers", async () => {
    const caseworker = await suite.newPage();
    await signInAs(caseworker, "caseworker", "USA");
    await caseworker.goto("/registry/my-cases");
    await caseworker.getByLabel("Specific need").waitFor();
    const page = await suite.newPage();
    await signInAs(page, "registrar", "USA");
    await page.goto("/registry/my-cases");
    await page.getByRole("heading", { level: 2, name: "My cases" }).waitFor();
    await page.getByLabel("Age band").waitFor();
    expect(await page.getByLabel("Specific need").count()).toBe(0);
  });

  test("a pathway officer's queue, in Spanish: filtered by nationality, paged, searched by tracking code", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "pathway_officer", "USA");
    await page.goto("/pathways");
    await page.getByRole("tab", { name: "Mi fila" }).click();
    await page
      .getByRole("heading", { level: 2, name: "Solicitudes que esperan una etapa o una decisión" })
      .waitFor();
    const table = page.getByRole("table", { name: "Solicitudes que esperan una etapa o una decisión" });
    await table.getByRole("row").nth(1).waitFor();
    const all = await pagerOf(page);
    expect(all.total).toBeGreaterThan(20);
    expect(all.to).toBe(20);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Página siguiente" }).click();
    await expect.poll(async () => (await pagerOf(page)).from).toBe(21);
    expect((await pagerOf(page)).total).toBe(all.total);

    await page.getByLabel("Nacionalidad (código ISO3)").fill("VEN");
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect.poll(async () => (await pagerOf(page)).from).toBe(1);
    const venezuelans = await pagerOf(page);
    expect(venezuelans.total).toBeGreaterThan(0);
    expect(venezuelans.total).toBeLessThan(all.total);

    const code = ((await table.getByRole("row").nth(1).getByRole("button").textContent()) ?? "").trim();
    await page.getByLabel("Código de seguimiento").fill(code);
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect.poll(async () => (await pagerOf(page)).total).toBe(1);
    await table.getByRole("button", { name: code }).click();
    await page.getByRole("heading", { level: 2, name: new RegExp(code) }).waitFor();
  });

  test("a border supervisor's queue lists a decision awaiting approval and filters it by citizenship and need", async () => {
    const officer = await suite.newPage();
    await signInAs(officer, "border_officer", "USA");
    await officer.goto("/border");
    await officer.getByRole("tab", { name: "Record an encounter" }).click();
    await officer.getByLabel("Date", { exact: true }).fill("2022-03-15");
    await officer.getByLabel("Citizenship (ISO3)").fill("VEN");
    await officer.getByLabel("Given names").fill("María José");
    await officer.getByLabel("Family names").fill("Pérez Rodríguez");
    await officer.getByLabel("Date of birth").fill("1990-04-12");
    await officer.getByLabel("Prior residence (country ISO3)").fill("COL");
    await officer.getByLabel("Lived there from").fill("2019-06-01");
    await officer.getByLabel("Lived there until").fill("2022-02-28");
    await officer.getByRole("button", { name: "Record encounter" }).click();
    await officer.getByRole("heading", { level: 1, name: "Encounter" }).waitFor();
    const encounterId = new URL(officer.url()).pathname.split("/").pop() ?? "";
    await officer.getByRole("button", { name: "Ask the partner nation" }).click();
    await officer.getByText(/residence verified · Colombia PEP/).waitFor();
    await officer.getByLabel("Disposition").selectOption({ label: "Third-country return to Colombia (COL)" });
    await officer.getByLabel("Reason").fill("worklist check: lived in Colombia");
    await officer.getByRole("button", { name: "Record decision" }).click();
    await officer.getByRole("button", { name: "Yes, record it" }).click();
    await officer.getByText("awaiting supervisor approval").waitFor();

    const page = await suite.newPage();
    await signInAs(page, "nation_admin", "USA");
    await page.goto("/border");
    await page.getByRole("tab", { name: "My queue" }).click();
    const table = page.getByRole("table", { name: "Decisions awaiting your approval" });
    const row = table.getByRole("row").filter({ hasText: "worklist check: lived in Colombia" });
    await row.waitFor();
    expect(await row.textContent()).toContain("VEN");
    // No age band is offered: the page says why.
    expect(await page.getByLabel("Age band").count()).toBe(0);
    await page.getByText(/No age filter here/).waitFor();
    await expectAccessible(page);

    const reference = referenceOf("encounter", encounterId);
    await page.getByLabel("Encounter reference (or its first characters)").fill(reference.toLowerCase());
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(async () => (await pagerOf(page)).total).toBe(1);

    await page.getByLabel("Specific need").selectOption("unaccompanied_child");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("Nothing matches these filters.").waitFor();

    await page.getByLabel("Specific need").selectOption("");
    await page.getByLabel("Nationality (ISO3 code)").fill("VEN");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await row.waitFor();
    // The supervisor does not read encounters: the row names the encounter by reference, without a link.
    expect(await row.textContent()).toContain(reference);
    expect(await table.textContent()).not.toMatch(/[0-9a-f]{8}/);
    expect(await row.getByRole("link").count()).toBe(0);
  });
});
