import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { personInput, registerPerson, uniqueName } from "./registry.test-support.ts";

// Merging two records of one person keeps the household right: the survivor takes the merged record's place
// (same relationship), and undoing the merge puts it back; records in two different households are not merged.

let t: TestApp;
const scope = systemScope("USA", "test");

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Two records of one person (the second registered past the hint) and the review pair between them. */
async function duplicatePair() {
  const input = personInput({
    givenNames: [uniqueName()],
    surnames: [uniqueName()],
    birthDate: "2012-05-04",
  });
  const older = await registerPerson(t.app, "USA", input);
  const newer = await registerPerson(t.app, "USA", input, {
    overrideReason: "registered again at the border",
  });
  const review = await t.database.asOwner((tx) =>
    tx
      .selectFrom("registry_duplicate_reviews")
      .select(["id", "person_a", "person_b"])
      .where("tenant_id", "=", "USA")
      .where((eb) => eb.or([eb("person_a", "=", older), eb("person_b", "=", older)]))
      .executeTakeFirstOrThrow(),
  );
  return { older, newer, review };
}

const membership = (personId: string) =>
  t.database.asOwner((tx) =>
    tx
      .selectFrom("registry_household_members")
      .select(["household_id", "relationship"])
      .where("tenant_id", "=", "USA")
      .where("person_id", "=", personId)
      .executeTakeFirst(),
  );

async function householdWith(childId: string) {
  const principal = await registerPerson(
    t.app,
    "USA",
    personInput({ givenNames: [uniqueName()], surnames: [uniqueName()] }),
  );
  const { id } = await t.app.registry.households.create(scope, principal);
  await t.app.registry.households.addMember(scope, id, { personId: childId, relationship: "child" });
  return id;
}

describe("merging records of people in households", () => {
  it("moves the merged record's place in the household to the survivor, and a split moves it back", async () => {
    const { review } = await duplicatePair();
    const [survivor, merged] = [review.person_a, review.person_b];
    const household = await householdWith(merged);
    await t.app.registry.review.decide(scope, review.id, "merge", "same child, same birth record");
    expect(await membership(survivor)).toEqual({ household_id: household, relationship: "child" });
    expect(await membership(merged)).toBeUndefined();
    const view = await t.app.registry.households.get(scope, household);
    expect(view.members.map((m) => m.personId)).toContain(survivor);
    expect(view.members.map((m) => m.personId)).not.toContain(merged);

    const [merge] = (await t.app.registry.review.merges(scope)).filter((m) => m.mergedId === merged);
    await t.app.registry.review.split(scope, merge!.id, "two different children after all");
    expect(await membership(merged)).toEqual({ household_id: household, relationship: "child" });
    expect(await membership(survivor)).toBeUndefined();
  });

  it("refuses to merge records that belong to two different households", async () => {
    const { review } = await duplicatePair();
    await householdWith(review.person_a);
    await householdWith(review.person_b);
    await expect(
      t.app.registry.review.decide(scope, review.id, "merge", "same child, same birth record"),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("different households") });
  });
});
