import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { personInput, registerPerson, uniqueName } from "../registry/registry.test-support.ts";
import { simplePathway } from "./pathways.test-support.ts";
import { splitFullName } from "./registry-link.service.ts";

// An application is matched to the registry (candidates with reasons), confirmed or registered as a new person
// by an officer, and linked with the portal's consent recorded on the person.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
const tokens = { officer: "", caseworker: "", colOfficer: "" };

/** A pathway that asks the date of birth (an age rule), so the portal keeps it; `type` chooses the shield. */
async function publish(nation: string, id: string, type = "humanitarian_parole") {
  const scope = systemScope(nation, "test");
  const definition = {
    ...simplePathway(nation, id),
    type,
    rules: [
      { kind: "nationality", in: ["VEN", "HTI"] },
      { kind: "age", min: 0 },
    ],
  };
  await t.app.pathways.catalog.save(scope, id, definition, "2020-01-01");
  await t.app.pathways.catalog.publish(scope, id, true);
}

/** Files an application on the portal (through its consent step) for an applicant with this name and birth date. */
async function file(nation: string, pathwayId: string, fullName: string, birthDate = "1988-03-14") {
  return t.app.pathways.portal.apply(
    {
      lang: "es",
      nation,
      pathwayId,
      answers: { nationality: "VEN", date_of_birth: birthDate },
      fullName,
    },
    null,
  );
}

/** A person registered in `nation` with the given names and birth date, Venezuelan. */
function registered(nation: string, given: string, surname: string, birthDate = "1988-03-14") {
  return registerPerson(
    t.app,
    nation,
    personInput({ givenNames: [given], surnames: [surname], birthDate, nationalities: ["VEN"] }),
  );
}

async function send(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, {
    ...(token && { token }),
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in the assertions
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, any> };
}

const audit = (nation: string) =>
  t.database.asOwner((tx) =>
    tx
      .selectFrom("audit_events")
      .select(["action", "target_type", "target_id", "details"])
      .where("tenant_id", "=", nation)
      .execute(),
  );
const consents = (nation: string, personId: string) =>
  t.database.asOwner((tx) =>
    tx
      .selectFrom("registry_consents")
      .select(["purpose", "given", "recorded_at", "recorded_by"])
      .where("tenant_id", "=", nation)
      .where("person_id", "=", personId)
      .execute(),
  );

beforeAll(async () => {
  t = await startTestApp();
  await publish("USA", "usa-match");
  await publish("USA", "usa-resettle-match", "resettlement");
  await publish("COL", "col-match");
  tokens.officer = (await userWithToken(t, "USA", ["pathway_officer"])).token;
  tokens.caseworker = (await userWithToken(t, "USA", ["caseworker"])).token;
  tokens.colOfficer = (await userWithToken(t, "COL", ["pathway_officer"])).token;
});
afterAll(async () => {
  await t.close();
});

describe("the applicant's names as the registry takes them", () => {
  it("splits the portal's one name into given names and surnames", () => {
    expect(splitFullName("Perez")).toEqual({ givenNames: [], surnames: ["Perez"] });
    expect(splitFullName("Marie Jean")).toEqual({ givenNames: ["Marie"], surnames: ["Jean"] });
    expect(splitFullName("Ana María Pérez")).toEqual({ givenNames: ["Ana", "María"], surnames: ["Pérez"] });
    expect(splitFullName("Ana María Pérez Gómez")).toEqual({
      givenNames: ["Ana", "María"],
      surnames: ["Pérez", "Gómez"],
    });
    expect(splitFullName(null)).toEqual({ givenNames: [], surnames: [] });
  });
});

