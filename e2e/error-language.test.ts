import { describe, expect, test } from "vitest";
import { demoNations } from "../src/registry/engine/demo-people.ts";
import { DEMO_REGISTRY_NATIONS } from "../src/registry/registry.seed.ts";
import {
  apiOf,
  browserSuite,
  expectAccessible,
  focusedId,
  openRegistryPerson,
  signInAs,
} from "./browser-harness.ts";

// A refusal from the server reads in the user's language, with the roles, outcomes and fields named in words:
// never the server's English, never a code.

const suite = browserSuite();
const demo = demoNations(DEMO_REGISTRY_NATIONS, 700);
const usa = demo.find((d) => d.nation === "USA")!;
const gtm = demo.find((d) => d.nation === "GTM")!;

describe("refusals in the user's language", () => {
  test("a Spanish administrator is told which two roles cannot go to one person", async () => {
    const page = await suite.newPage();
    await signInAs(page, "nation_admin", "COL");
    await page.getByLabel("Language").selectOption("es");
    await page.locator("nav.capability-nav").getByRole("link", { name: "Usuarios y roles" }).click();
    const email = `doble.${Date.now()}@col.test`;
    await page.getByLabel("Correo electrónico", { exact: true }).fill(email);
    await page.getByLabel("Nombre", { exact: true }).fill("Doble Función");
    const roles = page.getByRole("group", { name: "Roles", exact: true });
    await roles.getByLabel("Oficial de frontera").check();
    await roles.getByLabel("Administrador nacional").check();
    await page.getByRole("button", { name: "Crear usuario" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "no pueden recaer en una misma persona" });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? "";
    expect(text).toContain("Oficial de frontera y Administrador nacional");
    expect(text).not.toMatch(/border_officer|nation_admin|cannot go/);
    await expectAccessible(page);
  });

  test("a Portuguese border officer chooses nothing by default, cannot choose a forbidden return, and confirms", async () => {
    const page = await suite.newPage();
    await signInAs(page, "border_officer", "USA");
    await page.getByLabel("Language").selectOption("pt");
    await page.goto("/border");
    await page.getByRole("tab", { name: "Registrar um encontro" }).click();
    await page.getByLabel("Data", { exact: true }).fill("2021-06-01");
    await page.getByLabel("Nacionalidade (ISO3)").fill("MEX");
    await page.getByLabel("Declara temor de retorno").check();
    await page.getByRole("button", { name: "Registrar encontro" }).click();
    const outcome = page.getByLabel("Encaminhamento dado");
    await outcome.waitFor();
    expect(await outcome.inputValue()).toBe("");
    const expulsion = outcome.locator("option", { hasText: "Expulsão para México (MEX)" });
    expect(await expulsion.textContent()).toContain("não elegível");
    expect(await expulsion.isDisabled()).toBe(true);
    await page.getByLabel("Motivo").fill("encaminhado para triagem de proteção");
    await page.getByRole("button", { name: "Registrar decisão" }).click();
    await page.getByRole("alert").filter({ hasText: "Escolha primeiro um encaminhamento." }).waitFor();

    const allowed = await outcome
      .locator("option:not([disabled]):not([value=''])")
      .first()
      .getAttribute("value");
    await outcome.selectOption(allowed ?? "");
    await page.getByRole("button", { name: "Registrar decisão" }).click();
    const confirm = page.getByRole("heading", { name: /^Registrar esta decisão: / });
    await confirm.waitFor();
    await expect.poll(() => focusedId(page)).toBe("decision-confirm");
    await page.getByText("Motivo registrado: «encaminhado para triagem de proteção»").waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Sim, registrar" }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    await page.getByRole("listitem").filter({ hasText: "encaminhado para triagem de proteção" }).waitFor();
  });

  test("a French holding nation accepting a referral is told its own consent is missing, with a link to the record", async () => {
    // A USA person only the USA holds; Mexico then registers the same person, without any consent.
    const person = usa.people.find(
      (p) => p.office === "USA-01" && !usa.crossBorder.includes(p.externalId) && !p.externalId.endsWith("-b"),
    )!.person;
    const holder = await suite.newPage();
    await signInAs(holder, "registrar", "MEX");
    const registered = await (await apiOf(holder))("POST", "/registry/people", { ...person, documents: [] });
    expect(registered.status, registered.text).toBe(201);
    const mexId = (JSON.parse(registered.text) as { id: string }).id;

    const asker = await suite.newPage();
    await signInAs(asker, "caseworker", "USA");
    await openRegistryPerson(asker, person.givenNames.join(" "), person.surnames.join(" "));
    const usaId = /people\/([0-9a-f-]{36})/.exec(asker.url())?.[1] ?? "";
    const consent = await (await apiOf(asker))("POST", `/registry/people/${usaId}/consents`, {
      purpose: "cross_border_referral",
      given: true,
    });
    expect(consent.status, consent.text).toBeLessThan(300);
    await asker.getByRole("button", { name: "Ask partner nations" }).click();
    await asker.getByText(/A likely match is held by: .*MEX/).waitFor();
    await asker.getByRole("button", { name: "Request details from MEX" }).click();
    await asker.getByText("Referral requested").waitFor();

    const admin = await suite.newPage();
    await signInAs(admin, "nation_admin", "MEX");
    await admin.getByLabel("Language").selectOption("fr");
    await admin.goto("/registry/referrals");
    // Newest first: the referral just asked for is the first one waiting.
    const waiting = admin.getByRole("button", { name: "Accepter" });
    await admin
      .getByRole("row")
      .filter({ hasText: "USA" })
      .filter({ has: waiting })
      .first()
      .getByRole("button", { name: "Accepter" })
      .click();
    const alert = admin.getByRole("alert").filter({ hasText: "pas de consentement enregistré" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Orientation transfrontalière");
    await expectAccessible(admin);
    await alert
      .getByRole("link", { name: "Ouvrir la fiche de la personne pour enregistrer le consentement" })
      .click();
    await admin.waitForURL(`**/registry/people/${mexId}`);
  });

  for (const c of [
    {
      language: "fr",
      tab: "Enregistrer une interception",
      date: "Date",
      citizenship: "Nationalité (ISO3)",
      birth: "Date de naissance",
      submit: "Enregistrer l'interception",
      future: "Date : une interception ne peut pas être dans le futur.",
      early: "Date : une interception est datée à partir de 1990.",
      birthEarly: "Date de naissance : pas avant 1880.",
    },
    {
      language: "es",
      tab: "Registrar un encuentro",
      date: "Fecha",
      citizenship: "Nacionalidad (ISO3)",
      birth: "Fecha de nacimiento",
      submit: "Registrar encuentro",
      future: "Fecha: un encuentro no puede estar en el futuro.",
      early: "Fecha: un encuentro se fecha a partir de 1990.",
      birthEarly: "Fecha de nacimiento: no antes de 1880.",
    },
  ])
    test(`a border officer in ${c.language} is told of an impossible date before anything is sent`, async () => {
      const page = await suite.newPage();
      await signInAs(page, "border_officer", "USA");
      await page.getByLabel("Language").selectOption(c.language);
      await page.goto("/border");
      await page.getByRole("tab", { name: c.tab }).click();
      const sent: string[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST" && r.url().endsWith("/api/v1/border/encounters")) sent.push(r.url());
      });
      const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel(c.date, { exact: true }).fill(inTwoDays);
      await page.getByLabel(c.citizenship).fill("MEX");
      await page.getByLabel(c.birth).fill("1875-01-01");
      await page.getByRole("button", { name: c.submit }).click();
      const alert = page.getByRole("alert").filter({ hasText: c.future });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(c.birthEarly);
      await expect.poll(() => focusedId(page)).toBe("enc-date");
      await page.getByLabel(c.date, { exact: true }).fill("1985-06-01");
      await page.getByRole("button", { name: c.submit }).click();
      await page.getByRole("alert").filter({ hasText: c.early }).waitFor();
      expect(sent).toEqual([]);
      await expectAccessible(page);
    });

  test("a Spanish registrar cannot correct a record into one with no name; a real correction names its fields", async () => {
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    const person = gtm.people.filter((p) => p.office === "GTM-01")[20]!.person;
    await openRegistryPerson(page, person.givenNames.join(" "), person.surnames.join(" "));
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("button", { name: "Corregir este registro" }).click();
    const form = page.getByRole("form", { name: "Corregir el registro" });
    const sent: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "PATCH") sent.push(r.url());
    });
    await form.getByLabel("Nombres").fill("");
    await form.getByLabel("Apellidos").fill("");
    await form.getByLabel("Por qué se corrige").fill("prueba de un registro sin nombre");
    await form.getByRole("button", { name: "Guardar corrección" }).click();
    await page.getByRole("status").filter({ hasText: "Indique al menos un nombre" }).waitFor();
    expect(sent).toEqual([]);
    await form.getByLabel("Nombres").fill(person.givenNames.join(" "));
    await form.getByLabel("Apellidos").fill(person.surnames.join(" "));
    await form.getByLabel("Fecha de nacimiento").fill("1990-02-03");
    await form.getByRole("button", { name: "Guardar corrección" }).click();
    await page.getByRole("status").filter({ hasText: "Corrección guardada: fecha de nacimiento" }).waitFor();
    expect(sent).toHaveLength(1);
    await expectAccessible(page);
  });
});
