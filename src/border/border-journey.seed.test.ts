import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { householdOfPerson } from "../registry/index.ts";
import { seedBorderDemo } from "./border.seed.ts";
import { seedBorderJourney } from "./border-journey.seed.ts";

// The demo journey: a household registered once, met at the border as one family, the mother's prior residence
// verified by Colombia from her permit, her fear claim holding her daughter's returns too.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedBorderDemo(t.app.platform, t.app.border);
  await seedBorderJourney(t.app.border, t.app.registry);
});
afterAll(async () => {
  await t.close();
});

const officer = systemScope("USA", "test", ["border_officer"]);

/** The USA's encounters linked to a registered person: the demo's other encounters are not. */
async function journeyEncounters() {
  const rows = await t.database.asOwner((tx) =>
    tx
      .selectFrom("border_encounters")
      .select(["id", "person_id", "fear_claim"])
      .where("tenant_id", "=", "USA")
      .where("person_id", "is not", null)
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, personId: r.person_id, fearClaim: r.fear_claim }));
}

describe("the demo journey through registry and border", () => {
  it("registers one household, links both encounters to it and groups them as one family", async () => {
    const encounters = await journeyEncounters();
    expect(encounters).toHaveLength(2);
    const [a, b] = encounters.map((e) => e.personId!);
    const household = await t.database.asOwner((tx) =>
      householdOfPerson(tx, systemScope("USA", "test"), t.app.platform.keyring, a!),
    );
    expect(household?.members.map((m) => m.personId).sort()).toEqual([a, b].sort());
    const family = await t.app.border.familyOf(officer, encounters[0]!.id);
    expect(family.members.map((m) => m.encounterId).sort()).toEqual(encounters.map((e) => e.id).sort());
  });

  it("Colombia verifies the mother's prior residence, and her fear claim holds her daughter's returns", async () => {
    const encounters = await journeyEncounters();
    const mother = encounters.find((e) => e.fearClaim)!;
    const daughter = encounters.find((e) => !e.fearClaim)!;
    const asked = await t.app.border.listVerifications(officer, mother.id);
    expect(asked).toEqual([expect.objectContaining({ country: "COL", status: "verified" })]);
    const { assessment } = await t.app.border.assessEncounter(officer, daughter.id);
    expect(assessment.familyHolds).toEqual([
      expect.objectContaining({ encounterId: mother.id, code: "fear_claim" }),
    ]);
    const removals = assessment.dispositions.filter((d) => d.reasons.some((r) => r.startsWith("held:")));
    expect(removals.length).toBeGreaterThan(0);
    expect(removals.every((d) => !d.eligible)).toBe(true);
  });

  it("changes nothing when seeded again", async () => {
    await seedBorderJourney(t.app.border, t.app.registry);
    expect(await journeyEncounters()).toHaveLength(2);
  });
});
