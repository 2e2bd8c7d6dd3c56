import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { personInput, registerPerson } from "../registry/registry.test-support.ts";
import {
  prepareBorderTenants,
  registerResident,
  venezuelanWhoLivedInColombia,
} from "./border.test-support.ts";

// A partner answers a prior-residence question from its registry: a residence document it issued, valid on the
// day asked about, held by the person the question's encoding matches; never a person shielded from the asker.

let t: TestApp;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  const mxPack = readFileSync(new URL("../../packs/border/mx-2019-2023.json", import.meta.url), "utf8");
  await t.app.border.loadPack(systemScope("MEX", "test"), mxPack);
  tokens.usa = (await userWithToken(t, "USA", ["border_officer"])).token;
  tokens.mex = (await userWithToken(t, "MEX", ["border_officer"])).token;
  tokens.per = (await userWithToken(t, "PER", ["nation_admin"])).token;
  tokens.col = (await userWithToken(t, "COL", ["nation_admin"])).token;
  // Colombia holds him with a PEP that expired before he left.
  await registerResident(t.app, "COL", {
    holder: { givenNames: ["Luis", "Alberto"], surnames: ["González", "Marcano"], birthDate: "1985-11-03" },
    document: {
      type: "col_pep",
      typeAsWritten: "",
      number: "PEP 8511 0302",
      issuingCountry: "COL",
      validFrom: "2018-08-01",
      expiry: "2021-07-31",
    },
  });
});
afterAll(async () => {
  await t.close();
});

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await t.request(method, `/api/v1/border${path}`, {
    token,
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: the tests read what the route answered
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as any };
}

/** Records an encounter in the token's nation of someone with these names who says they lived in `residence`. */
async function encounter(
  token: string,
  person: { givenNames: string; familyNames: string; birthDate: string; citizenship?: string },
  residence = { country: "COL", from: "2019-06-01", to: "2022-02-28" },
) {
  const recorded = await call(token, "POST", "/encounters", {
    ...venezuelanWhoLivedInColombia,
    ...person,
    citizenship: person.citizenship ?? "VEN",
    documents: [],
    priorResidences: [residence],
  });
  expect(recorded.status, recorded.text).toBe(201);
  return recorded.body.id as string;
}

const her = { givenNames: "María José", familyNames: "Pérez Rodríguez", birthDate: "1990-04-12" };
const him = { givenNames: "Luis Alberto", familyNames: "González Marcano", birthDate: "1985-11-03" };

describe("Colombia answers from its registry, automatically", () => {
  it("yes: her PEP was valid on the last day she says she lived there; the answer names no one", async () => {
    const id = await encounter(tokens.usa!, her);
    const asked = await call(tokens.usa!, "POST", `/encounters/${id}/verifications`, { country: "COL" });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({
      status: "verified",
      permitType: "col_pep",
      validFrom: "2019-06-01",
      validTo: "2022-03-31",
      asOf: "2022-02-28",
      mode: "auto",
    });
    expect(asked.text).not.toMatch(/Mar[ií]a|P[ée]rez|1990|PEP 9904/);
  });

  it("no: a person Colombia's registry does not hold", async () => {
    const id = await encounter(tokens.usa!, {
      givenNames: "Ramón",
      familyNames: "Ortega Salas",
      birthDate: "1979-02-02",
    });
    const asked = await call(tokens.usa!, "POST", `/encounters/${id}/verifications`, { country: "COL" });
    expect(asked.body).toMatchObject({ status: "not_found", permitType: null, validFrom: null });
  });

  it("no when his permit had expired on the day asked about, yes for a day it was valid", async () => {
    const id = await encounter(tokens.usa!, him, { country: "COL", from: "2018-08-01", to: "2021-12-31" });
    const expired = await call(tokens.usa!, "POST", `/encounters/${id}/verifications`, { country: "COL" });
    expect(expired.body).toMatchObject({ status: "not_found", asOf: "2021-12-31", permitType: null });
    const valid = await call(tokens.usa!, "POST", `/encounters/${id}/verifications`, {
      country: "COL",
      asOf: "2021-06-30",
    });
    expect(valid.body).toMatchObject({ status: "verified", asOf: "2021-06-30", permitType: "col_pep" });
  });

  it("asks about the encounter's day when no residence end was stated", async () => {
    const id = await encounter(tokens.usa!, her, { country: "COL", from: "2019-06-01" } as never);
    const asked = await call(tokens.usa!, "POST", `/encounters/${id}/verifications`, { country: "COL" });
    expect(asked.body).toMatchObject({ status: "verified", asOf: venezuelanWhoLivedInColombia.date });
  });

  it("refuses a day after the encounter, naming the field", async () => {
    const id = await encounter(tokens.usa!, her);
    const asked = await call(tokens.usa!, "POST", `/encounters/${id}/verifications`, {
      country: "COL",
      asOf: "2022-03-16",
    });
    expect(asked.status).toBe(400);
    expect(asked.text).toMatch(/asOf/);
  });

  it("never confirms a refugee to the nation they fled, and still answers anyone else", async () => {
    const refugee = { givenNames: "Jimena", familyNames: "Soto Luna", birthDate: "1988-07-21" };
    await registerPerson(
      t.app,
      "COL",
      personInput({
        givenNames: ["Jimena"],
        surnames: ["Soto", "Luna"],
        birthDate: refugee.birthDate,
        nationalities: ["MEX"],
        protection: { status: "refugee", from: [] },
        documents: [
          {
            type: "residence_permit",
            typeAsWritten: "",
            number: "RES 8807 2101",
            issuingCountry: "COL",
            validFrom: "2019-01-01",
            expiry: null,
          },
        ],
      }),
    );
    const fromMexico = await encounter(tokens.mex!, { ...refugee, citizenship: "MEX" });
    const mexico = await call(tokens.mex!, "POST", `/encounters/${fromMexico}/verifications`, {
      country: "COL",
    });
    expect(mexico.status, mexico.text).toBe(201);
    expect(mexico.body).toMatchObject({ status: "not_found", permitType: null });
    const fromUsa = await encounter(tokens.usa!, { ...refugee, citizenship: "MEX" });
    const usa = await call(tokens.usa!, "POST", `/encounters/${fromUsa}/verifications`, { country: "COL" });
    expect(usa.body).toMatchObject({ status: "verified", permitType: "residence_permit" });
  });
});

