import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

const suite = browserSuite();

async function openAudit(page: Page): Promise<void> {
  await signInAs(page, "auditor", "USA");
  await page
    .locator("nav.capability-nav")
    .getByRole("link", { name: /^(Audit|Auditoría)$/ })
    .click();
  await page.getByTestId("audit-verification-result").waitFor();
  await page.getByTestId("audit-events").waitFor();
}

/** Clicks the button and waits for the events the click asked for. */
async function clickAndLoad(page: Page, name: string): Promise<void> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/audit/events");
  await page.getByRole("button", { name, exact: true }).click();
  expect((await answered).status()).toBe(200);
}

async function actionsShown(page: Page): Promise<string[]> {
  return page.getByTestId("audit-events").locator("tbody tr td:nth-child(3)").allTextContents();
}

describe("the audit page", () => {
  test("an auditor sees the log verified, filters events by action and by day, and pages back", async () => {
    const page = await suite.newPage();
    await openAudit(page);
    expect(await page.getByRole("status").textContent()).toMatch(/audit log of USA is intact/);
    await expectAccessible(page);

    const first = await actionsShown(page);
    expect(first.length).toBeGreaterThan(0);
    const action = first[0] as string;
    await page.getByLabel("Action").fill(action);
    await clickAndLoad(page, "Show events");
    // The answer has arrived; the table shows it once the page has drawn it.
    await expect.poll(async () => [...new Set(await actionsShown(page))]).toEqual([action]);

    // A day in the future has no events.
    await page.getByLabel("From").fill("2099-01-01");
    await clickAndLoad(page, "Show events");
    await page.getByText("No event matches these filters.").waitFor();

    await clickAndLoad(page, "Clear the filters");
    await page.getByTestId("audit-events").waitFor();
    const older = page.getByRole("button", { name: "Show older events" });
    if (await older.isVisible()) {
      const before = (await actionsShown(page)).length;
      await clickAndLoad(page, "Show older events");
      await page
        .getByTestId("audit-events")
        .locator(`tbody tr:nth-child(${before + 1})`)
        .waitFor();
      expect((await actionsShown(page)).length).toBeGreaterThan(before);
    }
    await expectAccessible(page);
  });

  test("in Spanish, the verification and the events are in Spanish", async () => {
    const page = await suite.newPage("es-ES");
    await openAudit(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Auditoría");
    expect(await page.getByRole("status").textContent()).toMatch(/está íntegro/);
    await page.getByRole("button", { name: "Mostrar eventos", exact: true }).waitFor();
    await expectAccessible(page);
  });
});
