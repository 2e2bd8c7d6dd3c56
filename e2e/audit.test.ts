import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

const suite = browserSuite();

async function openAudit(page: Page, nation = "USA"): Promise<void> {
  await signInAs(page, "auditor", nation);
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

/** The exact action codes of the events shown, from the `<code>` beside each label. */
async function actionsShown(page: Page): Promise<string[]> {
  return page.getByTestId("audit-events").locator("tbody tr td:nth-child(3) code").allTextContents();
}

const BARE_CODE = /^[a-z_]+(?:\.[a-z_]+)*$/;

/**
 * Each event names its action and kind of record by label with the code beside it in `<code>`: no cell is a
 * bare code, and no action reads as a code's words (the look of one nobody labelled).
 */
async function expectLabelled(page: Page): Promise<void> {
  const rows = page.getByTestId("audit-events").locator("tbody tr");
  const actions = await rows.locator("td:nth-child(3)").allTextContents();
  const codes = await rows.locator("td:nth-child(3) code").allTextContents();
  const records = await rows.locator("td:nth-child(4)").allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  expect(codes).toHaveLength(actions.length); // one code beside each label
  actions.forEach((text, i) => {
    const code = codes[i] ?? "";
    expect(text.endsWith(code)).toBe(true);
    const label = text.slice(0, text.length - code.length).trim();
    expect(label).not.toBe("");
    expect(label).not.toMatch(BARE_CODE);
    expect(label).not.toBe(code.replace(/[._]+/g, " "));
  });
  for (const record of records) expect(record.trim()).not.toMatch(BARE_CODE);
}

/** The action cell of the first event recorded as `code`. */
function actionCell(page: Page, code: string) {
  return page
    .getByTestId("audit-events")
    .locator("tbody tr td:nth-child(3)")
    .filter({ has: page.locator("code", { hasText: new RegExp(`^${code.replace(/\./g, "\\.")}$`) }) })
    .first();
}

describe("the audit page", () => {
  test("an auditor sees the log verified, filters events by action and by day, and pages back", async () => {
    const page = await suite.newPage();
    await openAudit(page);
    expect(await page.getByRole("status").textContent()).toMatch(/audit log of USA is intact/);
    await expectAccessible(page);

    await expectLabelled(page);
    // Signing in is an event: it reads in words, its code beside it.
    expect(await actionCell(page, "auth.login").textContent()).toMatch(/^Signed in\s*auth\.login$/);

    const first = await actionsShown(page);
    expect(first.length).toBeGreaterThan(0);
    const action = first[0] as string;
    // The filter offers the actions by label, grouped; the code is what the server is asked for.
    await page.getByLabel("Action").selectOption(action);
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

  test("in Spanish, the verification and the events are in Spanish, actions and records named in words", async () => {
    const page = await suite.newPage("es-ES");
    await openAudit(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Auditoría");
    expect(await page.getByRole("status").textContent()).toMatch(/está íntegro/);
    await page.getByRole("button", { name: "Mostrar eventos", exact: true }).waitFor();
    await expectLabelled(page);
    expect(await actionCell(page, "auth.login").textContent()).toMatch(/^Inició sesión\s*auth\.login$/);
    // The record's kind reads in Spanish too, its code beside it.
    const userRecord = page
      .getByTestId("audit-events")
      .locator("tbody tr td:nth-child(4)")
      .filter({ has: page.locator("code", { hasText: /^user$/ }) })
      .first();
    expect(await userRecord.textContent()).toMatch(/^Cuenta de usuario\s*user/);
    await expectAccessible(page);
  });

  test("in French, an auditor of Haiti filters by an action chosen by its label", async () => {
    const page = await suite.newPage("fr-FR");
    await openAudit(page, "HTI");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Audit");
    await expectLabelled(page);
    expect(await actionCell(page, "auth.login").textContent()).toMatch(/^S'est connecté\s*auth\.login$/);

    const select = page.getByLabel("Action", { exact: true });
    expect(await select.locator("optgroup[label='Connexion'] option").allTextContents()).toContain(
      "S'est connecté",
    );
    // No option is a code.
    const options = await select.locator("option").allTextContents();
    expect(options.filter((o) => BARE_CODE.test(o))).toEqual([]);
    await select.selectOption({ label: "S'est connecté" });
    await page.getByLabel("Type de fiche").selectOption({ label: "Compte utilisateur" });
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/audit/events");
    await page.getByRole("button", { name: "Afficher les événements", exact: true }).click();
    const query = new URL((await answered).url()).searchParams;
    expect([query.get("action"), query.get("targetType")]).toEqual(["auth.login", "user"]);
    await expect.poll(async () => [...new Set(await actionsShown(page))]).toEqual(["auth.login"]);
    await expectLabelled(page);
    await expectAccessible(page);
  });
});
