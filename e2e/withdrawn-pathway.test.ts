import { describe, expect, test } from "vitest";
import { apiOf, browserSuite, expectAccessible, fileOnTestPathway, signInAs } from "./browser-harness.ts";

// A pathway withdrawn from publication still has applications in the queues. Staff name it by its title in
// their language, in the filter (marked withdrawn), in the table and on the application; the catalogue lists
// every pathway by its title in the reader's language, with dates as the reader writes them. Never the id.

const suite = browserSuite();

describe("a withdrawn pathway", () => {
  test("a Spanish pathway officer filters the queue by it and opens its application; a French administrator reads the catalogue", async () => {
    const stamp = Date.now().toString(36);
    const pathwayId = `usa-e2e-withdrawn-${stamp}`;
    const officer = await suite.newPage("es-ES");
    await signInAs(officer, "pathway_officer", "USA");
    const api = await apiOf(officer);
    // Made up for this test, not a programme.
    const titles = {
      en: `Withdrawn test ${stamp}`,
      es: `Vía de prueba ${stamp}`,
      fr: `Voie d’essai ${stamp}`,
    };
    const { trackingCode: code } = await fileOnTestPathway(
      api,
      pathwayId,
      {
        nation: "USA",
        type: "humanitarian_parole",
        title: titles,
        rules: [{ kind: "nationality", in: ["VEN"] }],
      },
      {
        lang: "es",
        nation: "USA",
        answers: { nationality: "VEN" },
        consent: true,
        fullName: `Marta ${stamp}`,
      },
      "2024-03-05",
    );
    const publish = (published: boolean) =>
      api("POST", `/pathways/catalog/${pathwayId}/publication`, { published });
    expect((await publish(false)).status).toBe(200);

    await officer.goto("/pathways");
    const section = officer.getByRole("region", { name: "Fila", exact: true });
    await section.getByRole("table", { name: "Fila" }).getByRole("row").nth(1).waitFor();
    const filter = section.getByLabel("Vía");
    const withdrawn = `${titles.es} (retirada)`;
    await expect.poll(() => filter.locator("option").allTextContents()).toContain(withdrawn);
    // Published pathways come first, the withdrawn after them.
    const options = (await filter.locator("option").allTextContents()).slice(1);
    const firstWithdrawn = options.findIndex((o) => o.endsWith("(retirada)"));
    expect(firstWithdrawn).toBeGreaterThan(0);
    expect(options.slice(firstWithdrawn).every((o) => o.endsWith("(retirada)"))).toBe(true);
    await filter.selectOption({ label: withdrawn });
    const answered = officer.waitForResponse((r) => r.url().includes(`pathway=${pathwayId}`));
    await section.getByRole("button", { name: "Aplicar filtros" }).click();
    await answered;
    const row = section.getByRole("row").filter({ hasText: code });
    await expect.poll(() => row.locator("td").first().textContent()).toBe(titles.es);
    await row.getByRole("button", { name: code }).click();
    await officer.locator("#application-title").filter({ hasText: code }).waitFor();
    expect(await officer.locator("#application-title").textContent()).toContain(titles.es);
    expect(await officer.locator("main").textContent()).not.toContain(pathwayId);
    await expectAccessible(officer);

    const admin = await suite.newPage("fr-FR");
    await signInAs(admin, "nation_admin", "USA");
    await admin.goto("/pathways");
    await admin.getByRole("tab", { name: "Catalogue" }).click();
    const catalogue = admin.getByRole("table", { name: "Catalogue" });
    const entry = catalogue.getByRole("row").filter({ hasText: titles.fr });
    await entry.waitFor();
    expect(await entry.textContent()).toContain("5 mars 2024");
    expect(await entry.getByRole("button", { name: "Publier" }).count()).toBe(1);
    expect(await catalogue.textContent()).not.toContain(pathwayId);
    await expectAccessible(admin);
  });
});
