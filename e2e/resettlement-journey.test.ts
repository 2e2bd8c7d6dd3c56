import { describe, expect, test } from "vitest";
import { DEMO_RESETTLEMENT_PLACES } from "../src/pathways/resettlement-journey.seed.ts";
import { browserSuite, expectAccessible, openRegistryPerson, signInAs } from "./browser-harness.ts";

const suite = browserSuite(); // the shared demo server, with the demo journey from the portal to arrival

// The demo household that applied on the portal for resettlement, was approved, linked to the registry as a
// household, placed by a run on approved applications and arrived: followed from the queue to the person's path.
describe("from the portal to arrival", () => {
  test("a pathway officer follows the demo household: application, placement, arrival, household, path", async () => {
    const page = await suite.newPage();
    await signInAs(page, "pathway_officer", "USA");
    await page.goto("/pathways");
    await page
      .getByRole("table", { name: "Queue" })
      .getByRole("button", { name: "USA-DEMO-JOURNEY" })
      .click();
    const placement = page.getByRole("region", { name: "Placement and arrival" });
    await placement.waitFor();
    expect(await placement.getByTestId("application-placement").textContent()).toMatch(
      /^Placed in Houston \(USA\) on \d{4}-\d{2}-\d{2}\. Arrived on \d{4}-\d{2}-\d{2}\.$/,
    );
    // Arrived: no action is offered any more.
    expect(await placement.getByRole("button").count()).toBe(0);
    const registry = page.getByTestId("application-registry");
    await registry.getByRole("table").getByRole("row").nth(2).waitFor();
    expect(await registry.getByRole("row").count()).toBe(3); // header, the father, his son
    await expectAccessible(page);

    await page.getByRole("tab", { name: "Arrivals" }).click();
    const incoming = page.getByRole("table", { name: "Households placed with your nation" });
    const row = incoming.getByRole("row").filter({ hasText: "USA-DEMO-JOURNEY" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Houston");
    expect(await row.textContent()).toContain("Arrived on");
    await expectAccessible(page);

    await openRegistryPerson(page, "Andrés", "Gómez Rojas");
    const path = page.getByRole("region", { name: "Path through the framework" });
    for (const step of ["Applied to a pathway", "Placed by a placement run", "Arrived where placed"]) {
      await path.getByRole("listitem").filter({ hasText: step }).first().waitFor();
    }
  });

  test("a run from approved applications on the placement page says what it left out and why", async () => {
    const page = await suite.newPage();
    await signInAs(page, "pathway_officer", "USA");
    await page.goto("/placement");
    await page.getByText("From approved applications").click();
    const form = page.getByRole("form", { name: "From approved applications" });
    await form.getByLabel("Places file").setInputFiles({
      name: "places.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(DEMO_RESETTLEMENT_PLACES),
    });
    await form.getByLabel(/^Pathways/).fill("usa-safe-mobility-col");
    await form.getByRole("button", { name: "Run on approved applications" }).click();
    // The demo household is placed already and the other demo applications are linked to no one: nothing waits.
    await page
      .getByRole("alert")
      .filter({ hasText: "no approved resettlement application is waiting" })
      .waitFor();
    await expectAccessible(page);
  });
});
