import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { axeViolations, browserSuite, describeViolations, focusedId } from "./browser-harness.ts";

// The portal forgives: the language travels in the address, the answers and the step survive Back and a reload
// in the same tab, a shared link opens in the same language with nothing of the sender's, and nothing
// personal is ever in the address. After screening, the focus is on the results.

const suite = browserSuite(); // the shared demo server, with the demo pathways published

const documentLang = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement
        .lang,
  );

const LANGS = [
  {
    code: "ht",
    button: "Kreyòl ayisyen",
    questions: "Repons ou yo",
    nationality: /Ki nasyonalite ou/,
    see: "Wè chemen ki posib yo",
    results: "Chemen ki ka mache pou ou",
  },
] as const;

test("Haitian Creole: the language in the address, answers and results through a reload and Back", async () => {
  const { button, questions, nationality, see, results } = LANGS[0];
  const page = await suite.newPage();
  await page.goto("/portal");
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("heading", { level: 2, name: questions }).waitFor();
  await expect.poll(() => new URL(page.url()).search).toBe("?lang=ht");
  await page.getByLabel(nationality).selectOption("VEN");
  await page.getByRole("button", { name: see }).click();
  await page.getByRole("heading", { level: 2, name: results }).waitFor();
  await expect.poll(() => focusedId(page)).toBe("results-title");
  expect(await axeViolations(page).then(describeViolations)).toBe("");

  await page.reload();
  await page.getByRole("heading", { level: 2, name: results }).waitFor();
  expect(await documentLang(page)).toBe("ht");
  expect(await page.getByLabel(nationality).inputValue()).toBe("VEN");

  await page.goto("/healthz");
  await page.goBack();
  await page.getByRole("heading", { level: 2, name: results }).waitFor();
  expect(await page.getByLabel(nationality).inputValue()).toBe("VEN");
  // Only the language is in the address.
  expect(new URL(page.url()).search).toBe("?lang=ht");

  // A link shared with someone else opens in the language, with none of the answers.
  const other = await suite.newPage();
  await other.goto(page.url());
  await other.getByRole("heading", { level: 2, name: questions }).waitFor();
  expect(await documentLang(other)).toBe("ht");
  expect(await other.getByLabel(nationality).inputValue()).toBe("");
  expect(await other.getByRole("heading", { level: 2, name: results }).count()).toBe(0);
});

test("Spanish: clearing the answers forgets them in this tab too", async () => {
  const page = await suite.newPage("es-ES");
  await page.goto("/portal?lang=es");
  const nationality = page.getByLabel(/nacionalidad/i).first();
  await nationality.waitFor();
  expect(await documentLang(page)).toBe("es");
  await nationality.selectOption("VEN");
  await page.getByRole("button", { name: "Ver vías posibles" }).click();
  await page.locator("#results-title").waitFor();
  await expect.poll(() => focusedId(page)).toBe("results-title");
  await page.getByRole("button", { name: "Borrar mis respuestas" }).click();
  expect(await nationality.inputValue()).toBe("");
  expect(await page.locator("#results-title").count()).toBe(0);
  await page.reload();
  await nationality.waitFor();
  expect(await nationality.inputValue()).toBe("");
  expect(await page.locator("#results-title").count()).toBe(0);
  expect(await axeViolations(page).then(describeViolations)).toBe("");
});
