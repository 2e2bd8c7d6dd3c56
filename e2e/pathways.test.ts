import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { axeViolations, browserSuite, describeViolations, signInAs } from "./browser-harness.ts";

const suite = browserSuite(); // the shared demo server, with the demo pathways published

test("a newcomer applies in Haitian Creole on a phone and sees the status with an estimated wait", async () => {
  const page = await suite.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/portal");
  await page.getByRole("button", { name: "Kreyòl ayisyen" }).click();
  await page.getByRole("heading", { level: 2, name: "Repons ou yo" }).waitFor();
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { lang: string } } }).document
          .documentElement.lang,
    ),
  ).toBe("ht");
  expect(await axeViolations(page), "questionnaire").toEqual([]);
  // The safety notice is on the page, in Haitian Creole: free of charge, fraud, asylum, where to get help.
  const safety = page.getByRole("region", { name: "Sekirite ou" });
  await safety.waitFor();
  const notice = (await safety.textContent()) ?? "";
  expect(notice).toContain("gratis");
  expect(notice).toContain("fwod");
  expect(notice).toContain("mande azil");
  expect(notice).toMatch(/HCR.*OIM/);
  await page.getByLabel(/Ki nasyonalite ou/).selectOption("VEN");
  await page.getByLabel(/Nan ki peyi w ap viv/).selectOption("COL");
  await page.getByLabel(/Ki dat ou te rive/).fill("2022-03-01");
  await page.getByRole("button", { name: "Wè chemen ki posib yo" }).click();
  await page.getByRole("heading", { level: 2, name: "Chemen ki ka mache pou ou" }).waitFor();
  // A referral-only pathway offers no "Apply", only how referral happens.
  const referral = page.locator(".portal-result", { hasText: "Reyenstalasyon refijye" });
  await referral.getByRole("heading", { level: 4, name: "Kijan yo refere moun" }).waitFor();
  expect(await referral.getByRole("button", { name: /^Aplike:/ }).count()).toBe(0);
  // No text calls parole "pawòl".
  expect(await page.locator("body").textContent()).not.toMatch(/pawòl/i);
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  // Nothing is wider than the phone's screen.
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    ),
  ).toBeLessThanOrEqual(375);
  // Colombia's ETPV: a pathway with a monthly capacity, so the status can estimate the wait (another test may
  // publish a pathway of its own, which would come first in the list).
  await page
    .getByRole("button", { name: /^Aplike: Estati Pwoteksyon Tanporè pou Migran Venezyela \(ETPV\)/ })
    .click();
  await page.getByRole("checkbox", { name: "Mwen dakò" }).check();
  await page.getByLabel(/Non konplè/).fill("Jean Baptiste");
  await page.getByRole("button", { name: "Voye demann lan" }).click();
  const code = (await page.getByTestId("tracking-code").textContent({ timeout: 60_000 })) ?? "";
  const secret = (await page.getByTestId("secret").textContent()) ?? "";
  expect(code).toMatch(/^[A-Z]{3}-/);
  expect(page.url()).not.toContain(code);
  await page.getByLabel("Kòd swivi").fill(code);
  await page.getByLabel("Sekrè").fill(secret);
  await page.getByRole("button", { name: "Gade" }).click();
  await expect.poll(() => page.getByTestId("estimated-wait").textContent()).toMatch(/^Anviwon/);
  expect(page.url()).not.toContain(secret);
  const after = await axeViolations(page);
  expect(after, describeViolations(after)).toEqual([]);
}, 120_000);

test("a pathway officer sees the queue, the dashboard and the regional pledges", async () => {
  const page = await suite.newPage();
  await signInAs(page, "pathway_officer", "USA");
  await page.getByRole("link", { name: "Pathways" }).click();
  await page.getByRole("heading", { level: 1, name: "Pathways" }).waitFor();
  await page.getByRole("table", { name: "Queue" }).waitFor();
  let violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  await page.getByRole("tab", { name: "Dashboard" }).click();
  await page
    .getByRole("cell", { name: "United States (USA)" })
    .or(page.getByRole("rowheader", { name: "United States (USA)" }))
    .first()
    .waitFor();
  await page.getByRole("tab", { name: "Regional pledges" }).click();
  await page.getByRole("table", { name: /Regional pledges/ }).waitFor();
  // The demo journey's household arrived in the United States this year: a share of its pledge, not 0 %.
  const usa = page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "United States (USA)" }) });
  await expect
    .poll(() => usa.getByRole("cell").nth(1).textContent())
    .toMatch(/^[1-9]\d* \(0\.0\d*[1-9]\d*%\)$/);
  violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}, 120_000);