describe("registry candidates for an application", () => {
  it("finds the registered applicant with the reasons, and nobody of another nation", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const usaId = await registered("USA", given, surname);
    const colId = await registered("COL", given, surname);
    const filed = await file("USA", "usa-match", `${given} ${surname}`);
    const res = await send("GET", `/pathways/applications/${filed.id}/registry-candidates`, tokens.officer);
    expect(res.status, res.text).toBe(200);
    expect(res.body.proposed).toEqual({
      givenNames: [given],
      surnames: [surname],
      birthDate: "1988-03-14",
      nationalities: ["VEN"],
    });
    const ids = res.body.candidates.map((c: { id: string }) => c.id);
    expect(ids).toContain(usaId);
    expect(ids).not.toContain(colId);
    const found = res.body.candidates.find((c: { id: string }) => c.id === usaId);
    expect(found.band).toBe("likely");
    expect(found.name).toBe(`${given} ${surname}`);
    expect(found.reasons.map((r: { field: string }) => r.field)).toEqual(
      expect.arrayContaining(["given_name", "surname", "date_of_birth", "nationality"]),
    );
    const events = await audit("USA");
    expect(
      events.some((e) => e.action === "pathway.application.registry_match" && e.target_id === filed.id),
    ).toBe(true);
  });

  it("is refused to a reader who may not read people (403) and to a caseworker without the decision right", async () => {
    const filed = await file("USA", "usa-match", `${uniqueName()} ${uniqueName()}`);
    const noPeople = { ...systemScope("USA", "test"), permissions: new Set(["application.decide"] as const) };
    await expect(t.app.pathways.registryLink.candidates(noPeople as never, filed.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const res = await send(
      "GET",
      `/pathways/applications/${filed.id}/registry-candidates`,
      tokens.caseworker,
    );
    expect(res.status).toBe(403);
  });

  it("answers 404 naming id for another nation's application", async () => {
    const filed = await file("COL", "col-match", `${uniqueName()} ${uniqueName()}`);
    const res = await send("GET", `/pathways/applications/${filed.id}/registry-candidates`, tokens.officer);
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/\bid\b/);
  });
});

