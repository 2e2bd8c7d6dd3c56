import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { householdOfPerson } from "./index.ts";
import { personInput, registerPerson } from "./registry.test-support.ts";

// The function other capabilities read a person's household through: the members with the values a placement
// case or an application needs, decrypted, needs in the shared vocabulary; nothing for a person in none, for an
// id of another nation, or for an id that is not one.

let t: TestApp;
const usa = systemScope("USA", "test");
let principal = "";
let child = "";
let alone = "";
let mexPerson = "";
let householdId = "";
beforeAll(async () => {
  t = await startTestApp();
  principal = await registerPerson(
    t.app,
    "USA",
    personInput({ sex: "F", birthDate: "1990-04", nationalities: ["VEN"], languages: ["es"] }),
  );
  child = await registerPerson(
    t.app,
    "USA",
    personInput({ sex: "M", birthDate: "2015", vulnerabilities: ["medical", "disability", "other"] }),
  );
  alone = await registerPerson(t.app, "USA");
  mexPerson = await registerPerson(t.app, "MEX");
  householdId = (await t.app.registry.households.create(usa, principal)).id;
  await t.app.registry.households.addMember(usa, householdId, { personId: child, relationship: "child" });
});
afterAll(async () => {
  await t.close();
});

const read = (scope: ReturnType<typeof systemScope>, personId: string) =>
  inScope(t.database.db, scope, (tx) => householdOfPerson(tx, scope, t.app.platform.keyring, personId));

describe("householdOfPerson", () => {
  it("answers the same household from any member, principal first, values decrypted", async () => {
    const fromChild = await read(usa, child);
    expect(fromChild).toEqual({
      id: householdId,
      principalId: principal,
      members: [
        {
          personId: principal,
          relationship: "principal",
          specificNeeds: [],
          birthDate: "1990-04",
          sex: "F",
          nationalities: ["VEN"],
          languages: ["es"],
        },
        {
          personId: child,
          relationship: "child",
          specificNeeds: ["serious_medical_condition", "disability", "other"],
          birthDate: "2015",
          sex: "M",
          nationalities: ["GTM"],
          languages: ["es"],
        },
      ],
    });
    expect(await read(usa, principal)).toEqual(fromChild);
  });

  it("answers undefined for a person in no household, another nation's person, or no id", async () => {
    expect(await read(usa, alone)).toBeUndefined();
    expect(await read(usa, mexPerson)).toBeUndefined();
    expect(await read(systemScope("MEX", "test"), child)).toBeUndefined();
    expect(await read(usa, "not-a-uuid")).toBeUndefined();
  });

  it("keeps a person in one household at most", async () => {
    const other = (await t.app.registry.households.create(usa, alone)).id;
    await expect(
      t.app.registry.households.addMember(usa, other, { personId: child, relationship: "sibling" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(t.app.registry.households.create(usa, child)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await read(usa, child))?.id).toBe(householdId);
  });
});
