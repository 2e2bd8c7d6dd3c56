import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import type { PersonInput } from "./registry.contract.ts";
import { giveConsent, personInput, registerPerson } from "./registry.test-support.ts";

// The country-of-origin shield: no answer about a protected person reaches a nation they are shielded from,
// and the asking nation cannot tell a shielded person from one nobody holds.

let t: TestApp;
let usa: { token: string };
let usaRegistrar: { token: string };
let hti: { token: string };
let mex: { token: string };
let usaAdmin: { token: string };
beforeAll(async () => {
  t = await startTestApp();
  usa = await userWithToken(t, "USA", ["caseworker"]);
  usaRegistrar = await userWithToken(t, "USA", ["registrar"]);
  hti = await userWithToken(t, "HTI", ["caseworker"]);
  mex = await userWithToken(t, "MEX", ["caseworker"]);
  usaAdmin = await userWithToken(t, "USA", ["nation_admin"]);
});
afterAll(async () => {
  await t.close();
});

const haitian = (): PersonInput =>
  personInput({
    nationalities: ["HTI"],
    documents: [
      {
        type: "passport",
        number: `HT${Date.now() % 1e8}`,
        typeAsWritten: "",
        issuingCountry: "HTI",
        validFrom: null,
        expiry: null,
      },
    ],
  });

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Registers through the API in USA, as a caseworker, with the protection given. */
async function registerInUsa(input: PersonInput, protection?: unknown) {
  const created = await send("POST", "/registry/people", usa.token, { ...input, protection });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** The same person as another nation holds them, with consent to ask partners. */
async function heldWithConsent(nation: string, input: PersonInput) {
  const id = await registerPerson(t.app, nation, input);
  await giveConsent(t.app, nation, id);
  return id;
}

const ask = (token: string, personId: string) => send("POST", "/registry/crossmatch", token, { personId });

describe("the country-of-origin shield", () => {
  it("keeps a Haitian asylum seeker held in the USA from Haiti's question, exactly as if nobody held them", async () => {
    const shielded = haitian();
    const usaId = await registerInUsa(shielded, { status: "asylum_seeker" });
    const view = await send("GET", `/registry/people/${usaId}`, usa.token);
    expect(view.body.protection).toEqual({ status: "asylum_seeker", from: ["HTI"] });

    const askedAboutShielded = await ask(hti.token, await heldWithConsent("HTI", shielded));
    const askedAboutNobody = await ask(hti.token, await heldWithConsent("HTI", haitian()));
    expect(askedAboutShielded.status).toBe(200);
    expect(askedAboutShielded.body.holders).not.toContain("USA");
    expect(askedAboutShielded).toEqual(askedAboutNobody);
    expect(JSON.stringify(askedAboutShielded.body)).toBe(JSON.stringify(askedAboutNobody.body));
  });

  it("names the holder of a person without protection, and of a protected person to a nation not shielded", async () => {
    const open = haitian();
    await registerInUsa(open);
    expect((await ask(hti.token, await heldWithConsent("HTI", open))).body.holders).toContain("USA");

    const shielded = haitian();
    await registerInUsa(shielded, { status: "refugee", from: ["HTI"] });
    expect((await ask(mex.token, await heldWithConsent("MEX", shielded))).body.holders).toContain("USA");
  });

  it("answers a referral from a shielded nation exactly as a referral about nobody", async () => {
    const shielded = haitian();
    await registerInUsa(shielded, { status: "asylum_seeker" });
    const refer = async (input: PersonInput) => {
      const personId = await heldWithConsent("HTI", input);
      return send("POST", "/registry/referrals", hti.token, {
        personId,
        partner: "USA",
        purpose: "cross_border_referral",
        reason: "family tracing",
      });
    };
    const aboutShielded = await refer(shielded);
    const aboutNobody = await refer(haitian());
    expect(aboutShielded.status).toBe(404);
    expect(aboutShielded).toEqual(aboutNobody);
  });

  it("shields from the moment a correction records protection, and only readers of protection may make it", async () => {
    const person = haitian();
    const usaId = await registerInUsa(person);
    const correction = { protection: { status: "asylum_seeker", from: [] }, reason: "fear claim recorded" };
    const byRegistrar = await send("PATCH", `/registry/people/${usaId}`, usaRegistrar.token, correction);
    expect(byRegistrar.status).toBe(403);
    expect((await send("PATCH", `/registry/people/${usaId}`, usa.token, correction)).status).toBe(200);
    expect((await ask(hti.token, await heldWithConsent("HTI", person))).body.holders).not.toContain("USA");
    const registrarView = await send("GET", `/registry/people/${usaId}`, usaRegistrar.token);
    expect(registrarView.body.protection).toBeNull();
  });

  it("holds against a referral asked before the person was protected: the holder cannot accept it", async () => {
    const person = haitian();
    const usaId = await registerInUsa(person);
    await giveConsent(t.app, "USA", usaId);
    const asked = await send("POST", "/registry/referrals", hti.token, {
      personId: await heldWithConsent("HTI", person),
      partner: "USA",
      purpose: "cross_border_referral",
      reason: "family tracing",
    });
    expect(asked.status).toBe(201);
    const correction = { protection: { status: "asylum_seeker", from: [] }, reason: "fear claim recorded" };
    expect((await send("PATCH", `/registry/people/${usaId}`, usa.token, correction)).status).toBe(200);
    const accepted = await send("POST", `/registry/referrals/${asked.body.id}/decision`, usaAdmin.token, {
      decision: "accept",
      reason: "consent on file",
    });
    expect(accepted.status).toBe(409);
    expect(JSON.stringify(accepted.body)).toMatch(/protected from HTI/);
    const seenByHaiti = await send("GET", "/registry/referrals/outgoing", hti.token);
    const referral = (seenByHaiti.body.referrals as { id: string; status: string; shared: unknown }[]).find(
      (r) => r.id === asked.body.id,
    );
    expect(referral).toMatchObject({ status: "pending", shared: null });
  });

  it.each([
    [{ status: "exile" }, "protection.status"],
    [{ status: "refugee", from: ["HT"] }, "protection.from.0"],
    [{ status: "none", from: ["HTI"] }, "protection.from"],
  ])("refuses protection %j with 400 naming %s", async (protection, field) => {
    const answer = await send("POST", "/registry/people", usa.token, { ...haitian(), protection });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(field);
  });
});

describe("consent before a cross-match", () => {
  it("refuses a question about a person with no consent for the purpose, saying so", async () => {
    const personId = await registerPerson(t.app, "HTI", haitian());
    const refused = await ask(hti.token, personId);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toMatch(/no recorded consent for cross_border_referral/);
    const forTracing = await send("POST", "/registry/crossmatch", hti.token, {
      personId,
      purpose: "family_tracing",
    });
    expect(forTracing.status).toBe(403);
    await giveConsent(t.app, "HTI", personId);
    expect((await ask(hti.token, personId)).status).toBe(200);
  });
});
