import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { personInput, registerPerson } from "../registry/registry.test-support.ts";
import { prepareBorderTenants, venezuelanWhoLivedInColombia } from "./border.test-support.ts";

// An encounter linked to a registered person keeps no names of its own, so a prior-residence question about it
// is encoded from the registry's record: the partner finds the same permit it would for the encounter's names.

let t: TestApp;
let officer = "";
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  officer = (await userWithToken(t, "USA", ["border_officer"])).token;
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, {
    token: officer,
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

/** Records the Venezuelan who lived in Colombia linked, at recording, to a USA registry person. */
async function linkedEncounter(person: Parameters<typeof personInput>[0]) {
  const personId = await registerPerson(t.app, "USA", personInput(person));
  const {
    givenNames: _g,
    familyNames: _f,
    birthDate: _b,
    documents: _d,
    ...facts
  } = venezuelanWhoLivedInColombia;
  const recorded = await send("POST", "/border/encounters", { ...facts, personId });
  expect(recorded.status, recorded.text).toBe(201);
  return (recorded.body as { id: string }).id;
}

describe("prior-residence questions about an encounter linked to a registered person", () => {
  it("encode the registry's names and date of birth: Colombia verifies the permit", async () => {
    const id = await linkedEncounter({
      givenNames: ["María José"],
      surnames: ["Pérez Rodríguez"],
      birthDate: "1990-04-12",
      nationalities: ["VEN"],
    });
    const asked = await send("POST", `/border/encounters/${id}/verifications`, { country: "COL" });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ country: "COL", status: "verified" });
  });

  it("answer not found for a registered person Colombia holds no permit for", async () => {
    const id = await linkedEncounter({ nationalities: ["VEN"] });
    const asked = await send("POST", `/border/encounters/${id}/verifications`, { country: "COL" });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ status: "not_found" });
  });

  it("refuse, naming the registry, when the linked person has no date of birth to encode", async () => {
    const id = await linkedEncounter({ birthDate: null, nationalities: ["VEN"] });
    const asked = await send("POST", `/border/encounters/${id}/verifications`, { country: "COL" });
    expect(asked.status, asked.text).toBe(400);
    expect(asked.text).toContain("linked person");
  });
});
