import { describe, expect, test } from "vitest";
import { referenceOf } from "../src/shared/reference-code.ts";
import { apiOf, browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

// References on screen: cases and encounters are named by their reference (C-7KQ2-M9XD, E-…), people by their
// name, never by a fragment of an id; a worklist finds a row by its reference or its first characters. Read in
// Spanish by a caseworker and in French by a border supervisor.

const suite = browserSuite();

/** Eight hex digits in a row: what a fragment of an id looks like (references use capitals only). */
const ID_FRAGMENT = /[0-9a-f]{8}/;

describe("references", () => {
  test("a caseworker, in Spanish, sees cases by reference and people by name, and finds a case by its first characters", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "caseworker", "USA");
    await page.goto("/registry/my-cases");
    await page.getByRole("heading", { level: 2, name: "Mis casos" }).waitFor();
    const table = page.getByRole("table", { name: "Casos asignados a usted" });
    const first = table.getByRole("row").nth(1);
    await first.waitFor();
    const reference = ((await first.getByRole("link").first().textContent()) ?? "").trim();
    expect(reference).toMatch(/^C-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const person = ((await first.getByRole("link").nth(1).textContent()) ?? "").trim();
    expect(person).not.toBe("");
    expect(person).not.toBe("Persona");
    expect(await page.locator("main").textContent()).not.toMatch(ID_FRAGMENT);
    await expectAccessible(page);

    // The first four characters of the code, without the letter, in small letters.
    const prefix = reference.slice(2, 6).toLowerCase();
    await page.getByLabel("Referencia del caso (o sus primeros caracteres)").fill(prefix);
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await expect.poll(() => table.getByRole("row").nth(1).textContent()).toContain(reference);
    for (const row of await table.getByRole("row").all())
      if (await row.getByRole("link").count())
        expect(await row.getByRole("link").first().textContent()).toMatch(
          new RegExp(`^C-${prefix.toUpperCase()}`),
        );

    // A border encounter's reference is refused in the reader's language, naming the field.
    await page.getByLabel("Referencia del caso (o sus primeros caracteres)").fill("E-7KQ2");
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await page.getByRole("alert").filter({ hasText: "Referencia o código" }).waitFor();

    await page.getByLabel("Referencia del caso (o sus primeros caracteres)").fill(reference);
    await page.getByRole("button", { name: "Aplicar filtros" }).click();
    await table.getByRole("link", { name: reference }).click();
    await page.getByRole("heading", { level: 2, name: new RegExp(`^${reference} · `) }).waitFor();
    expect(await page.locator("main").textContent()).not.toMatch(ID_FRAGMENT);
    await expectAccessible(page);
  });

  test("a border supervisor, in French, sees an open safeguard's encounter by its reference, and the queue searched by it", async () => {
    const officer = await suite.newPage();
    await signInAs(officer, "border_officer", "USA");
    const api = await apiOf(officer);
    const recorded = await api("POST", "/border/encounters", {
      date: "2021-07-09",
      citizenship: "GTM",
      demographic: "single_adult",
      fearClaim: true,
    });
    expect(recorded.status, recorded.text).toBe(201);
    const id = (recorded.body as { id: string; reference: string }).id;
    const reference = referenceOf("encounter", id);
    expect((recorded.body as { reference: string }).reference).toBe(reference);
    await officer.goto(`/border/encounters/${id}`);
    await officer.getByRole("heading", { level: 1, name: `Encounter ${reference}` }).waitFor();

    const page = await suite.newPage("fr-FR");
    await signInAs(page, "nation_admin", "USA");
    await page.goto("/border");
    await page.getByRole("tab", { name: "Approbations" }).click();
    await page.getByRole("heading", { level: 2, name: "Garanties en attente de levée" }).waitFor();
    const item = page
      .locator(".safeguard-queue-item")
      .filter({ hasText: `Interception ${reference} du 2021-07-09` });
    await item.waitFor();
    expect(await page.locator("main").textContent()).not.toMatch(ID_FRAGMENT);
    await expectAccessible(page);

    await page.getByRole("tab", { name: "Ma file" }).click();
    await page.getByLabel("Référence de l'interception (ou ses premiers caractères)").fill(reference);
    await page.getByRole("button", { name: "Appliquer les filtres" }).click();
    // No decision waits on this encounter yet: the search answers, and answers nothing.
    await page.getByText("Rien ne correspond à ces filtres.").waitFor();
    await page.getByLabel("Référence de l'interception (ou ses premiers caractères)").fill("C-7KQ2");
    await page.getByRole("button", { name: "Appliquer les filtres" }).click();
    await page.getByRole("alert").filter({ hasText: "Référence ou code" }).waitFor();
    expect(await page.locator("main").textContent()).not.toMatch(ID_FRAGMENT);
    await expectAccessible(page);
  });
});