describe("confirming a registry person", () => {
  it("records the portal consent the same way when an officer links the person by id", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const personId = await registered("USA", given, surname);
    const filed = await file("USA", "usa-match", `${given} ${surname}`);
    const res = await send("POST", `/pathways/applications/${filed.id}/person`, tokens.officer, { personId });
    expect(res.status, res.text).toBe(200);
    expect(res.body.personId).toBe(personId);
    expect(await consents("USA", personId)).toEqual([
      expect.objectContaining({ purpose: "pathway_application", given: true }),
    ]);
    const events = await audit("USA");
    expect(
      events.find((e) => e.action === "pathway.application.link_person" && e.target_id === filed.id)?.details,
    ).toMatchObject({ personId, via: "by_id", consentRecorded: true });
    const unlinked = await send("POST", `/pathways/applications/${filed.id}/person`, tokens.officer, {
      personId: null,
    });
    expect(unlinked.body.personId).toBeNull();
  });

  it("links, records the portal consent dated when it was given, and audits both sides", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const personId = await registered("USA", given, surname);
    const filed = await file("USA", "usa-match", `${given} ${surname}`);
    const row = await t.database.asOwner((tx) =>
      tx
        .selectFrom("pathway_applications")
        .select("portal_consent_at")
        .where("id", "=", filed.id)
        .executeTakeFirstOrThrow(),
    );
    // Read back through the owner's connection, a timestamp may differ by a rounding of its last millisecond.
    const submitted = new Date(row.portal_consent_at as Date).getTime();
    const near = (iso: string | Date) => Math.abs(new Date(iso).getTime() - submitted) <= 1;
    const res = await send("POST", `/pathways/applications/${filed.id}/registry-link`, tokens.officer, {
      personId,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ applicationId: filed.id, personId, created: false });
    expect(near(res.body.consent.givenAt)).toBe(true);
    expect(res.body.consent.recordedAt).not.toBeNull();
    const rows = await consents("USA", personId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: "pathway_application", given: true });
    expect(near(rows[0]!.recorded_at)).toBe(true);
    // The registry shows who gave it.
    const person = await t.app.registry.people.getPerson(systemScope("USA", "test"), personId);
    expect(JSON.stringify(person)).toContain("the applicant on the portal");
    const events = await audit("USA");
    const on = (action: string, target: string) =>
      events.find((e) => e.action === action && e.target_id === target);
    expect(on("pathway.application.link_person", filed.id)?.details).toMatchObject({
      personId,
      via: "registry_match",
      consentRecorded: true,
    });
    expect(on("person.pathway_application.link", personId)?.details).toMatchObject({
      applicationId: filed.id,
    });
    expect(on("consent.give", personId)?.details).toMatchObject({ purpose: "pathway_application" });
  });

  it("answers 409 when the application is already linked, and keeps the first link", async () => {
    const personId = await registered("USA", uniqueName(), uniqueName());
    const other = await registered("USA", uniqueName(), uniqueName());
    const filed = await file("USA", "usa-match", `${uniqueName()} ${uniqueName()}`);
    const path = `/pathways/applications/${filed.id}/registry-link`;
    expect((await send("POST", path, tokens.officer, { personId })).status).toBe(200);
    const again = await send("POST", path, tokens.officer, { personId: other });
    expect(again.status).toBe(409);
    const registerToo = await send(
      "POST",
      `/pathways/applications/${filed.id}/registry-person`,
      tokens.officer,
      {},
    );
    expect(registerToo.status).toBe(409);
    const view = await send("GET", `/pathways/applications/${filed.id}/registry`, tokens.officer);
    expect(view.body.personId).toBe(personId);
    expect(await consents("USA", other)).toHaveLength(0);
  });

  it("answers 404 naming personId for another nation's person, and 400 for an id that is no id", async () => {
    const colPerson = await registered("COL", uniqueName(), uniqueName());
    const filed = await file("USA", "usa-match", `${uniqueName()} ${uniqueName()}`);
    const path = `/pathways/applications/${filed.id}/registry-link`;
    const res = await send("POST", path, tokens.officer, { personId: colPerson });
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/personId/);
    const bad = await send("POST", path, tokens.officer, { personId: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/personId/);
    const view = await send("GET", `/pathways/applications/${filed.id}/registry`, tokens.officer);
    expect(view.body.personId).toBeNull();
  });

  it("answers 404 naming id for another nation's application", async () => {
    const personId = await registered("USA", uniqueName(), uniqueName());
    const filed = await file("COL", "col-match", `${uniqueName()} ${uniqueName()}`);
    const res = await send("POST", `/pathways/applications/${filed.id}/registry-link`, tokens.officer, {
      personId,
    });
    expect(res.status).toBe(404);
    expect(res.text).toMatch(/\bid\b/);
  });

  it("records no consent for an application that did not come through the portal's consent step", async () => {
    const personId = await registered("USA", uniqueName(), uniqueName());
    const filed = await file("USA", "usa-match", `${uniqueName()} ${uniqueName()}`);
    await t.database.asOwner((tx) =>
      tx
        .updateTable("pathway_applications")
        .set({ portal_consent_at: null })
        .where("id", "=", filed.id)
        .execute(),
    );
    const res = await send("POST", `/pathways/applications/${filed.id}/registry-link`, tokens.officer, {
      personId,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.consent).toEqual({ givenAt: null, recordedAt: null });
    expect(await consents("USA", personId)).toHaveLength(0);
    const view = await send("GET", `/pathways/applications/${filed.id}/registry`, tokens.officer);
    expect(view.body.consent).toEqual({ givenAt: null, recordedAt: null });
  });

  it("shields the person when the application is to a resettlement pathway", async () => {
    const personId = await registered("USA", uniqueName(), uniqueName());
    const filed = await file("USA", "usa-resettle-match", `${uniqueName()} ${uniqueName()}`);
    const res = await send("POST", `/pathways/applications/${filed.id}/registry-link`, tokens.officer, {
      personId,
    });
    expect(res.status, res.text).toBe(200);
    const record = await send("GET", `/registry/people/${personId}`, tokens.caseworker);
    expect(record.body.protection).toEqual({ status: "asylum_seeker", from: ["VEN"] });
  });
});

