import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { Role } from "../src/platform/auth/auth.contract.ts";
import { demoNations } from "../src/registry/engine/demo-people.ts";
import { DEMO_REGISTRY_NATIONS } from "../src/registry/registry.seed.ts";
import { browserSuite, openRegistryPerson, signInAs } from "./browser-harness.ts";

// Nothing a developer would recognise as stored data reaches the screen: no snake_case codes, no fragments of
// ids, no JSON. Every navigation entry and every tab, as several roles and in several languages, and the
// detail pages officers work in. The audit log's navigation entry is checked on its own: it keeps the exact
// action codes and record ids an auditor verifies against exports, each in a `<code>` beside its label.

const suite = browserSuite();
const gtm = demoNations(DEMO_REGISTRY_NATIONS, 700).find((d) => d.nation === "GTM")!;

const RAW: { what: string; pattern: RegExp }[] = [
  { what: "a snake_case code", pattern: /\b[a-z]+(?:_[a-z0-9]+)+\b/ },
  { what: "a fragment of an id", pattern: /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8}\b/ },
  { what: "JSON", pattern: /[{}]|":/ },
];
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** What of the page's main text looks raw, with a little context; e-mail addresses are data, not codes. */
async function rawIn(page: Page, where: string): Promise<string[]> {
  await page.waitForLoadState("networkidle");
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a person reads
  const text = (await page.locator("main").innerText()).replace(EMAIL, "");
  return RAW.flatMap(({ what, pattern }) => {
    const found = pattern.exec(text);
    if (!found) return [];
    const at = found.index;
    return [`${where}: ${what} "${found[0]}" in "…${text.slice(Math.max(0, at - 30), at + 30)}…"`];
  });
}

async function everyEntry(page: Page, label: string): Promise<string[]> {
  const links = page.locator("nav.capability-nav a");
  const hrefs: string[] = [];
  for (let i = 0; i < (await links.count()); i++) hrefs.push((await links.nth(i).getAttribute("href")) ?? "");
  const found: string[] = [];
  for (const href of hrefs.filter((h) => h !== "/audit")) {
    await page.goto(href);
    await page.getByRole("heading", { level: 1 }).waitFor();
    found.push(...(await rawIn(page, `${label} ${href}`)));
    const tabs = page.getByRole("tab");
    for (let i = 0; i < (await tabs.count()); i++) {
      const name = (await tabs.nth(i).textContent()) ?? "";
      await tabs.nth(i).click();
      found.push(...(await rawIn(page, `${label} ${href} › ${name}`)));
    }
  }
  return found;
}

const ROLES: { role: Role; nation: string; language: string }[] = [
  { role: "registrar", nation: "GTM", language: "es" },
  { role: "caseworker", nation: "USA", language: "en" },
  { role: "pathway_officer", nation: "USA", language: "pt" },
  { role: "border_officer", nation: "USA", language: "en" },
  { role: "investigator", nation: "USA", language: "fr" },
  { role: "analyst", nation: "USA", language: "ht" },
  { role: "nation_admin", nation: "MEX", language: "es" },
];

describe("no developer text on screen", () => {
  for (const { role, nation, language } of ROLES) {
    test(`${role} (${nation}, ${language}): every entry and tab`, async () => {
      const page = await suite.newPage();
      await signInAs(page, role, nation);
      await page.getByLabel(/^(Language|Idioma|Langue|Lang)$/).selectOption(language);
      expect(await everyEntry(page, `${role} ${language}`)).toEqual([]);
    });
  }

  test("the detail pages: an application, a person", async () => {
    const officer = await suite.newPage();
    await signInAs(officer, "pathway_officer", "USA");
    await officer.goto("/pathways");
    const open = officer.getByRole("table").first().getByRole("row").nth(1).getByRole("button");
    await open.click();
    await officer.getByTestId("application-answers").waitFor();
    const found = await rawIn(officer, "application");

    const registrar = await suite.newPage();
    await signInAs(registrar, "registrar", "GTM");
    const person = gtm.people.find((p) => p.office === "GTM-01")!.person;
    await openRegistryPerson(registrar, person.givenNames.join(" "), person.surnames.join(" "));
    found.push(...(await rawIn(registrar, "person")));
    expect(found).toEqual([]);
  });

  test("the audit log, beside the exact codes and ids it keeps in <code> for auditors (es, fr)", async () => {
    const found: string[] = [];
    for (const [nation, language] of [
      ["USA", "es"],
      ["HTI", "fr"],
    ] as const) {
      const page = await suite.newPage();
      await signInAs(page, "auditor", nation);
      await page.getByLabel(/^(Language|Idioma|Langue|Lang)$/).selectOption(language);
      await page.goto("/audit");
      await page.getByTestId("audit-events").waitFor();
      // The codes and ids an auditor searches by stay on screen, each in a `<code>`; the rest is words.
      await page.addStyleTag({ content: "main code { display: none !important; }" });
      found.push(...(await rawIn(page, `auditor ${nation} ${language} /audit`)));
    }
    expect(found).toEqual([]);
  });
});
