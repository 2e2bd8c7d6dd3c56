import { describe, expect, test } from "vitest";
import { DEMO_RESETTLEMENT_PLACES } from "../src/pathways/resettlement-journey.seed.ts";
import {
  apiOf,
  browserSuite,
  expectAccessible,
  fileOnTestPathway,
  openRegistryPerson,
  signInAs,
} from "./browser-harness.ts";

const suite = browserSuite(); // the shared demo server, with the demo journey from the portal to arrival

// The demo household that applied on the portal for resettlement, was approved, linked to the registry as a
// household, placed by a run on approved applications and arrived: followed from the queue to the person's path.
describe("from the portal to arrival", () => {
  test("a pathway officer follows the demo household: application, placement, arrival, household, path", async () => {
    const page = await suite.newPage();
    await signInAs(page, "pathway_officer", "USA");
    await page.goto("/pathways");
    await page.getByLabel("Tracking code").fill("USA-DEMO-JOURNEY");
    await page.getByRole("button", { name: "Apply filters" }).first().click();
    await page
      .getByRole("table", { name: "Queue" })
      .getByRole("button", { name: "USA-DEMO-JOURNEY" })
      .click();
    const placement = page.getByRole("region", { name: "Placement and arrival" });
    await placement.waitFor();
    expect(await placement.getByTestId("application-placement").textContent()).toMatch(
      /^Placed in Houston \(United States \(USA\)\) on [A-Z][a-z]{2} \d{1,2}, \d{4}\. Arrived on [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/,
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

  test("a household placed in another nation moves there with consent, and that nation records its arrival", async () => {
    const stamp = Date.now().toString(36);
    const pathwayId = `usa-e2e-resettle-${stamp}`;
    const given = `Rosa${stamp}`;
    const usa = await suite.newPage();
    await signInAs(usa, "pathway_officer", "USA");
    const asUsa = await apiOf(usa);
    // A resettlement pathway whose households may also go to Mexico (made up for this test, not a programme); the
    // applicant applies on the portal.
    const { trackingCode: code } = await fileOnTestPathway(
      asUsa,
      pathwayId,
      {
        nation: "USA",
        type: "resettlement",
        destinations: ["MEX"],
        title: { en: "Test resettlement with Mexico" },
        rules: [{ kind: "nationality", in: ["VEN"] }],
      },
      {
        lang: "es",
        nation: "USA",
        answers: { nationality: "VEN" },
        consent: true,
        fullName: `${given} Díaz`,
      },
    );
    const list = (await asUsa("GET", `/pathways/applications?pathway=${pathwayId}`)).body as {
      applications: { id: string; trackingCode: string }[];
    };
    const id = list.applications.find((a) => a.trackingCode === code)!.id;
    const registered = await asUsa("POST", `/pathways/applications/${id}/registry-person`, {
      overrideReason: "new in the registry",
    });
    expect(registered.status, registered.text).toBe(201);
    const personId = (registered.body as { personId: string }).personId;
    const approved = await asUsa("POST", `/pathways/applications/${id}/stage`, {
      stage: "decided",
      decision: "approved",
      reason: "eligible for resettlement",
    });
    expect(approved.status, approved.text).toBe(200);
    const caseworker = await suite.newPage();
    await signInAs(caseworker, "caseworker", "USA");
    const consent = await (await apiOf(caseworker))("POST", `/registry/people/${personId}/consents`, {
      purpose: "cross_border_referral",
      given: true,
    });
    expect(consent.status, consent.text).toBeLessThan(300);
    const run = await asUsa("POST", "/placement/runs", {
      source: "applications",
      places: "place_id,nation,capacity_persons,locality\nmx-monterrey,MEX,10,Monterrey\n",
      pathways: [pathwayId],
    });
    expect(run.status, run.text).toBe(201);

    // The officer moves the household to Mexico from the application's page.
    await usa.goto("/pathways");
    await usa.getByLabel("Tracking code").fill(code);
    await usa.getByRole("button", { name: "Apply filters" }).first().click();
    await usa.getByRole("table", { name: "Queue" }).getByRole("button", { name: code }).click();
    const placement = usa.getByRole("region", { name: "Placement and arrival" });
    await placement.getByText(/^Placed in Monterrey \(Mexico \(MEX\)\)/).waitFor();
    await placement
      .getByLabel(/What the applicant agreed to/)
      .fill("She agreed to share her record with Mexico.");
    await placement.getByRole("button", { name: "Move the household to Mexico (MEX)" }).click();
    await expect.poll(() => placement.getByRole("status").textContent()).toBe("Saved.");
    // Moved: the page says so and offers the move no more.
    await placement.getByText(/Moved to Mexico \(MEX\), which records the arrival\.$/).waitFor();
    expect(await placement.getByRole("button", { name: "Move the household to Mexico (MEX)" }).count()).toBe(
      0,
    );
    await expectAccessible(usa);

    // Mexico sees the household expected, records its arrival, and finds her in its registry.
    const mex = await suite.newPage();
    await signInAs(mex, "pathway_officer", "MEX");
    await mex.goto("/pathways");
    await mex.getByRole("tab", { name: "Arrivals" }).click();
    const incoming = mex.getByRole("table", { name: "Households placed with your nation" });
    const row = incoming.getByRole("row").filter({ hasText: code });
    await row.getByText("Expected").waitFor();
    expect(await row.textContent()).not.toContain(given);
    await expectAccessible(mex);
    await row.getByRole("button", { name: "Record the arrival" }).click();
    await row.getByText(/^Arrived on /).waitFor();
    await openRegistryPerson(mex, given, "Díaz");
    await mex.getByRole("heading", { level: 2, name: new RegExp(given) }).waitFor();
  });
});
