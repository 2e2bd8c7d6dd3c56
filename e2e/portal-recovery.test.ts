import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { readOutboxFile } from "../src/pathways/outbox.service.ts";
import { keyringFrom, loadKeyFile } from "../src/platform/crypto/keyring.ts";
import es from "../web/src/i18n/portal/es.json" with { type: "json" };
import ht from "../web/src/i18n/portal/ht.json" with { type: "json" };
import { browserSuite, expectAccessible, focusedId, signInAs } from "./browser-harness.ts";

// An applicant who lost their secret has a one-time code sent to the contact they gave when applying, and gets
// a new secret on the same receipt as after applying; the old secret stops working. In Spanish on a desktop and
// in Haitian Creole on a phone.

const suite = browserSuite();

interface Language {
  text: typeof es;
  name: string;
  nationality: RegExp;
  country: RegExp;
  arrived: RegExp;
  see: string;
  apply: RegExp;
  agree: string;
  send: string;
  check: string;
}

const SPANISH: Language = {
  text: es,
  name: "Español",
  nationality: /Cuál es su nacionalidad/,
  country: /En qué país vive ahora/,
  arrived: /En qué fecha llegó/,
  see: "Ver vías posibles",
  apply: /^Solicitar: Estatuto Temporal de Protección para Migrantes Venezolanos/,
  agree: "Estoy de acuerdo",
  send: "Enviar solicitud",
  check: es.check,
};
const CREOLE: Language = {
  text: ht,
  name: "Kreyòl ayisyen",
  nationality: /Ki nasyonalite ou/,
  country: /Nan ki peyi w ap viv/,
  arrived: /Ki dat ou te rive/,
  see: "Wè chemen ki posib yo",
  apply: /^Aplike: Estati Pwoteksyon Tanporè pou Migran Venezyela \(ETPV\)/,
  agree: "Mwen dakò",
  send: "Voye demann lan",
  check: ht.check,
};

/** Applies to Colombia's ETPV with a contact, in `lang`; returns the tracking code and the secret. */
async function applyWithContact(page: Page, lang: Language, contact: string) {
  await page.goto("/portal");
  await page.getByRole("button", { name: lang.name }).click();
  await page.getByLabel(lang.nationality).selectOption("VEN");
  await page.getByLabel(lang.country).selectOption("COL");
  await page.getByLabel(lang.arrived).fill("2022-03-01");
  await page.getByRole("button", { name: lang.see }).click();
  await page.getByRole("button", { name: lang.apply }).click();
  await page.getByRole("checkbox", { name: lang.agree }).check();
  await page.getByLabel(lang.text.contact).fill(contact);
  await page.getByRole("button", { name: lang.send }).click();
  const code = (await page.getByTestId("tracking-code").textContent({ timeout: 60_000 })) ?? "";
  const secret = (await page.getByTestId("secret").textContent()) ?? "";
  expect(code).toMatch(/^COL-/);
  return { code, secret };
}

/** Has the office deliver its outbox through the demo's file transport; returns the one-time code sent to `to`. */
async function oneTimeCodeSentTo(staff: Page, to: string): Promise<string> {
  const me = (await (await staff.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const delivered = await staff.request.post("/api/v1/pathways/outbox/deliver", {
    headers: { "x-csrf-token": me.csrfToken },
  });
  expect(delivered.status(), await delivered.text()).toBe(200);
  const { dataDir } = suite.server;
  const keyring = keyringFrom(
    loadKeyFile({
      keyFile: join(dataDir, "keys.json"),
      keysFromEnv: process.env.HEMISPHERE_KEYS,
      create: false,
    }),
  );
  const messages = readOutboxFile(join(dataDir, "outbox", "notifications.jsonl"), keyring).filter(
    (m) => m.to === to,
  );
  const code = /\b([2-9A-HJ-NP-Z]{8})\b/.exec(messages.at(-1)?.text ?? "")?.[1];
  expect(code, JSON.stringify(messages.map((m) => m.text))).toBeDefined();
  return code ?? "";
}

async function recover(page: Page, staff: Page, lang: Language, contact: string) {
  const { text } = lang;
  const filed = await applyWithContact(page, lang, contact);
  await page.getByRole("button", { name: text.recoveryLink }).click();
  await expect.poll(() => focusedId(page)).toBe("recovery-title");
  const recovery = page.getByTestId("recovery");
  await recovery.getByLabel(text.trackingCode).fill(filed.code);
  // Typed differently from how it was given: the same address.
  await recovery.getByLabel(text.recoveryContact).fill(`  ${contact.toUpperCase()} `);
  await recovery.getByRole("button", { name: text.recoverySend }).click();
  await page
    .getByTestId("recovery-sent")
    .filter({ hasText: text.recoverySent.replace("{minutes}", "30") })
    .waitFor();
  await expect.poll(() => focusedId(page)).toBe("recovery-otc");
  await expectAccessible(page);

  // A wrong code is refused in the applicant's language.
  await recovery.getByLabel(text.recoveryCode).fill("22222222");
  await recovery.getByRole("button", { name: text.recoveryConfirm }).click();
  await recovery.getByRole("alert").filter({ hasText: text.recoveryNotFound }).waitFor();

  const oneTimeCode = await oneTimeCodeSentTo(staff, contact);
  await recovery.getByLabel(text.recoveryCode).fill(oneTimeCode.toLowerCase());
  await recovery.getByRole("button", { name: text.recoveryConfirm }).click();
  // The receipt of applying is still on the page above; the new one is the receipt of the new secret.
  const receipt = page.getByTestId("receipt").filter({ has: page.locator("#recovered-title") });
  await receipt.waitFor();
  await expect.poll(() => focusedId(page)).toBe("recovered-title");
  expect(await receipt.getByRole("heading", { level: 2 }).textContent()).toBe(text.recoveredTitle);
  expect(await receipt.getByTestId("tracking-code").textContent()).toBe(filed.code);
  const secret = (await receipt.getByTestId("secret").textContent()) ?? "";
  expect(secret).not.toBe(filed.secret);
  expect(secret.length).toBeGreaterThan(10);
  await expect(receipt.getByRole("button", { name: text.receiptCopySecret }).isVisible()).resolves.toBe(true);
  await expectAccessible(page);

  // The old secret no longer opens the application; the new one does.
  await page.locator("#status-code").fill(filed.code);
  await page.locator("#status-secret").fill(filed.secret);
  await page.getByRole("button", { name: lang.check, exact: true }).click();
  await page.getByRole("alert").filter({ hasText: text.errorNotFound }).waitFor();
  await page.locator("#status-secret").fill(secret);
  await page.getByRole("button", { name: lang.check, exact: true }).click();
  await page.getByTestId("status").waitFor();
  expect(await page.getByTestId("status").textContent()).toContain(filed.code);
  await expectAccessible(page);
}

test("an applicant recovers a lost secret by their contact, in Spanish and in Haitian Creole on a phone", async () => {
  const staff = await suite.newPage();
  await signInAs(staff, "pathway_officer", "COL");

  const desktop = await suite.newPage("es-ES");
  await recover(desktop, staff, SPANISH, `lucia.${Date.now()}@example.org`);

  const phone = await suite.newPage("ht-HT");
  await phone.setViewportSize({ width: 375, height: 740 });
  await recover(phone, staff, CREOLE, `jean.${Date.now()}@example.org`);
}, 240_000);
