import { describe, expect, test } from "vitest";
import { demoNations } from "../src/registry/engine/demo-people.ts";
import { DEMO_REGISTRY_NATIONS } from "../src/registry/registry.seed.ts";
import { browserSuite, expectAccessible, openRegistryPerson, signInAs } from "./browser-harness.ts";

const suite = browserSuite();
const demo = demoNations(DEMO_REGISTRY_NATIONS, 700);
const gtm = demo.find((d) => d.nation === "GTM")!;

describe("household pages", () => {
  test("a registrar creates a household, adds a member found by search, and splits them out", async () => {
    // Two people of the registrar's office, far apart in the demo so neither is the other's duplicate.
    // Neither has a planted duplicate or a copy in another nation (`demoNations`: i % 20 === 7, i % 25 === 3).
    const plain = (id: string) => {
      const i = /^GTM-(\d{5})$/.exec(id)?.[1];
      return i !== undefined && Number(i) % 20 !== 7 && Number(i) % 25 !== 3;
    };
    const office = gtm.people.filter((p) => p.office === "GTM-01" && plain(p.externalId));
    const principal = office[3]!.person;
    const member = office[41]!.person;
    const memberName = [...member.givenNames, ...member.surnames].join(" ");
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await openRegistryPerson(page, principal.givenNames.join(" "), principal.surnames.join(" "));

    const household = page.getByRole("region", { name: "Household" });
    await household.getByRole("button", { name: /Create a household/ }).click();
    await household.getByRole("table").waitFor();
    await expect.poll(() => household.getByRole("table").textContent()).toContain("principal");

    const add = household.getByRole("form", { name: "Add a member" });
    await add.getByLabel("Relationship").selectOption("sibling");
    await add.getByLabel("Given names").fill(member.givenNames.join(" "));
    await add.getByLabel("Surnames").fill(member.surnames.join(" "));
    await add.getByRole("button", { name: "Search the registry" }).click();
    await add
      .getByRole("button", { name: `Add ${memberName}`, exact: true })
      .first()
      .click();
    await household.getByText("Member added.").waitFor();
    const row = household.getByRole("row").filter({ hasText: memberName });
    await expect.poll(() => row.textContent()).toContain("sibling");
    await expectAccessible(page);

    await row.getByRole("button", { name: `Split into a new household: ${memberName}` }).click();
    await row.getByLabel("Why").fill("lives with their own family in Quetzaltenango");
    await row.getByRole("button", { name: "Split" }).click();
    await household.getByText("The member now has a household of their own.").waitFor();
    await expect.poll(() => household.getByRole("table").textContent()).not.toContain(memberName);

    // The member's own page shows the new household, with them as principal and why it was split.
    await household.getByRole("table").getByRole("link").first().waitFor();
    await openRegistryPerson(page, member.givenNames.join(" "), member.surnames.join(" "));
    const theirs = page.getByRole("region", { name: "Household" });
    await expect.poll(() => theirs.getByRole("table").textContent()).toContain("principal");
    await theirs.getByText(/lives with their own family/).waitFor();
  });

  test("a registrar records a document from the type list with its validity", async () => {
    const page = await suite.newPage();
    await signInAs(page, "registrar", "GTM");
    await page.goto("/registry/new");
    await page.getByLabel("Given names").fill("Yuleidy Carolina");
    await page.getByLabel("Surnames").fill("Quintero Baptista");
    await page.getByLabel("Document type").selectOption("col_ppt");
    await page.getByLabel("Document number").fill("PPT-5512034");
    await page.getByLabel("Issuing nation (code)").fill("COL");
    await page.getByLabel("Document valid from").fill("2022-06-01");
    await page.getByLabel("Document valid until").fill("2031-05-30");
    const reason = page.getByLabel("Why register anyway");
    await page.waitForTimeout(600);
    if (await reason.isVisible()) await reason.fill("a different person with a similar name");
    await page.getByRole("button", { name: /^Register/ }).click();
    await page.waitForURL(/\/registry\/people\//);
    await page.getByText("Colombia PPT (Permiso por Protección Temporal)").waitFor();
    await page.getByText(/valid 2022-06-01 – 2031-05-30/).waitFor();
    await expectAccessible(page);
  });
});
