import { describe, expect, test } from "vitest";
import { demoNations } from "../src/registry/engine/demo-people.ts";
import { DEMO_REGISTRY_NATIONS } from "../src/registry/registry.seed.ts";
import { browserSuite, expectAccessible, openRegistryPerson, signInAs } from "./browser-harness.ts";

const suite = browserSuite();
// The demo registries are generated from a seed, so the test knows who is in them.
const demo = demoNations(DEMO_REGISTRY_NATIONS, 700);
const usa = demo.find((d) => d.nation === "USA")!;
const gtm = demo.find((d) => d.nation === "GTM")!;

describe("registry pages", () => {
  test("a registrar finds a person of their office and reads the record", async () => {
    const target = gtm.people.find((p) => p.office === "GTM-01")!.person;
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await openRegistryPerson(page, target.givenNames.join(" "), target.surnames.join(" "));
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).textContent())
      .toContain(target.surnames[0]);
    await expectAccessible(page);
  });

  test("a person's page shows their path through the framework, step by step, in the reader's language", async () => {
    const target = gtm.people.find((p) => p.office === "GTM-01")!.person;
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await openRegistryPerson(page, target.givenNames.join(" "), target.surnames.join(" "));
    const timeline = page.getByRole("region", { name: "Path through the framework" });
    await timeline.getByRole("listitem").first().waitFor();
    // The registration is the first step, said in words, with its date and a link to the record.
    await expect.poll(() => timeline.getByRole("listitem").first().textContent()).toContain("Registry");
    await expect.poll(() => timeline.getByRole("link", { name: "Registered" }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
  });

  test("a registrar downloads a person's whole record as JSON", async () => {
    const target = gtm.people.find((p) => p.office === "GTM-01")!.person;
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await openRegistryPerson(page, target.givenNames.join(" "), target.surnames.join(" "));
    const downloaded = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export record (JSON)" }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toMatch(/^person-[0-9a-f-]{36}\.json$/);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const exported = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    expect(exported).toMatchObject({ nation: "GTM", person: { surnames: target.surnames } });
    expect(Object.keys(exported.sections)).toEqual(["registry", "border", "pathways", "networks"]);
    // Protection records are withheld from a reader outside the protection side, whether or not one exists.
    expect(exported.sections.networks).toEqual({ protectionRecords: null });
    await page.getByText("Record exported").waitFor();
  });

  test("registering a person already on file shows the duplicate while typing and needs a reason", async () => {
    const target = gtm.people.find((p) => p.office === "GTM-01" && p.person.birthDate)!.person;
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await page.goto("/registry/new");
    await page.getByLabel("Given names").fill(target.givenNames.join(" "));
    await page.getByLabel("Surnames").fill(target.surnames.join(" "));
    await page.getByLabel("Date of birth").fill(target.birthDate!);
    await page.getByText(/possible duplicate/).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Why register anyway").fill("says this is a different person with the same name");
    await page.getByRole("button", { name: "Register anyway" }).click();
    await page.waitForURL(/\/registry\/people\//);
  });

  test("a registrar cannot register a person with no name: the form says so before sending", async () => {
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await page.goto("/registry/new");
    await page.getByLabel("Given names").fill("   ");
    await page.getByRole("button", { name: "Register", exact: true }).click();
    await page.getByRole("alert").getByText("Give at least one name: given names or surnames.").waitFor();
    expect(await page.getByLabel("Given names").getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).toMatch(/\/registry\/new$/);
    await expectAccessible(page);
  });

  test("a caseworker in Spanish is told, in Spanish, of a missing name and a birth date in the future", async () => {
    const page = await suite.newPage();
    await signInAs(page, "caseworker", "GTM");
    await page.getByLabel("Language").selectOption("es");
    await page.goto("/registry/new");
    await page.getByLabel("Fecha de nacimiento").fill("2999-01-01");
    await page.getByRole("button", { name: "Registrar", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.getByText(/Indique al menos un nombre/).waitFor();
    await expect
      .poll(() => alert.textContent())
      .toContain("La fecha de nacimiento no puede estar en el futuro.");
    expect(page.url()).toMatch(/\/registry\/new$/);
    await expectAccessible(page);
  });

  test("a caseworker asks the partners, and the holding nation accepts the referral with consent", async () => {
    const original = usa.crossBorder.find((id) => !id.includes("-X"))!;
    const target = usa.people.find((p) => p.externalId === original)!.person;
    const asker = await suite.newPage();
    await signInAs(asker, "caseworker", "USA");
    await openRegistryPerson(asker, target.givenNames.join(" "), target.surnames.join(" "));
    await asker.getByRole("button", { name: "Ask partner nations" }).click();
    await asker.getByText(/A likely match is held by: MEX/).waitFor();
    await asker.getByRole("button", { name: "Request details from MEX" }).click();
    await asker.getByText("Referral requested").waitFor();

    const holder = await suite.newPage();
    await signInAs(holder, "nation_admin", "MEX");
    await holder.goto("/registry/referrals");
    const row = holder.getByRole("row").filter({ hasText: "USA" }).filter({ hasText: "pending" }).first();
    await row.getByRole("button", { name: "Accept" }).click();
    await holder.getByText("Decision recorded").waitFor();
    await expectAccessible(holder);

    await asker.goto("/registry/referrals");
    await asker.getByRole("row").filter({ hasText: "accepted" }).first().waitFor();
  });

  test("a registrar corrects a record with a reason, and the earlier version is listed", async () => {
    const target = gtm.people.filter((p) => p.office === "GTM-01")[12]!.person;
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await openRegistryPerson(page, target.givenNames.join(" "), target.surnames.join(" "));
    await page.getByRole("button", { name: "Correct this record" }).click();
    await page.getByLabel("Phones (comma-separated)").fill("+502 5555 0101");
    await page.getByLabel("Why it is corrected").fill("new number given at the interview");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Save correction" }).click();
    await page.getByText(/Correction saved: phones/).waitFor();
    await page.getByRole("heading", { name: "Earlier versions" }).waitFor();
    await page.getByText(/new number given at the interview/).waitFor();
    await expectAccessible(page);
  });

  test("a registrar erases a person with a reason, and the person is found nowhere afterwards", async () => {
    const target = gtm.people.filter((p) => p.office === "GTM-01")[30]!.person;
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await openRegistryPerson(page, target.givenNames.join(" "), target.surnames.join(" "));
    const id = new URL(page.url()).pathname.split("/").pop() as string;
    await page.getByText("Erase this person").click();
    const form = page.getByRole("form", { name: /^Erase / });
    await form.getByLabel("Why the person is erased").fill("the person asked for their data to be deleted");
    const erase = form.getByRole("button", { name: "Erase permanently" });
    expect(await erase.isDisabled()).toBe(true); // not before the officer confirms
    await form.getByLabel("I understand that this cannot be undone").check();
    await expectAccessible(page);
    await erase.click();
    await page
      .getByRole("status")
      .filter({ hasText: /^Erased: 1 record\(s\) of this person/ })
      .waitFor();

    expect((await page.request.get(`/api/v1/registry/people/${id}`)).status()).toBe(404);
    await page.goto("/registry");
    await page.getByLabel("Given names").fill(target.givenNames.join(" "));
    await page.getByLabel("Surnames").fill(target.surnames.join(" "));
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("table", { name: /result\(s\), best first$/ }).waitFor();
    expect(await page.locator(`a[href$="${id}"]`).count()).toBe(0);
  });

  test("an administrator sees possible duplicates side by side", async () => {
    const page = await suite.newPage();
    await signInAs(page, "nation_admin", "USA");
    await page.goto("/registry/review");
    await page.getByRole("table", { name: "Review queue" }).getByRole("button").first().click();
    await page.getByRole("heading", { name: "Registered first" }).waitFor();
    await page.getByRole("heading", { name: "Registered later" }).waitFor();
    await expectAccessible(page);
  });
});
