import { describe, expect, test } from "vitest";
import { browserSuite, expectAccessible, signInAs } from "./browser-harness.ts";

const suite = browserSuite(); // the shared demo server: agreements among the demo nations, none between BRA and HTI

describe("the data-sharing agreements page", () => {
  test("Haiti proposes an agreement to Brazil, and Brazil's administrator accepts it with a reason", async () => {
    const page = await suite.newPage();
    await signInAs(page, "nation_admin", "HTI");
    await page.locator("nav.capability-nav").getByRole("link", { name: "Agreements" }).click();
    const table = page.getByTestId("agreements-table");
    await table.waitFor();
    // The demo's agreement with the United States, in force; none with Brazil yet.
    expect(await page.getByRole("row", { name: /^USA/ }).textContent()).toContain("Accepted · in force");
    expect(await page.getByRole("row", { name: /^BRA/ }).count()).toBe(0);
    await expectAccessible(page);

    await page.getByLabel("Partner", { exact: true }).selectOption("BRA");
    await page.getByRole("checkbox", { name: "Family tracing" }).check();
    const carries = page.getByRole("group", { name: "Data Family tracing may carry" });
    await carries.getByLabel("identity (names, sex, date of birth)").check();
    await carries.getByLabel("nationality").check();
    await page.getByLabel("Instrument title").fill("Memorando de entendimiento sobre reunificación familiar");
    await page.getByLabel("Instrument reference").fill(`MOU-HTI-BRA-${Date.now()}`);
    await page.getByLabel("Instrument date").fill("2025-03-01");
    await page.getByLabel("Valid from").fill("2025-03-01");
    await page.getByRole("button", { name: "Propose", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Agreement proposed to BRA" }).waitFor();
    const proposed = page.getByRole("row", { name: /^BRA/ });
    expect(await proposed.textContent()).toContain("Proposed");
    expect(await proposed.textContent()).toContain(
      "Family tracing: identity (names, sex, date of birth), nationality",
    );
    // The side that proposed may withdraw, not accept.
    expect(await proposed.getByRole("button", { name: "Accept the agreement with BRA" }).count()).toBe(0);

    const brazil = await suite.newPage();
    await signInAs(brazil, "nation_admin", "BRA");
    await brazil.goto("/agreements");
    const incoming = brazil.getByRole("row", { name: /^HTI/ });
    await incoming.getByRole("button", { name: "Accept the agreement with HTI" }).click();
    await incoming.getByLabel("Reason to Accept").fill("Signed by both ministries");
    await incoming.getByRole("button", { name: "Confirm" }).click();
    await brazil.getByRole("status").filter({ hasText: "The agreement with HTI is accepted." }).waitFor();
    await incoming.filter({ hasText: "Accepted · in force" }).waitFor();
    await expectAccessible(brazil);
  });

  test("in Spanish, an auditor reads the agreements and may not change them", async () => {
    const page = await suite.newPage("es-ES");
    await signInAs(page, "auditor", "MEX");
    await page.goto("/agreements");
    await page.getByRole("heading", { level: 1, name: "Acuerdos de intercambio de datos" }).waitFor();
    const usa = page.getByRole("row", { name: /^USA/ });
    expect(await usa.textContent()).toContain("Aceptado · vigente");
    expect(await usa.textContent()).toContain("Remisión transfronteriza");
    expect(await page.getByRole("button", { name: /Terminar|Suspender/ }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Proponer un acuerdo" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Plazos de conservación" }).count()).toBe(0);
    await expectAccessible(page);
  });

  test("an administrator sets how long registered people are kept, sees who set it, and clears it again", async () => {
    const page = await suite.newPage();
    await signInAs(page, "nation_admin", "GTM");
    await page.goto("/agreements");
    const periods = page.getByRole("table", { name: "Kinds of record and their periods" });
    const person = periods.getByRole("row", { name: /^registry\.person/ });
    await person.getByText("Kept: no period set.").waitFor();
    expect(await person.textContent()).toContain("every case closed");

    const days = person.getByLabel("Days to keep registry.person");
    await days.fill("3650");
    await person.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "registry.person: erased 3650 days after" }).waitFor();
    await person.getByText(/^Set by nation_admin@gtm\.demo, \d{4}-/).waitFor();
    await expectAccessible(page);

    await days.fill("0");
    await person.getByRole("button", { name: "Save" }).click();
    // The browser refuses a period under a day before it is sent; nothing changed.
    expect(
      await days.evaluate(
        (input) => (input as unknown as { validity: { rangeUnderflow: boolean } }).validity.rangeUnderflow,
      ),
    ).toBe(true);
    await days.fill("");
    await person.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "registry.person: kept, no period." }).waitFor();
    await person.getByText("Kept: no period set.").waitFor();
  });
});