describe("registering the applicant as a new person", () => {
  it("creates the person from the application's data, links them and records the consent", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const filed = await file("USA", "usa-match", `${given} ${surname}`, "1979-11-02");
    const res = await send("POST", `/pathways/applications/${filed.id}/registry-person`, tokens.officer, {});
    expect(res.status, res.text).toBe(201);
    expect(res.body.created).toBe(true);
    const personId = res.body.personId as string;
    const person = await t.app.registry.people.getPerson(systemScope("USA", "test"), personId);
    expect(person).toMatchObject({
      givenNames: [given],
      surnames: [surname],
      birthDate: "1979-11-02",
      nationalities: ["VEN"],
    });
    expect(await consents("USA", personId)).toHaveLength(1);
    const events = await audit("USA");
    expect(events.some((e) => e.action === "person.create" && e.target_id === personId)).toBe(true);
    expect(
      events.find((e) => e.action === "pathway.application.link_person" && e.target_id === filed.id)?.details,
    ).toMatchObject({ personId, via: "registry_new" });
  });

  it("takes the officer's corrections to the names", async () => {
    const filed = await file("USA", "usa-match", "Ana María Pérez");
    const surnames = [uniqueName(), uniqueName()];
    const res = await send("POST", `/pathways/applications/${filed.id}/registry-person`, tokens.officer, {
      givenNames: ["Ana María"],
      surnames,
    });
    expect(res.status, res.text).toBe(201);
    const person = await t.app.registry.people.getPerson(systemScope("USA", "test"), res.body.personId);
    expect(person.givenNames).toEqual(["Ana María"]);
    expect(person.surnames).toEqual(surnames);
  });

  it("refuses a match without a reason (409, nothing stored), and takes it with one", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const existing = await registered("USA", given, surname);
    const filed = await file("USA", "usa-match", `${given} ${surname}`);
    const path = `/pathways/applications/${filed.id}/registry-person`;
    const refused = await send("POST", path, tokens.officer, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(existing);
    const view = await send("GET", `/pathways/applications/${filed.id}/registry`, tokens.officer);
    expect(view.body.personId).toBeNull();
    const taken = await send("POST", path, tokens.officer, {
      overrideReason: "a different person, same name",
    });
    expect(taken.status, taken.text).toBe(201);
    expect(taken.body.personId).not.toBe(existing);
  });

  it("refuses an applicant with no name (400 naming givenNames) and rolls back", async () => {
    const filed = await t.app.pathways.portal.apply(
      { lang: "es", nation: "USA", pathwayId: "usa-match", answers: { nationality: "VEN" } },
      null,
    );
    const res = await send("POST", `/pathways/applications/${filed.id}/registry-person`, tokens.officer, {});
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/givenNames/);
    const view = await send("GET", `/pathways/applications/${filed.id}/registry`, tokens.officer);
    expect(view.body.personId).toBeNull();
  });

  it("refuses hostile names (400 naming the field)", async () => {
    const filed = await file("USA", "usa-match", `${uniqueName()} ${uniqueName()}`);
    const path = `/pathways/applications/${filed.id}/registry-person`;
    const nul = await send("POST", path, tokens.officer, { givenNames: ["a\u0000b"] });
    expect(nul.status).toBe(400);
    const long = await send("POST", path, tokens.officer, { surnames: ["x".repeat(201)] });
    expect(long.status).toBe(400);
    expect(long.text).toMatch(/surnames/);
  });
});

describe("the application's registry view", () => {
  it("shows the linked person as a household of one, with the name only for a reader of people", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const filed = await file("USA", "usa-match", `${given} ${surname}`);
    const made = await send("POST", `/pathways/applications/${filed.id}/registry-person`, tokens.officer, {});
    const personId = made.body.personId as string;
    const res = await send("GET", `/pathways/applications/${filed.id}/registry`, tokens.officer);
    expect(res.status, res.text).toBe(200);
    expect(res.body.household).toEqual({
      id: null,
      principalId: personId,
      members: [{ personId, relationship: "principal", specificNeeds: [], name: `${given} ${surname}` }],
    });
    const noPeople = { ...systemScope("USA", "test"), permissions: new Set(["application.read"] as const) };
    const view = await t.app.pathways.registryLink.view(noPeople as never, filed.id);
    expect(view.household?.members[0]?.name).toBeNull();
    const events = await audit("USA");
    expect(
      events.some((e) => e.action === "pathway.application.registry_read" && e.target_id === filed.id),
    ).toBe(true);
  });
});

