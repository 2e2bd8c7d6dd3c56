import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

const suite = browserSuite();

async function openIdentity(page: Page, name: RegExp): Promise<void> {
  await page.locator("nav.capability-nav").getByRole("link", { name }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

describe("the identity page", () => {
  test("a registrar reads the matching model: fields, levels, weights and thresholds", async () => {
    const page = await suite.newPage();
    await signInAs(page, "registrar", "USA");
    await openIdentity(page, /^Identity$/);
    const model = page.getByTestId("identity-model");
    await model.waitFor();
    await model.getByRole("rowheader", { name: "Date of birth" }).waitFor();
    await model.getByRole("rowheader", { name: "Given names" }).waitFor();
    expect(await page.getByTestId("identity-thresholds").textContent()).toMatch(/90\s?%/);
    // The queue's figures are for those who decide merges, not for a registrar.
    expect(await page.getByTestId("identity-queue-figures").count()).toBe(0);
    await expectAccessible(page);
  });

  test("an administrator sees the review queue in figures and opens the queue from there", async () => {
    const page = await suite.newPage();
    await signInAs(page, "nation_admin", "USA");
    await openIdentity(page, /^Identity$/);
    const figures = page.getByTestId("identity-queue-figures");
    await figures.waitFor();
    expect(await figures.textContent()).toMatch(/Pairs waiting for a decision\d+/);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Open the review queue" }).click();
    await page.waitForURL((url) => url.pathname === "/registry/review");
  });

  test("in Spanish, the model's fields and agreement levels are in Spanish", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "registrar", "GTM");
    await openIdentity(page, /^Identidad$/);
    const model = page.getByTestId("identity-model");
    await model.getByRole("rowheader", { name: "Fecha de nacimiento" }).waitFor();
    expect(await model.textContent()).toMatch(/Exacta/);
    // The date's levels say what agrees, so two weak ones are told apart.
    const text = (await model.textContent()) ?? "";
    expect(text).toContain("solo el mismo año (dos fechas completas)");
    expect(text).toContain("un año de diferencia, mismo día y mes");
    await expectAccessible(page);
  });
});
