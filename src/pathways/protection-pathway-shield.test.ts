import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import type { PersonInput } from "../registry/registry.contract.ts";
import { giveConsent, personInput, registerPerson } from "../registry/registry.test-support.ts";
import { fileApplication, simplePathway } from "./pathways.test-support.ts";

// An application to a protection pathway (resettlement, complementary protection) is a claim for protection:
// once it is linked to a registered person, that person is shielded from the nations of their nationalities.

let t: TestApp;
const tokens = { officer: "", caseworker: "", haiti: "" };
beforeAll(async () => {
  t = await startTestApp();
  const scope = systemScope("USA", "test");
  for (const [id, type] of [
    ["usa-resettle", "resettlement"],
    ["usa-parole", "humanitarian_parole"],
  ] as const) {
    await t.app.pathways.catalog.save(scope, id, { ...simplePathway("USA", id), type }, "2020-01-01");
    await t.app.pathways.catalog.publish(scope, id, true);
  }
  tokens.officer = (await userWithToken(t, "USA", ["pathway_officer"])).token;
  tokens.caseworker = (await userWithToken(t, "USA", ["caseworker"])).token;
  tokens.haiti = (await userWithToken(t, "HTI", ["caseworker"])).token;
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

const haitian = (): PersonInput => personInput({ nationalities: ["HTI"] });

/** Haiti holds the same person with consent; the answer says whether Haiti is told the USA holds them. */
async function haitiAsking(person: PersonInput): Promise<() => Promise<boolean>> {
  const htiId = await registerPerson(t.app, "HTI", person);
  await giveConsent(t.app, "HTI", htiId);
  return async () => {
    const asked = await send("POST", "/registry/crossmatch", tokens.haiti, { personId: htiId });
    expect(asked.status, asked.text).toBe(200);
    return (asked.body.holders as string[]).includes("USA");
  };
}

async function linkApplication(pathwayId: string, personId: string) {
  const filed = await fileApplication(t.app.pathways, "USA", pathwayId);
  const linked = await send("POST", `/pathways/applications/${filed.id}/person`, tokens.officer, {
    personId,
  });
  expect(linked.status, linked.text).toBe(200);
  return filed;
}

describe("an application to a protection pathway, linked to a registered person", () => {
  it("records the person as an asylum seeker and shields them from Haiti from then on", async () => {
    const person = haitian();
    const usaId = await registerPerson(t.app, "USA", person);
    const haitiFindsInUsa = await haitiAsking(person);
    expect(await haitiFindsInUsa()).toBe(true);

    const filed = await linkApplication("usa-resettle", usaId);
    expect(await haitiFindsInUsa()).toBe(false);
    const record = await send("GET", `/registry/people/${usaId}`, tokens.caseworker);
    expect(record.body.protection).toEqual({ status: "asylum_seeker", from: ["HTI"] });
    const history = await send("GET", `/registry/people/${usaId}/history`, tokens.caseworker);
    expect(JSON.stringify(history.body)).toContain(
      `application ${filed.trackingCode} to a resettlement pathway`,
    );
  });

  it("changes nothing for another kind of pathway, and never lowers a protection already recorded", async () => {
    const person = haitian();
    const usaId = await registerPerson(t.app, "USA", person);
    const haitiFindsInUsa = await haitiAsking(person);
    await linkApplication("usa-parole", usaId);
    expect(await haitiFindsInUsa()).toBe(true);
    const plain = await send("GET", `/registry/people/${usaId}`, tokens.caseworker);
    expect(plain.body.protection).toEqual({ status: "none", from: [] });

    const refugee = await registerPerson(t.app, "USA", {
      ...haitian(),
      protection: { status: "refugee", from: ["CUB"] },
    });
    await linkApplication("usa-resettle", refugee);
    const record = await send("GET", `/registry/people/${refugee}`, tokens.caseworker);
    expect(record.body.protection).toEqual({ status: "refugee", from: ["CUB"] });
  });
});
