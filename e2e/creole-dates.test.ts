import { describe, expect, test } from "vitest";
import { demoNations } from "../src/registry/engine/demo-people.ts";
import { DEMO_REGISTRY_NATIONS } from "../src/registry/registry.seed.ts";
import { browserSuite, expectAccessible, openRegistryPerson, signInAs } from "./browser-harness.ts";

// Browsers have no Haitian Creole locale data: a date asked for in `ht` comes out in English unless the app
// writes it itself. Staff who read Creole see Creole months, and numbers written the way Haiti writes them.

const suite = browserSuite();
const gtm = demoNations(DEMO_REGISTRY_NATIONS, 700).find((d) => d.nation === "GTM")!;
const CREOLE_MONTH = /\b(janvye|fevriye|mas|avril|me|jen|jiyè|out|septanm|oktòb|novanm|desanm)\b/;
const ENGLISH_MONTH = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\b(AM|PM)\b/;

describe("dates in Haitian Creole on staff pages", () => {
  test("an auditor reading Creole sees the events' times with Creole months", async () => {
    const page = await suite.newPage();
    await signInAs(page, "auditor", "USA");
    await page.getByLabel("Language").selectOption("ht");
    await page.goto("/audit");
    const events = page.getByTestId("audit-events");
    await events.locator("tbody tr").first().waitFor();
    const when = (await events.locator("tbody tr td").first().textContent()) ?? "";
    expect(when).toMatch(CREOLE_MONTH);
    expect(when).not.toMatch(ENGLISH_MONTH);
    await expectAccessible(page);
  });

  test("a registrar reading Creole sees a person's steps dated in Creole", async () => {
    const target = gtm.people.find((p) => p.office === "GTM-01")!.person;
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await openRegistryPerson(page, target.givenNames.join(" "), target.surnames.join(" "));
    await page.getByLabel("Language").selectOption("ht");
    const steps = page.locator("ol.timeline > li");
    await steps.first().waitFor();
    const text = (await steps.first().textContent()) ?? "";
    expect(text).toMatch(CREOLE_MONTH);
    expect(text).not.toMatch(ENGLISH_MONTH);
    await expectAccessible(page);
  });
});
