import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { axeViolations, browserSuite, describeViolations, focusedId } from "./browser-harness.ts";

// After applying, the code and the secret can be copied, downloaded as a small file, and printed alone.

const suite = browserSuite();

/** Screens a Venezuelan in Colombia and applies to Colombia's ETPV in Spanish; the receipt is then on screen. */
async function applyInSpanish(page: Page): Promise<void> {
  await page.goto("/portal?lang=es");
  await page.getByRole("heading", { level: 2, name: "Sus respuestas" }).waitFor();
  await page.getByLabel(/Cuál es su nacionalidad/).selectOption("VEN");
  await page.getByLabel(/En qué país vive ahora/).selectOption("COL");
  await page.getByLabel(/En qué fecha llegó/).fill("2022-03-01");
  await page.getByRole("button", { name: "Ver vías posibles" }).click();
  await page
    .getByRole("button", { name: /^Solicitar: Estatuto Temporal de Protección para Migrantes Venezolanos/ })
    .click();
  await page.getByRole("checkbox", { name: "Estoy de acuerdo" }).check();
  await page.getByRole("button", { name: "Enviar solicitud" }).click();
  await page.getByTestId("receipt").waitFor({ timeout: 60_000 });
}

test("the applicant copies the code and the secret, downloads them, and prints the receipt alone", async () => {
  const page = await suite.newPage("es-ES");
  await page
    .context()
    .grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.server.baseUrl });
  await applyInSpanish(page);
  const receipt = page.getByTestId("receipt");
  await expect.poll(() => focusedId(page)).toBe("applied-title");
  const code = (await page.getByTestId("tracking-code").textContent()) ?? "";
  const secret = (await page.getByTestId("secret").textContent()) ?? "";
  expect(code).toMatch(/^[A-Z]{3}-/);
  expect(await receipt.textContent()).toContain("Estatuto Temporal de Protección para Migrantes Venezolanos");
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  const clipboard = () =>
    page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
  await receipt.getByRole("button", { name: "Copiar el código" }).click();
  await page.getByTestId("receipt-status").filter({ hasText: "El código se copió." }).waitFor();
  expect(await clipboard()).toBe(code);
  await receipt.getByRole("button", { name: "Copiar el secreto" }).click();
  await page.getByTestId("receipt-status").filter({ hasText: "El secreto se copió." }).waitFor();
  expect(await clipboard()).toBe(secret);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    receipt.getByRole("button", { name: "Descargar como archivo" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${code}.txt`);
  const file = readFileSync((await download.path()) ?? "", "utf8");
  expect(file).toContain(`Código de seguimiento: ${code}`);
  expect(file).toContain(`Clave secreta: ${secret}`);
  expect(file).toContain("Ver el estado de mi solicitud");

  // Printed, the page is the receipt alone: no header, no safety notice, no buttons.
  await page.emulateMedia({ media: "print" });
  expect(await receipt.isVisible()).toBe(true);
  expect(await page.getByTestId("tracking-code").isVisible()).toBe(true);
  expect(await page.locator(".portal-header").isVisible()).toBe(false);
  expect(await page.getByTestId("safety-notice").isVisible()).toBe(false);
  expect(await receipt.getByRole("button").first().isVisible()).toBe(false);
  await page.emulateMedia({ media: "screen" });
  expect(await page.locator(".portal-header").isVisible()).toBe(true);
}, 120_000);