test("an applicant downloads their application, deletes their data, and the code then opens nothing", async () => {
  const page = await suite.newPage();
  await page.goto("/portal");
  await page.getByRole("button", { name: "Français" }).click();
  await page.getByRole("heading", { level: 2, name: "Vos réponses" }).waitFor();
  // The consent text promises only what the page does.
  await page.getByLabel(/Quelle est votre nationalité/).selectOption("VEN");
  await page.getByLabel(/Dans quel pays vivez-vous/).selectOption("COL");
  await page.getByLabel(/À quelle date êtes-vous arrivé/).fill("2022-03-01");
  await page.getByRole("button", { name: "Voir les voies possibles" }).click();
  await page.getByRole("heading", { level: 2, name: "Voies qui peuvent vous convenir" }).waitFor();
  await page
    .getByRole("button", { name: /^Postuler:/ })
    .first()
    .click();
  expect(await page.locator("body").textContent()).toContain(
    "supprimer vos données à tout moment sur cette page",
  );
  await page.getByRole("checkbox", { name: "J'accepte" }).check();
  await page.getByLabel(/Nom complet/).fill("Jeanne Exantus");
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  const code = (await page.getByTestId("tracking-code").textContent({ timeout: 60_000 })) ?? "";
  const secret = (await page.getByTestId("secret").textContent()) ?? "";
  await page.getByLabel("Code de suivi", { exact: true }).fill(code);
  await page.getByLabel("Secret", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "Voir", exact: true }).click();
  await page.getByTestId("status").waitFor();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Télécharger ma demande" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`application-${code}.json`);
  const saved = JSON.parse(readFileSync((await download.path()) as string, "utf8")) as {
    trackingCode: string;
    applicant: { fullName: string };
    answers: Record<string, unknown>;
  };
  expect(saved.trackingCode).toBe(code);
  expect(saved.applicant.fullName).toBe("Jeanne Exantus");
  expect(saved.answers.nationality).toBe("VEN");

  await page.getByRole("button", { name: "Supprimer mes données" }).click();
  const confirm = page.getByRole("region", { name: "Supprimer vos données ?" });
  await confirm.waitFor();
  expect(await confirm.textContent()).toMatch(/irréversible/);
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  await confirm.getByRole("button", { name: "Oui, supprimer mes données" }).click();
  await expect.poll(() => page.getByTestId("erased").textContent()).toMatch(/Vos données ont été supprimées/);

  await page.getByLabel("Secret", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "Voir", exact: true }).click();
  await expect
    .poll(() => page.locator(".portal-error").last().textContent())
    .toBe("Aucune demande ne correspond à ce code et ce secret.");
  expect(await page.getByTestId("status").count()).toBe(0);
}, 120_000);

test("an application filed on the portal is found in the registry, linked, and the applicant's consent recorded", async () => {
  const given = `Yeli${Date.now().toString(36)}`;
  const surname = "Quintanar";
  const portal = await suite.newPage();
  await portal.goto("/portal");
  await portal.getByRole("button", { name: "English" }).click();
  await portal.getByLabel(/What is your nationality/).selectOption("VEN");
  await portal.getByLabel(/In which country do you live/).selectOption("COL");
  await portal.getByLabel(/On what date did you arrive/).fill("2022-03-01");
  await portal.getByRole("button", { name: "See possible pathways" }).click();
  // Each result names its nation as the applicant reads it, not by its code.
  await expect
    .poll(() => portal.locator(".portal-result > p").first().textContent())
    .toMatch(/ · (Colombia \(COL\)|United States \(USA\))$/);
  await portal
    .getByRole("button", { name: /^Apply:/ })
    .first()
    .click();
  await portal.getByRole("checkbox", { name: "I agree" }).check();
  await portal.getByLabel(/Full name/).fill(`${given} ${surname}`);
  await portal.getByRole("button", { name: "Send application" }).click();
  const code = (await portal.getByTestId("tracking-code").textContent({ timeout: 60_000 })) ?? "";
  const nation = code.slice(0, 3);
  expect(["USA", "COL"]).toContain(nation);

  // The nation's registrar has registered the same person before.
  const registrar = await suite.newPage();
  await signInAs(registrar, "registrar", nation);
  const me = (await (await registrar.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const created = await registrar.request.post("/api/v1/registry/people", {
    headers: { "x-csrf-token": me.csrfToken },
    data: { givenNames: [given], surnames: [surname], nationalities: ["VEN"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const personId = ((await created.json()) as { id: string }).id;

  const page = await suite.newPage();
  await signInAs(page, "pathway_officer", nation);
  await page.getByRole("link", { name: "Pathways" }).click();
  await page.getByLabel("Tracking code").fill(code);
  await page.getByRole("button", { name: "Apply filters" }).first().click();
  await page.getByRole("button", { name: code }).click();
  const registry = page.getByTestId("application-registry");
  await registry.getByText("Not linked to a registry person yet.").waitFor();
  await registry.getByRole("button", { name: "Find in registry" }).click();
  const candidate = registry.getByRole("listitem").filter({ hasText: `${given} ${surname}` });
  await candidate.waitFor();
  // Why it is a candidate, in words: "Given names: Exact", never the model's field codes.
  expect(await candidate.textContent()).toMatch(/Given names: (Exact|Close|Similar)/);
  expect(await candidate.textContent()).not.toMatch(/given_name|date_of_birth/);
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  await candidate.getByRole("button", { name: "Link" }).click();
  const linked = registry.getByTestId("linked-person").getByRole("link");
  await expect.poll(() => linked.getAttribute("href")).toBe(`/registry/people/${personId}`);
  expect(await registry.getByTestId("linked-person").textContent()).not.toContain(personId);
  expect(await registry.getByTestId("registry-consent").textContent()).toMatch(/is recorded in the registry/);
  await registry.getByRole("table", { name: /Household of one/ }).waitFor();
  expect(await registry.getByRole("table").textContent()).toContain(`${given} ${surname}`);

  // The registry holds the consent, given by the applicant on the portal.
  const person = (await (await registrar.request.get(`/api/v1/registry/people/${personId}`)).json()) as {
    consents: { purpose: string; given: boolean; givenBy: string }[];
  };
  expect(person.consents).toContainEqual(
    expect.objectContaining({
      purpose: "pathway_application",
      given: true,
      givenBy: "the applicant on the portal",
    }),
  );
}, 180_000);