describe("the application's household", () => {
  it("lists the members with relationship and specific needs, names only for a reader of people", async () => {
    const given = uniqueName();
    const surname = uniqueName();
    const scope = systemScope("USA", "test");
    const principal = await registered("USA", given, surname);
    const child = await registerPerson(
      t.app,
      "USA",
      personInput({ givenNames: [uniqueName()], surnames: [surname], vulnerabilities: ["separated_child"] }),
    );
    const { id: householdId } = await t.app.registry.households.create(scope, principal);
    await t.app.registry.households.addMember(scope, householdId, { personId: child, relationship: "child" });
    const filed = await file("USA", "usa-match", `${given} ${surname}`);
    const linked = await send("POST", `/pathways/applications/${filed.id}/registry-link`, tokens.officer, {
      personId: principal,
    });
    expect(linked.status, linked.text).toBe(200);
    const res = await send("GET", `/pathways/applications/${filed.id}/registry`, tokens.officer);
    expect(res.status, res.text).toBe(200);
    expect(res.body.household.id).toBe(householdId);
    expect(res.body.household.principalId).toBe(principal);
    const members = res.body.household.members as { personId: string; relationship: string }[];
    expect(members).toContainEqual(
      expect.objectContaining({
        personId: principal,
        relationship: "principal",
        name: `${given} ${surname}`,
      }),
    );
    expect(members).toContainEqual(
      expect.objectContaining({ personId: child, relationship: "child", specificNeeds: ["separated_child"] }),
    );
    const noPeople = { ...scope, permissions: new Set(["application.read"] as const) };
    const view = await t.app.pathways.registryLink.view(noPeople as never, filed.id);
    expect(view.household?.members.map((m) => m.name)).toEqual([null, null]);
    expect(view.household?.members.map((m) => m.personId).sort()).toEqual([principal, child].sort());
  });
});

interface Fixture {
  appId: string;
  otherAppId: string;
  personId: string;
}
describeRoleMatrix<Fixture>(
  "pathways registry link",
  () => t,
  async (tt, nation) => {
    const n = nation === "REG" ? "USA" : nation;
    const filed = await file(n, "usa-match", `${uniqueName()} ${uniqueName()}`);
    const other = await file("COL", "col-match", `${uniqueName()} ${uniqueName()}`);
    const personId = await registerPerson(tt.app, n, personInput());
    return { appId: filed.id, otherAppId: other.id, personId };
  },
  [
    {
      name: "GET /pathways/applications/:id/registry-candidates",
      method: "GET",
      path: (fx) => `/api/v1/pathways/applications/${fx.appId}/registry-candidates`,
      otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/registry-candidates`,
      permission: "application.decide",
      ok: 200,
    },
    {
      name: "POST /pathways/applications/:id/registry-link",
      method: "POST",
      path: (fx) => `/api/v1/pathways/applications/${fx.appId}/registry-link`,
      otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/registry-link`,
      body: (fx) => ({ personId: fx.personId }),
      permission: "application.decide",
      ok: 200,
    },
    {
      name: "POST /pathways/applications/:id/registry-person",
      method: "POST",
      path: (fx) => `/api/v1/pathways/applications/${fx.appId}/registry-person`,
      otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/registry-person`,
      body: () => ({}),
      permission: "application.decide",
      ok: 201,
    },
    {
      name: "GET /pathways/applications/:id/registry",
      method: "GET",
      path: (fx) => `/api/v1/pathways/applications/${fx.appId}/registry`,
      otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/registry`,
      permission: "application.read",
      ok: 200,
    },
  ],
);
