import { describe, expect, test } from "vitest";
import { countryLabel } from "../src/flows/flows-labels.contract.ts";
import {
  apiOf,
  browserSuite,
  expectAccessible,
  openSubmittedApplication,
  signInAs,
} from "./browser-harness.ts";

// Referring an application to a partner nation from the application itself: the nation by its name in the
// officer's language, then one of that nation's published pathways by its title. Nothing is typed as a code,
// and nothing is sent before the consent is confirmed and a pathway chosen.

const suite = browserSuite();
// A bare code; a name may carry its ISO code after it, "Colombia (COL)", as everywhere in the workspace.
const CODE = /^[A-Z]{3}$|^[a-z0-9][a-z0-9_-]+$/;

describe("the referral form", () => {
  test("a Spanish pathway officer refers an application to a partner's pathway chosen by names", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "pathway_officer", "USA");
    const api = await apiOf(page);
    const open = (await api("GET", "/pathways/questionnaire?lang=es")).body as {
      pathways: { id: string; nation: string; title: string; access: string }[];
    };
    // A demo nation the USA has a data-sharing agreement with, and one of its pathways open to applications.
    const target = open.pathways.find(
      (p) => ["MEX", "COL", "GTM"].includes(p.nation) && p.access === "apply",
    );
    expect(target).toBeDefined();
    const { nation, title, id } = target as { nation: string; title: string; id: string };
    await openSubmittedApplication(page, "presentada");
    const form = page.getByRole("group", { name: "Derivar" });
    const nationOptions = async () =>
      (await form.getByLabel("Derivar al país").locator("option").allTextContents()).slice(1);
    await expect.poll(nationOptions).toContain(countryLabel(nation, "es"));
    const nations = await nationOptions();
    expect(nations).not.toContain(countryLabel("USA", "es")); // not to itself
    for (const name of nations) expect(name).not.toMatch(CODE);
    const send = form.getByRole("button", { name: "Derivar" });
    expect(await form.getByLabel("Vía receptora").isDisabled()).toBe(true);
    await form.getByLabel("Derivar al país").selectOption({ label: countryLabel(nation, "es") });
    await form.getByLabel("Vía receptora").selectOption({ label: title });
    const reason = `derivación desde el formulario ${Date.now().toString(36)}`;
    await form.getByLabel("Motivo").fill(reason);
    await form
      .getByLabel("Consentimiento tal como se le explicó")
      .fill("Acepta que su solicitud pase a ese país.");
    expect(await send.isDisabled()).toBe(true); // not before the consent is confirmed
    await form.getByLabel("La persona consintió esta derivación").check();
    await expectAccessible(page);
    const answered = page.waitForResponse(
      (r) => r.url().endsWith("/referral") && r.request().method() === "POST",
    );
    await send.click();
    expect((await answered).status()).toBe(201);
    const sent = (await api("GET", "/pathways/referrals?direction=outgoing&sort=newest&limit=50")).body as {
      referrals: { toNation: string; toPathway: string; reason: string }[];
    };
    expect(sent.referrals.find((r) => r.reason === reason)).toMatchObject({
      toNation: nation,
      toPathway: id,
    });
  });

  test("a Portuguese caseworker chooses among nations named in Portuguese", async () => {
    const page = await suite.newPage("pt-BR");
    await signInAs(page, "caseworker", "USA");
    await openSubmittedApplication(page, "enviado");
    const form = page.getByRole("group", { name: "Encaminhar" });
    const nationOptions = async () =>
      (await form.getByLabel("Encaminhar à nação").locator("option").allTextContents()).slice(1);
    // The nations arrive after the form is drawn: wait for them rather than read an empty list.
    await expect.poll(nationOptions).toContain(countryLabel("COL", "pt"));
    const nations = await nationOptions();
    expect(nations).toContain(countryLabel("MEX", "pt"));
    for (const name of nations) expect(name).not.toMatch(CODE);
    await expectAccessible(page);
  });
});