describe("Peru answers after review, from its registry", () => {
  let requestId = "";
  let stranger = "";
  beforeAll(async () => {
    await registerResident(t.app, "PER", {
      holder: { givenNames: ["María", "José"], surnames: ["Pérez", "Rodríguez"], birthDate: "1990-04-12" },
      document: {
        type: "residence_permit",
        typeAsWritten: "CPP",
        number: "CPP 1990 0412",
        issuingCountry: "PER",
        validFrom: "2022-06-01",
        expiry: null,
      },
    });
    stranger = await registerPerson(t.app, "PER", personInput({ nationalities: ["PER"] }));
    const id = await encounter(tokens.usa!, her);
    const asked = await call(tokens.usa!, "POST", `/encounters/${id}/verifications`, { country: "PER" });
    expect(asked.body.status).toBe("pending");
    requestId = asked.body.id;
  });

  it("shows the reviewer the matching person's id and no document valid on the day (she stated no residence in Peru: the encounter's day), no names", async () => {
    const inbox = await call(tokens.per!, "GET", "/verifications/inbox");
    const item = inbox.body.requests.find((r: { id: string }) => r.id === requestId);
    expect(item).toMatchObject({ asOf: "2022-03-15", candidate: { permitType: null, validFrom: null } });
    expect(item.candidate.similarity).toBeGreaterThanOrEqual(0.9);
    expect(inbox.text).not.toMatch(/Mar[ií]a|P[ée]rez|CPP 1990/);
  });

  it("refuses a yes without the person, for someone else, or with no document valid on the day", async () => {
    const inbox = await call(tokens.per!, "GET", "/verifications/inbox");
    const personId = inbox.body.requests.find((r: { id: string }) => r.id === requestId).candidate.personId;
    const answer = (body: object) => call(tokens.per!, "POST", `/verifications/${requestId}/answer`, body);
    const without = await answer({ fromNation: "USA", result: "verified" });
    expect(without.status).toBe(400);
    expect(without.text).toMatch(/personId/);
    const someoneElse = await answer({ fromNation: "USA", result: "verified", personId: stranger });
    expect(someoneElse.status).toBe(404);
    expect(someoneElse.text).toMatch(/personId/);
    const noDocument = await answer({ fromNation: "USA", result: "verified", personId });
    expect(noDocument.status).toBe(409);
    const no = await answer({ fromNation: "USA", result: "not_found" });
    expect(no.status, no.text).toBe(201);
  });

  it("another nation's question stays out of reach: Colombia neither sees nor answers Peru's", async () => {
    const inbox = await call(tokens.col!, "GET", "/verifications/inbox");
    expect(inbox.body.requests.some((r: { id: string }) => r.id === requestId)).toBe(false);
    const answer = await call(tokens.col!, "POST", `/verifications/${requestId}/answer`, {
      fromNation: "USA",
      result: "not_found",
    });
    expect(answer.status).toBe(404);
  });
});
