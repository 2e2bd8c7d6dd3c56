import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { axeViolations, browserSuite, describeViolations } from "./browser-harness.ts";

// The questionnaire asks only what can still change an outcome: Canada's job sector waits until the person
// says they have a job offer there, and goes away again when they say they have none.

const suite = browserSuite(); // the shared demo server, with the demo pathways published

const LANGS = [
  {
    code: "es",
    locale: "es-ES",
    offer: /oferta de empleo por escrito de un empleador/,
    sector: /En qué sector es el empleo ofrecido/,
    yes: "Sí",
    no: "No",
    see: "Ver vías posibles",
  },
  {
    code: "fr",
    locale: "fr-FR",
    offer: /offre d'emploi écrite d'un employeur/,
    sector: /Dans quel secteur est l'emploi proposé/,
    yes: "Oui",
    no: "Non",
    see: "Voir les voies possibles",
  },
] as const;

/** How many questions the published catalogue asks in `lang`, every one of them. */
const catalogueSize = (page: Page, lang: string) =>
  page.evaluate(async (l) => {
    const res = await fetch(`/api/v1/portal/catalog?lang=${l}`);
    return ((await res.json()) as { questions: unknown[] }).questions.length;
  }, lang);

for (const { code, locale, offer, sector, yes, no, see } of LANGS) {
  test(`${code}: the job sector appears only once there is a job offer in Canada`, async () => {
    const page = await suite.newPage(locale);
    await page.goto(`/portal?lang=${code}`);
    const offerGroup = page.getByRole("group", { name: offer });
    await offerGroup.waitFor();
    const questionnaire = page.locator("form", { has: page.getByRole("button", { name: see }) });
    const shownAtFirst = await questionnaire.locator(".portal-field").count();
    expect(shownAtFirst).toBeGreaterThan(0);
    expect(shownAtFirst).toBeLessThan(await catalogueSize(page, code));
    expect(await page.getByLabel(sector).count()).toBe(0);
    expect(await axeViolations(page).then(describeViolations)).toBe("");

    await offerGroup.getByRole("radio", { name: yes, exact: true }).check();
    const sectorField = page.getByLabel(sector);
    await sectorField.waitFor();
    await sectorField.selectOption("agriculture");
    expect(await axeViolations(page).then(describeViolations)).toBe("");

    await offerGroup.getByRole("radio", { name: no, exact: true }).check();
    await sectorField.waitFor({ state: "detached" });

    // The sector chosen before is no longer asked, so it is not sent.
    const screened = page.waitForRequest((r) => r.url().endsWith("/portal/screen"));
    await questionnaire.getByRole("button", { name: see }).click();
    const sent = JSON.parse((await screened).postData() ?? "{}") as { answers: Record<string, unknown> };
    expect(sent.answers).toEqual({ job_offer_in_CAN: false });
  });
}

test("pt: a second nationality is added, sent as a list, and counts in the results", async () => {
  const page = await suite.newPage("pt-BR");
  await page.goto("/portal?lang=pt");
  const first = page.getByLabel(/Qual é a sua nacionalidade/);
  await first.waitFor();
  // A second select may be added before the first is chosen.
  await page.getByRole("button", { name: "Adicionar outra nacionalidade" }).click();
  const second = page.getByLabel("Outra nacionalidade (2)");
  await second.waitFor();
  await first.selectOption("USA");
  await second.selectOption("VEN");
  expect(await axeViolations(page).then(describeViolations)).toBe("");

  const screened = page.waitForResponse((r) => r.url().endsWith("/portal/screen"));
  await page.getByRole("button", { name: "Ver vias possíveis" }).click();
  const response = await screened;
  expect(JSON.parse(response.request().postData() ?? "{}").answers.nationality).toEqual(["USA", "VEN"]);
  const { results } = (await response.json()) as { results: { id: string; result: string }[] };
  // A Venezuelan pathway still fits: the second nationality counts.
  expect(results.find((r) => r.id === "col-temporary-status-ven")?.result).not.toBe("not_eligible");
  await page.getByRole("heading", { level: 2, name: "Vias que podem servir para você" }).waitFor();

  await page.getByRole("button", { name: "Remover a nacionalidade 2" }).click();
  expect(await page.getByLabel("Outra nacionalidade (2)").count()).toBe(0);
  expect(await first.inputValue()).toBe("USA");
});
