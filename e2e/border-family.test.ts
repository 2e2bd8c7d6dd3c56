import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoNations } from "../src/registry/engine/demo-people.ts";
import { DEMO_REGISTRY_NATIONS } from "../src/registry/registry.seed.ts";
import {
  axeViolations,
  browserSuite,
  describeViolations,
  expectAccessible,
  openRegistryPerson,
  signInAs,
} from "./browser-harness.ts";

const suite = browserSuite();
// The demo registries are generated from a seed, so the test knows who is registered in the United States.
const usa = demoNations(DEMO_REGISTRY_NATIONS, 700).find((d) => d.nation === "USA")!;

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe("border → registry, and a family held together", () => {
  test("an officer links an encounter to a registered person found by search, records a second member of the family with a fear claim, and the first member's return is held", async () => {
    const target = usa.people.filter((p) => p.person.birthDate && p.person.givenNames.length > 0)[25]!.person;
    const name = target.givenNames.join(" ");
    const page = await suite.newPage();
    await signInAs(page, "border_officer", "USA");
    await page.goto("/border");
    await page.getByRole("tab", { name: "Record an encounter" }).click();
    await page.getByLabel("Date", { exact: true }).fill("2022-03-15");
    await page.getByLabel("Citizenship (ISO3)").fill(target.nationalities[0] ?? "VEN");
    await page.getByLabel("Given names").fill(name);
    await page.getByLabel("Family names").fill(target.surnames.join(" "));
    await page.getByLabel("Date of birth").fill(target.birthDate!);
    await page.getByRole("button", { name: "Search the registry" }).click();
    const candidates = page.getByRole("table", { name: "People the registry suggests" });
    const row = candidates.getByRole("row").filter({ hasText: name }).first();
    await row.waitFor();
    await expectNoSeriousViolations(page);
    await row.getByRole("button", { name: "Link this person" }).click();
    await page.getByText(/^Linked to /).waitFor();
    await page.getByRole("button", { name: "Record encounter" }).click();
    await page.getByRole("heading", { level: 1, name: "Encounter" }).waitFor();
    const first = new URL(page.url()).pathname;
    // The name shown comes from the registry: the encounter holds only the reference.
    await page.getByRole("link", { name: new RegExp(name) }).waitFor();
    await page.getByText("This encounter is not in a family group.").waitFor();

    await page.getByRole("button", { name: "Record another member of this family" }).click();
    const member = page.getByRole("form", { name: "Record another member of this family" });
    await member.getByLabel("Date", { exact: true }).fill("2022-03-15");
    await member.getByLabel("Citizenship (ISO3)").fill(target.nationalities[0] ?? "VEN");
    await member.getByLabel("Demographic").selectOption({ label: "Family unit" });
    await member.getByLabel("Given names").fill("Ana");
    await member.getByLabel("Expresses fear of return").check();
    await member.getByRole("button", { name: "Record encounter" }).click();
    await page.waitForURL((url) => url.pathname !== first);
    const family = page.getByRole("table", { name: "Members of the family met at the border" });
    await family.getByRole("row").filter({ hasText: "Fear" }).first().waitFor();

    await page.goto(first);
    await page
      .getByRole("link", {
        name: /^Held: “Fear claim” is open for another member of this family \(encounter E-[2-9A-Z]{4}-[2-9A-Z]{4}\)\.$/,
      })
      .first()
      .waitFor();
    await page.getByRole("table", { name: "Members of the family met at the border" }).waitFor();
    await expectNoSeriousViolations(page);
  });
});

describe("the demo family met at the border", () => {
  test("a border officer follows the mother's path to her encounter: her family group, Colombia's answer, her daughter held with her", async () => {
    const page = await suite.newPage();
    await signInAs(page, "border_officer", "USA");
    await openRegistryPerson(page, "María José", "Pérez Rodríguez");
    const path = page.getByRole("region", { name: "Path through the framework" });
    for (const step of [
      "Registered",
      "Met at the border",
      "Fear of return stated",
      "Prior residence asked of a partner",
    ]) {
      await path.getByRole("listitem").filter({ hasText: step }).first().waitFor();
    }
    await expectAccessible(page);
    await path.getByRole("link", { name: "Met at the border" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Encounter" }).waitFor();
    const family = page.getByRole("table", { name: "Members of the family met at the border" });
    await family.getByRole("row").nth(2).waitFor();
    expect(await family.getByRole("row").count()).toBe(3); // header, the mother, her daughter
    await page
      .getByText(/residence verified/)
      .first()
      .waitFor();
    await expectAccessible(page);
    // The daughter's encounter: her returns are held while her mother's fear claim is open.
    const mother = new URL(page.url()).pathname;
    const links = family.getByRole("link");
    for (let i = 0; i < (await links.count()); i++) {
      if ((await links.nth(i).getAttribute("href")) !== mother) {
        await links.nth(i).click();
        break;
      }
    }
    await page.waitForURL((url) => url.pathname !== mother);
    await page
      .getByRole("link", {
        name: /^Held: “Fear claim” is open for another member of this family \(encounter E-[2-9A-Z]{4}-[2-9A-Z]{4}\)\.$/,
      })
      .first()
      .waitFor();
  });
});
