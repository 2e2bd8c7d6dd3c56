import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { seedPathwaysDemo } from "./pathways.seed.ts";
import { seedResettlementJourney } from "./resettlement-journey.seed.ts";

// The demo journey from the portal to arrival: an approved application of a registry household, placed by a
// run on approved applications where the son's medical need is served, and its arrival counted in the pledge.

let t: TestApp;
const officer = systemScope("USA", "test", ["pathway_officer"]);
const seed = () =>
  seedResettlementJourney(t.app.platform, t.app.pathways, t.app.registry, (scope, request) =>
    t.app.placement.createRun(scope, request),
  );

beforeAll(async () => {
  t = await startTestApp();
  await seedPathwaysDemo(t.app.platform, t.app.pathways);
  await seed();
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function journeyApplication() {
  const row = await t.database.asOwner((tx) =>
    tx
      .selectFrom("pathway_applications")
      .select(["id"])
      .where("tenant_id", "=", "USA")
      .where("tracking_code", "=", "USA-DEMO-JOURNEY")
      .executeTakeFirstOrThrow(),
  );
  return t.app.pathways.workflow.detail(officer, row.id);
}

describe("the demo journey from the portal to arrival", () => {
  it("links the approved application to a household of two, placed in Houston, arrived", async () => {
    const app = await journeyApplication();
    expect(app).toMatchObject({ stage: "decided", decision: "approved" });
    expect(app.personId).not.toBeNull();
    expect(app.placement).toMatchObject({ placeId: "usa-houston", locality: "Houston", nation: "USA" });
    expect(app.placement?.arrivedOn).toBe(new Date().toISOString().slice(0, 10));
    const run = await t.app.placement.getRun(officer, app.placement!.runId);
    expect(run.fromApplications?.households).toBeGreaterThanOrEqual(1);
    const explained = await t.app.placement.explainCase(officer, run.run.id, app.placement!.caseId);
    expect(explained).toMatchObject({ size: 2, needs: ["serious_medical_condition"] });
    // The father's path, in order: applied on the portal (2023), approved (2024), registered, placed, arrived.
    const path = await t.app.registry.timeline.timelineOf(
      systemScope("USA", "test", ["pathway_officer", "registrar"]),
      app.personId!,
    );
    const steps = path.events.map((e) => e.kind);
    expect(steps.indexOf("application_submitted")).toBeLessThan(steps.indexOf("application_decided"));
    expect(steps.indexOf("application_decided")).toBeLessThan(steps.indexOf("placed"));
    expect(steps.at(-1)).toBe("arrived");
  });

  it("counts the two persons arrived in the USA's pledge, and a second run of the seed adds nothing", async () => {
    const year = new Date().getUTCFullYear();
    const before = await t.app.pathways.dashboards.pledges(officer, year);
    expect(before.nations.find((n) => n.nation === "USA")?.delivered).toBe(2);
    await seed();
    const after = await t.app.pathways.dashboards.pledges(officer, year);
    expect(after.nations.find((n) => n.nation === "USA")?.delivered).toBe(2);
  });

  it("dates the demo applications when they were filed, so the time to a decision is a real duration", async () => {
    const dashboard = await t.app.pathways.dashboards.dashboard(officer, new Date().getUTCFullYear());
    const usa = dashboard.nations.find((n) => n.nation === "USA");
    expect(usa?.medianDaysToDecision).toBeGreaterThan(0);
  });
});
