import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { apiOf, browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

// An assessment's reasons in the officer's language: the sentence around the pack's words is translated, the
// countries, dates and authorities in it are named, and the pack's own words are quoted as written, marked
// with the pack's language. No English sentence is left around them.

const suite = browserSuite();

/** Records an encounter through the API as the signed-in officer and opens its page. */
async function openEncounter(page: Page, record: Record<string, unknown>): Promise<void> {
  const api = await apiOf(page);
  const recorded = await api("POST", "/border/encounters", record);
  expect(recorded.status, recorded.text).toBe(201);
  await page.goto(`/border/encounters/${(recorded.body as { id: string }).id}`);
}

/** English sentence parts the engine writes around the pack's words; none may show outside a quoted part. */
const ENGLISH_JOINS = [/ applies on /, / is not available: /, /, but only /, / no rule in the pack covers /];

async function textOutsideQuotes(page: Page): Promise<string> {
  return page
    .locator("#main, main")
    .first()
    .evaluate((main) => {
      const copy = main.cloneNode(true) as typeof main;
      for (const quoted of copy.querySelectorAll("[lang]")) quoted.remove();
      return copy.textContent ?? "";
    });
}

describe("the reasons of an assessment", () => {
  test("a Spanish officer of the USA reads them in Spanish, the pack's words quoted in English", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "border_officer", "USA");
    await openEncounter(page, {
      date: "2023-06-01",
      citizenship: "VEN",
      demographic: "single_adult",
      border: "US-southwest",
      priorResidences: [{ country: "COL" }],
    });
    const options = page.getByRole("table", { name: /Todas las opciones/ });
    const toColombia = options.getByRole("row", { name: /^Retorno a tercer país \(Colombia \(COL\)\)/ });
    await expect
      .poll(() => toColombia.textContent())
      .toContain("Retorno a tercer país (Colombia (COL)) no está disponible: solo existe bajo Título 42");
    // The authority by its name, the date as Spanish writes it.
    await expect
      .poll(() => page.getByText(/^Autoridad:/).textContent())
      .toContain("Título 8 (procesamiento migratorio)");
    expect(await toColombia.textContent()).toContain("se aplica el 1 de junio de 2023");
    // A rule of another period: its window in Spanish, the rule's own words quoted in the pack's language.
    const mpp = options.getByRole("row", { name: /^Protocolos de Protección al Migrante/ });
    expect(await mpp.textContent()).toMatch(
      /pero solo desde el 28 de enero de 2019 hasta el 21 de enero de 2021, hora de America\/New_York, no el 1 de junio de 2023/,
    );
    const quoted = await mpp.locator('span[lang="en"]').allTextContents();
    expect(quoted.some((words) => words.startsWith("Migrant Protection Protocols, first period"))).toBe(true);
    // Citations name the kind of source and what is to be verified in Spanish; titles stay as published.
    const citations = (await toColombia.locator("td").last().textContent()) ?? "";
    expect(citations).toContain("ley");
    expect(citations).toContain("(por verificar)");
    expect(citations).not.toContain("[to be verified]");
    // The encounter's own facts name the country and the day too.
    const facts = (await page.locator("dl.encounter-facts").textContent()) ?? "";
    expect(facts).toContain("1 de junio de 2023");
    expect(facts).toContain("Venezuela (VEN)");
    expect(facts).toContain("Colombia (COL)");
    const outside = await textOutsideQuotes(page);
    for (const join of ENGLISH_JOINS) expect(outside).not.toMatch(join);
    expect(outside).not.toMatch(/\btitle(8|42)\b/);
    await expectAccessible(page);
  });

  test("a French officer of Mexico reads Mexico's pack with French sentences around it", async () => {
    const page = await suite.newPage("fr-FR");
    await signInAs(page, "border_officer", "MEX");
    await openEncounter(page, {
      date: "2022-06-01",
      citizenship: "HND",
      demographic: "family_unit",
      border: "Frontera sur",
      fearClaim: true,
    });
    const options = page.getByRole("table", { name: /Toutes les options/ });
    await options.getByRole("row").nth(1).waitFor();
    await expect
      .poll(() => page.getByText(/^Fondement juridique/).textContent())
      .toContain("Ley de Migración");
    const text = (await options.textContent()) ?? "";
    expect(text).toMatch(/s'applique le 1 juin 2022/);
    // A rule limited to other borders names them by the pack's labels, not its codes.
    expect(text).toMatch(/, mais seulement à the northern border[^,]*, pas à the southern border/);
    // The fear claim's safeguard is named in French; what it does is quoted from the pack.
    expect(text).toMatch(/La garantie « Crainte de retour » est ouverte : /);
    const outside = await textOutsideQuotes(page);
    for (const join of ENGLISH_JOINS) expect(outside).not.toMatch(join);
    expect(await options.locator('span[lang="en"]').count()).toBeGreaterThan(0);
    await expectAccessible(page);
  });
});
