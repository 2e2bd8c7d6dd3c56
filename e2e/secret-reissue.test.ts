import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  apiOf,
  browserSuite,
  expectAccessible,
  fileOnTestPathway,
  focusedId,
  signInAs,
} from "./browser-harness.ts";

// An applicant who lost their secret and gave no contact comes to the office: a pathway officer checks their
// identity, names the document, confirms, and hands over the new secret shown once; the old one stops working.
// A caseworker, who reads applications but does not decide them, is not offered the step.

const suite = browserSuite();

const pathwayId = `usa-e2e-reissue-${Date.now().toString(36)}`;

/**
 * Files an application without a contact through the portal's API, on a pathway made up for this test (saved and
 * published by `page`, a pathway officer, the first time); returns its code and secret.
 */
async function fileWithoutContact(page: Page): Promise<{ code: string; secret: string }> {
  const filed = await fileOnTestPathway(
    await apiOf(page),
    pathwayId,
    {
      nation: "USA",
      type: "humanitarian_parole",
      title: { en: "Test pathway for a new secret" },
      rules: [{ kind: "nationality", in: ["HTI"] }],
    },
    { lang: "fr", nation: "USA", answers: { nationality: "HTI" }, consent: true, fullName: "Jean Baptiste" },
  );
  return { code: filed.trackingCode, secret: filed.secret };
}

/** Finds the application by its tracking code in the Queue tab and opens it. */
async function openByCode(page: Page, code: string, queue: string, codeLabel: string, apply: string) {
  await page.goto("/pathways");
  const section = page.getByRole("region", { name: queue, exact: true });
  await section.getByLabel(codeLabel).fill(code);
  const answered = page.waitForResponse((r) => r.url().includes("/pathways/applications?"));
  await section.getByRole("button", { name: apply }).click();
  await answered;
  await section.getByRole("button", { name: code, exact: true }).click();
  await page.locator("#application-title").filter({ hasText: code }).waitFor();
}

const statusOf = async (page: Page, code: string, secret: string) =>
  (await (await apiOf(page))("POST", "/portal/status", { trackingCode: code, secret, lang: "es" })).status;

describe("a new portal secret issued at the office", () => {
  test("a Spanish pathway officer checks the identity, confirms, and hands over the new secret", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "pathway_officer", "USA");
    const filed = await fileWithoutContact(page);
    await openByCode(page, filed.code, "Fila", "Código de seguimiento", "Aplicar filtros");
    const access = page.getByRole("region", { name: "Acceso al portal" });
    await access.getByRole("button", { name: "Emitir una nueva clave" }).click();
    const confirm = access.getByRole("button", { name: "Emitir la nueva clave" });
    expect(await confirm.isDisabled()).toBe(true);
    await access.getByLabel("Documento que comprobó").selectOption({ label: "pasaporte" });
    expect(await confirm.isDisabled()).toBe(true); // not before the officer attests
    await access.getByLabel(/He comprobado en persona/).check();
    await expectAccessible(page);
    await confirm.click();
    await access.getByRole("heading", { name: "Nueva clave emitida" }).waitFor();
    expect(await focusedId(page)).toBe("secret-reissued-title");
    const secret = (await access.getByTestId("reissued-secret").textContent()) ?? "";
    expect(secret).not.toBe(filed.secret);
    expect(await access.textContent()).toContain(filed.code);
    expect(await statusOf(page, filed.code, filed.secret)).toBe(404);
    expect(await statusOf(page, filed.code, secret)).toBe(200);
    // Another application opened from the same queue shows nothing of this one's new secret.
    const other = await fileWithoutContact(page);
    const queue = page.getByRole("region", { name: "Fila", exact: true });
    await queue.getByLabel("Código de seguimiento").fill(other.code);
    const answered = page.waitForResponse((r) => r.url().includes("/pathways/applications?"));
    await queue.getByRole("button", { name: "Aplicar filtros" }).click();
    await answered;
    await queue.getByRole("button", { name: other.code, exact: true }).click();
    await page.locator("#application-title").filter({ hasText: other.code }).waitFor();
    await access.getByRole("button", { name: "Emitir una nueva clave" }).waitFor();
    expect(await page.getByTestId("reissued-secret").count()).toBe(0);
    expect(await page.locator("main").textContent()).not.toContain(secret);
    await expectAccessible(page);
  });

  test("a French caseworker reads the application but is not offered a new secret", async () => {
    const officer = await suite.newPage("fr-FR");
    await signInAs(officer, "pathway_officer", "USA");
    const filed = await fileWithoutContact(officer);
    const page = await suite.newPage("fr-FR");
    await signInAs(page, "caseworker", "USA");
    await openByCode(page, filed.code, "File", "Code de suivi", "Appliquer les filtres");
    expect(await page.getByRole("region", { name: "Accès au portail" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Délivrer un nouveau secret" }).count()).toBe(0);
    // The officer sees the step in French.
    await openByCode(officer, filed.code, "File", "Code de suivi", "Appliquer les filtres");
    await officer.getByRole("button", { name: "Délivrer un nouveau secret" }).waitFor();
    await expectAccessible(officer);
  });
});
