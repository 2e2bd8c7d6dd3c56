import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { referenceOf } from "../src/shared/reference-code.ts";
import { axeViolations, browserSuite, describeViolations, signInAs } from "./browser-harness.ts";

const suite = browserSuite();

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** The officer records the article's case through the form and lands on the encounter's page. */
async function recordVenezuelan(page: Page): Promise<string> {
  await page.goto("/border");
  await page.getByRole("tab", { name: "Record an encounter" }).click();
  await page.getByLabel("Date", { exact: true }).fill("2022-03-15");
  await page.getByLabel("Citizenship (ISO3)").fill("VEN");
  await page.getByLabel("Given names").fill("María José");
  await page.getByLabel("Family names").fill("Pérez Rodríguez");
  await page.getByLabel("Date of birth").fill("1990-04-12");
  await page.getByLabel("Prior residence (country ISO3)").fill("COL");
  await page.getByLabel("Lived there from").fill("2019-06-01");
  await page.getByLabel("Lived there until").fill("2022-02-28");
  await page.getByRole("button", { name: "Record encounter" }).click();
  await page.getByRole("heading", { level: 1, name: "Encounter" }).waitFor();
  return page.url();
}

describe("border pages", () => {
  test("an officer records, sees the assessment, verifies with Colombia and decides; a supervisor approves", async () => {
    const page = await suite.newPage();
    await signInAs(page, "border_officer", "USA");
    const address = await recordVenezuelan(page);
    const options = page.getByRole("table", { name: /Every option/ });
    await expect
      .poll(() =>
        options.getByRole("row", { name: /Third-country return \(Colombia \(COL\)\)/ }).textContent(),
      )
      .toMatch(/No/);
    await expect.poll(() => page.getByText("Checks still needed with").textContent()).toMatch(/COL/);
    await expectNoSeriousViolations(page);

    await page.getByRole("button", { name: "Ask the partner nation" }).click();
    await page.getByText(/residence verified · Colombia PEP/).waitFor();
    await expect
      .poll(() =>
        options.getByRole("row", { name: /Third-country return \(Colombia \(COL\)\)/ }).textContent(),
      )
      .toMatch(/Yes/);

    await page.getByLabel("Disposition").selectOption({ label: "Third-country return to Colombia (COL)" });
    await page.getByLabel("Reason").fill("prior residence in Colombia verified by COL");
    await page.getByRole("button", { name: "Record decision" }).click();
    // Nothing is sent before the officer confirms what will be recorded.
    await page
      .getByRole("heading", { name: "Record this decision: Third-country return to Colombia (COL)?" })
      .waitFor();
    await expectNoSeriousViolations(page);
    await page.getByRole("button", { name: "Yes, record it" }).click();
    await page.getByText("awaiting supervisor approval").waitFor();

    const supervisor = await suite.newPage();
    await signInAs(supervisor, "nation_admin", "USA");
    await supervisor.goto("/border");
    await supervisor.getByRole("tab", { name: "Approvals" }).click();
    const item = supervisor
      .getByRole("listitem")
      .filter({ hasText: "prior residence in Colombia verified by COL" });
    await item
      .getByText(/verified by COL/)
      .first()
      .waitFor();
    await supervisor.getByLabel("Reason").fill("verification checked");
    await item.getByRole("button", { name: "Approve" }).first().click();
    await item.first().waitFor({ state: "detached" });
    await expectNoSeriousViolations(supervisor);
    await page.goto(new URL(address).pathname);
    await page.getByText(/: approved/).waitFor();
  });

  test("a partner's reviewer sees the day asked about and answers from the inbox; the officer sees the answer", async () => {
    const page = await suite.newPage();
    await signInAs(page, "border_officer", "USA");
    await recordVenezuelan(page);
    await page.getByLabel("Partner nation (ISO3)").fill("BRA");
    await page.getByRole("button", { name: "Ask the partner nation" }).click();
    await page.getByText(/Brazil \(BRA\): pending · asked about March 15, 2022/).waitFor();

    const reviewer = await suite.newPage();
    await signInAs(reviewer, "nation_admin", "BRA");
    await reviewer.goto("/border");
    await reviewer.getByRole("tab", { name: "Verification inbox" }).click();
    const row = reviewer.getByRole("row").filter({ hasText: "USA" }).filter({ hasText: "pending" }).first();
    await row.getByRole("cell", { name: "March 15, 2022" }).waitFor();
    // Brazil's registry holds nobody matching her: no candidate, so no "yes" to give.
    expect(await row.getByRole("button", { name: "Yes, with this permit" }).isDisabled()).toBe(true);
    await expectNoSeriousViolations(reviewer);
    await row.getByRole("button", { name: "No record" }).click();
    await reviewer.getByRole("row").filter({ hasText: "no residence record" }).first().waitFor();

    await page.reload();
    await page.getByText(/Brazil \(BRA\): no residence record/).waitFor();
  });

  test("a return is refused while a safeguard is open; a supervisor closes it with evidence; then it is open", async () => {
    const page = await suite.newPage();
    await signInAs(page, "border_officer", "USA");
    await page.goto("/border");
    await page.getByRole("tab", { name: "Record an encounter" }).click();
    await page.getByLabel("Date", { exact: true }).fill("2021-06-01");
    await page.getByLabel("Citizenship (ISO3)").fill("MEX");
    await page.getByLabel("Expresses fear of return").check();
    await page.getByRole("button", { name: "Record encounter" }).click();
    await page.getByRole("heading", { name: "Safeguards come first" }).waitFor();
    // No outcome is chosen in advance, and a return the open safeguard forbids cannot be chosen at all.
    const disposition = page.getByLabel("Disposition");
    expect(await disposition.inputValue()).toBe("");
    expect(await disposition.locator("option", { hasText: "Expulsion to Mexico (MEX)" }).isDisabled()).toBe(
      true,
    );
    await page.getByLabel("Reason").fill("Title 42");
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.getByRole("alert").filter({ hasText: "Choose an outcome first." }).waitFor();
    await page.getByRole("heading", { name: /Fear claim: open/ }).waitFor();
    // The officer cannot close a safeguard: no closing form is offered.
    expect(await page.getByRole("button", { name: "Close safeguard" }).count()).toBe(0);
    const id = /encounters\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";

    const supervisor = await suite.newPage();
    await signInAs(supervisor, "nation_admin", "USA");
    await supervisor.goto("/border");
    await supervisor.getByRole("tab", { name: "Approvals" }).click();
    const item = supervisor
      .locator(".safeguard-queue-item")
      .filter({ hasText: `Encounter ${referenceOf("encounter", id)}` });
    await item.getByRole("heading", { name: /Fear claim: open/ }).waitFor();
    await expectNoSeriousViolations(supervisor);
    await item
      .getByLabel("Why it is closed or reopened")
      .fill("protection screening concluded: no fear established");
    await item
      .getByLabel("Evidence relied on")
      .selectOption({ label: "referral to a protection screening and its outcome" });
    await item.getByLabel("Evidence reference").fill("CF-2021-0601");
    await item.getByRole("button", { name: "Close safeguard" }).click();
    await item.waitFor({ state: "detached" });

    await page.reload();
    await page.getByRole("heading", { name: /Fear claim: closed/ }).waitFor();
    await page.getByText(/CF-2021-0601/).waitFor();
    await page.getByLabel("Disposition").selectOption({ label: "Expulsion to Mexico (MEX)" });
    await page.getByLabel("Reason").fill("screening negative; expelled under the order");
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.getByRole("button", { name: "Yes, record it" }).click();
    await page.getByText(/Expulsion \(Mexico \(MEX\)\): final/).waitFor();
    await expectNoSeriousViolations(page);
  });

  test.each([
    {
      nation: "MEX",
      facts: { date: "2021-06-01", citizenship: "HND", border: "Frontera norte, Ciudad Juárez" },
      entry: "Between ports of entry",
      row: /Reception of a returned person/,
    },
    {
      nation: "COL",
      facts: { date: "2022-06-01", citizenship: "VEN", border: "Cúcuta (Venezuela)" },
      entry: "At a port of entry",
      row: /Temporary protection/,
    },
  ])(
    "a $nation border officer records an encounter and gets an assessment under $nation's pack",
    async (c) => {
      const page = await suite.newPage();
      await signInAs(page, "border_officer", c.nation);
      await page.goto("/border");
      await page.getByRole("tab", { name: "Record an encounter" }).click();
      await page.getByLabel("Date", { exact: true }).fill(c.facts.date);
      await page.getByLabel("Citizenship (ISO3)").fill(c.facts.citizenship);
      await page.getByRole("textbox", { name: "Border", exact: true }).fill(c.facts.border);
      await page.getByLabel("Where the person was met").selectOption({ label: c.entry });
      await page.getByRole("button", { name: "Record encounter" }).click();
      await page.getByRole("heading", { level: 1, name: "Encounter" }).waitFor();
      const options = page.getByRole("table", { name: /Every option/ });
      await expect.poll(() => options.getByRole("row", { name: c.row }).textContent()).toMatch(/Yes/);
      expect(await page.getByText(/no border policy pack is loaded/).count()).toBe(0);
      await expectNoSeriousViolations(page);
    },
  );

  test("a US officer sees the pathways presumption after Title 42, with its sources", async () => {
    const page = await suite.newPage();
    await signInAs(page, "border_officer", "USA");
    await page.goto("/border");
    await page.getByRole("tab", { name: "Record an encounter" }).click();
    await page.getByLabel("Date", { exact: true }).fill("2023-06-01");
    await page.getByLabel("Citizenship (ISO3)").fill("VEN");
    await page.getByRole("button", { name: "Record encounter" }).click();
    await page.getByRole("heading", { name: "Presumptions that apply" }).waitFor();
    await page.getByText("Sources").first().click();
    await page
      .getByText(/88 FR 31314/)
      .first()
      .waitFor();
    await expectNoSeriousViolations(page);
  });

  test("dashboards show dispositions by authority and nationality", async () => {
    const page = await suite.newPage();
    await signInAs(page, "analyst", "USA");
    await page.goto("/border");
    await page.getByRole("tab", { name: "Dashboards" }).click();
    const table = page.getByRole("table", { name: /Dispositions by authority/ });
    await table.getByRole("row").nth(1).waitFor();
    expect(await table.textContent()).toMatch(/Title 42 \(public-health expulsions\)/);
    expect(await table.textContent()).not.toMatch(/title42/);
    await expectNoSeriousViolations(page);
  });
});
