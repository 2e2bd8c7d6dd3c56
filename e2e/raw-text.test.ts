import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { Role } from "../src/platform/auth/auth.contract.ts";
import { demoNations } from "../src/registry/engine/demo-people.ts";
import { DEMO_REGISTRY_NATIONS } from "../src/registry/registry.seed.ts";
import { browserSuite, openRegistryPerson, signInAs } from "./browser-harness.ts";

// Nothing a developer would recognise as stored data reaches the screen: no snake_case codes, no fragments of
// ids, no JSON. Every navigation entry and every tab, as several roles and in several languages, the pages a
// section's own links open (a case from "My cases", a person from a list), and the detail pages officers
// work in. The audit log's navigation entry is checked on its own: it keeps the exact action codes and record
// ids an auditor verifies against exports, each in a `<code>` beside its label.

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

/** The links of an element, as paths within the app. */
async function pathsIn(page: Page, selector: string): Promise<string[]> {
  const links = page.locator(selector);
  const hrefs: string[] = [];
  for (let i = 0; i < (await links.count()); i++) {
    const href = (await links.nth(i).getAttribute("href")) ?? "";
    if (href.startsWith("/") && !href.startsWith("/api/")) hrefs.push(href);
  }
  return hrefs;
}

/** A path with its ids replaced, so that one case page stands for all of them. */
const pathKind = (href: string) =>
  href.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id").replace(/\?.*$/, "");

/** A section's own links not seen yet, one per kind of page (the first case, the first person, …). */
async function newKinds(page: Page, seen: Set<string>): Promise<string[]> {
  const fresh: string[] = [];
  for (const href of await pathsIn(page, "main a")) {
    const kind = pathKind(href);
    if (seen.has(kind) || kind.startsWith("/audit")) continue;
    seen.add(kind);
    fresh.push(href);
  }
  return fresh;
}

async function everyEntry(page: Page, label: string): Promise<string[]> {
  const entries = (await pathsIn(page, "nav.capability-nav a")).filter((h) => h !== "/audit");
  const seen = new Set(entries.map(pathKind));
  const found: string[] = [];
  const followed: string[] = [];
  for (const href of entries) {
    await page.goto(href);
    await page.getByRole("heading", { level: 1 }).waitFor();
    found.push(...(await rawIn(page, `${label} ${href}`)));
    followed.push(...(await newKinds(page, seen)));
    const tabs = page.getByRole("tab");
    for (let i = 0; i < (await tabs.count()); i++) {
      const name = (await tabs.nth(i).textContent()) ?? "";
      await tabs.nth(i).click();
      found.push(...(await rawIn(page, `${label} ${href} › ${name}`)));
      followed.push(...(await newKinds(page, seen)));
    }
  }
  // One level down: the pages the sections link to, each kind once.
  for (const href of followed) {
    await page.goto(href);
    await page.getByRole("heading", { level: 1 }).waitFor();
    found.push(...(await rawIn(page, `${label} ${pathKind(href)}`)));
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
  { role: "protection_officer", nation: "USA", language: "es" },
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
