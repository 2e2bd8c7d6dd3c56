import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import {
  apiOf,
  browserSuite,
  expectAccessible,
  fileOnTestPathway,
  openSubmittedApplication,
  signInAs,
} from "./browser-harness.ts";

// The staff pathway pages name pathways from two lists, the nation's catalogue and the published questionnaire in
// the reader's language. Every panel that needs one shares a single copy: opening the queue and an application
// asks the server for each list once. Publishing or withdrawing a pathway in the catalogue refreshes that copy,
// so the other panels show the change without the page being loaded again.

const suite = browserSuite();

/** Counts the page's requests for the two lists from now on. */
function countListRequests(page: Page) {
  const counts = { catalog: 0, questionnaire: 0 };
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === "/api/v1/pathways/catalog") counts.catalog += 1;
    if (pathname === "/api/v1/pathways/questionnaire") counts.questionnaire += 1;
  });
  return counts;
}

/** A pathway made up for one test, published, with one application filed on it; returns its id and titles. */
async function testPathway(page: Page, name: string) {
  const stamp = Date.now().toString(36);
  const pathwayId = `usa-e2e-${name}-${stamp}`;
  const titles = {
    en: `Shared list test ${stamp}`,
    es: `Vía de lista compartida ${stamp}`,
    pt: `Via de lista compartilhada ${stamp}`,
    fr: `Voie de liste partagée ${stamp}`,
  };
  await fileOnTestPathway(
    await apiOf(page),
    pathwayId,
    {
      nation: "USA",
      type: "humanitarian_parole",
      title: titles,
      rules: [{ kind: "nationality", in: ["VEN"] }],
    },
    { lang: "es", nation: "USA", answers: { nationality: "VEN" }, consent: true, fullName: `Ana ${stamp}` },
  );
  return { pathwayId, titles };
}

describe("the pathway lists", () => {
  test("a Spanish pathway officer opening the queue and an application asks for each list once", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "pathway_officer", "USA");
    const { pathwayId, titles } = await testPathway(page, "lists-once");
    const counts = countListRequests(page);
    await openSubmittedApplication(page, "presentada");
    const heading = page.locator("#application-title");
    // The title comes from the lists, the question from the questionnaire: both have arrived.
    await expect.poll(() => heading.textContent()).toContain(titles.es);
    const answers = page.getByTestId("application-answers");
    await expect.poll(() => answers.textContent()).toContain("Venezuela");
    expect(await answers.textContent()).not.toContain("Una pregunta que ya no se hace");
    await page.getByRole("group", { name: "Derivar" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(counts).toEqual({ catalog: 1, questionnaire: 1 });
    expect(await page.locator("main").textContent()).not.toContain(pathwayId);
    await expectAccessible(page);

    // In another language the questionnaire is asked for again, in that language; the catalogue holds every title.
    const english = (await (await apiOf(page))("GET", "/pathways/questionnaire?lang=en")).body as {
      questions: { id: string; text: string }[];
    };
    const question = english.questions.find((q) => q.id === "nationality")?.text ?? "";
    expect(question).not.toBe("");
    await page.getByLabel("Idioma").selectOption("en");
    await expect.poll(() => heading.textContent()).toContain(titles.en);
    await expect.poll(() => answers.textContent()).toContain(question);
    await page.waitForLoadState("networkidle");
    expect(counts).toEqual({ catalog: 1, questionnaire: 2 });
    await expectAccessible(page);
  });

  test("a Portuguese pathway officer withdraws and republishes a pathway; the queue shows it at once", async () => {
    const page = await suite.newPage("pt-BR");
    await signInAs(page, "pathway_officer", "USA");
    const { titles } = await testPathway(page, "lists-refresh");
    await page.goto("/pathways");
    let loads = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) loads += 1;
    });
    const filterOptions = () => page.locator("#queue-pathway option").allTextContents();
    const withdrawn = `${titles.pt} (retirada)`;
    await expect.poll(filterOptions).toContain(titles.pt);
    expect(await filterOptions()).not.toContain(withdrawn);

    const publication = async (button: string, after: string) => {
      await page.getByRole("tab", { name: "Catálogo" }).click();
      const row = page
        .getByRole("table", { name: "Catálogo" })
        .getByRole("row")
        .filter({ hasText: titles.pt });
      await row.getByRole("button", { name: button }).click();
      // The catalogue itself shows the new state.
      await row.getByRole("button", { name: after }).waitFor();
      await expectAccessible(page);
      await page.getByRole("tab", { name: "Fila", exact: true }).click();
    };

    await publication("Retirar", "Publicar");
    await expect.poll(filterOptions).toContain(withdrawn);
    expect(await filterOptions()).not.toContain(titles.pt);
    // The application on the withdrawn pathway is still named by its title.
    await page.locator("#queue-pathway").selectOption({ label: withdrawn });
    await page.locator("form.worklist-filters").first().locator("button[type=submit]").click();
    const row = page.getByRole("table", { name: "Fila" }).getByRole("row").nth(1);
    await expect.poll(() => row.locator("td").first().textContent()).toBe(titles.pt);
    await row.getByRole("button").click();
    await expect.poll(() => page.locator("#application-title").textContent()).toContain(titles.pt);
    await expectAccessible(page);

    await publication("Publicar", "Retirar");
    await expect.poll(filterOptions).toContain(titles.pt);
    expect(await filterOptions()).not.toContain(withdrawn);
    expect(loads).toBe(0);
  });
});
