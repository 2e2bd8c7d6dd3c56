import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { personInput, registerPerson } from "../registry/registry.test-support.ts";
import { referenceOf } from "../shared/reference-code.ts";
import { prepareBorderTenants, venezuelanWhoLivedInColombia } from "./border.test-support.ts";

// Border → registry: an encounter links to a registry person by reference (no copy of who they are), and a
// family met together is held together while a safeguard of any member is open.

let t: TestApp;
const tokens = { officer: "", analyst: "", admin: "" };
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  tokens.officer = (await userWithToken(t, "USA", ["border_officer"])).token;
  tokens.analyst = (await userWithToken(t, "USA", ["analyst"])).token;
  tokens.admin = (await userWithToken(t, "USA", ["nation_admin"])).token;
});
afterAll(async () => {
  await t.close();
});

const officer = (nation: string) => systemScope(nation, "test", ["border_officer"]);
const unnamed = {
  ...venezuelanWhoLivedInColombia,
  givenNames: undefined,
  familyNames: undefined,
  birthDate: undefined,
  documents: [],
};

// biome-ignore lint/suspicious/noExplicitAny: answers are read as JSON, checked by the assertions
type Body = any;

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, Body> };
}

/** The stored row of an encounter, as the database holds it. */
function storedRow(nation: string, id: string) {
  return inScope(t.app.platform.database.db, systemScope(nation, "test"), (tx) =>
    tx.selectFrom("border_encounters").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
  );
}

interface Fixture {
  encounterId: string;
  secondEncounterId: string;
  otherEncounterId: string;
  personId: string;
  otherPersonId: string;
}

/** Two encounters and a registered person in the caller's nation; an encounter and a person in another. */
async function fixture(app: TestApp, nation: string): Promise<Fixture> {
  const other = nation === "MEX" ? "GTM" : "MEX";
  const own = await app.app.border.recordEncounter(officer(nation), venezuelanWhoLivedInColombia);
  const second = await app.app.border.recordEncounter(officer(nation), venezuelanWhoLivedInColombia);
  const foreign = await app.app.border.recordEncounter(officer(other), venezuelanWhoLivedInColombia);
  return {
    encounterId: own.id,
    secondEncounterId: second.id,
    otherEncounterId: foreign.id,
    personId: nation === "REG" ? "" : await registerPerson(app.app, nation),
    otherPersonId: await registerPerson(app.app, other),
  };
}

describeRoleMatrix("border links", () => t, fixture, [
  {
    name: "POST /border/person-matches",
    method: "POST",
    path: () => "/api/v1/border/person-matches",
    body: () => personInput(),
    permission: "border.record",
    ok: 200,
  },
  {
    name: "POST /border/encounters/:id/person",
    method: "POST",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}/person`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}/person`,
    body: (fx) => ({ personId: fx.personId || fx.otherPersonId }),
    permission: "border.record",
    ok: 201,
  },
  {
    name: "GET /border/encounters/:id/family",
    method: "GET",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}/family`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}/family`,
    permission: "border.read",
    ok: 200,
  },
  {
    name: "POST /border/encounters/:id/family",
    method: "POST",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}/family`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}/family`,
    body: (fx) => ({ encounterId: fx.secondEncounterId }),
    permission: "border.record",
    ok: 201,
  },
]);

describe("an encounter linked to a registry person", () => {
  it("is found by the registry's duplicate check, with the reasons of the match", async () => {
    const person = personInput({ nationalities: ["VEN"] });
    const id = await registerPerson(t.app, "USA", person);
    const found = await send("POST", "/border/person-matches", tokens.officer, person);
    expect(found.status, found.text).toBe(200);
    const hit = (found.body.candidates as Body[]).find((c) => c.id === id);
    expect(hit.visible).toBe(true);
    expect(hit.name).toContain(person.givenNames[0]);
    expect(hit.reasons.length).toBeGreaterThan(0);
    // Mexico's registry is not searched from the United States.
    const mexId = await registerPerson(t.app, "MEX", person);
    expect((found.body.candidates as Body[]).some((c) => c.id === mexId)).toBe(false);
  });

  it("stores no names, birth date or documents of its own, even when they are sent", async () => {
    const personId = await registerPerson(t.app, "USA", personInput({ givenNames: ["Lucía"] }));
    const recorded = await send("POST", "/border/encounters", tokens.officer, {
      ...venezuelanWhoLivedInColombia,
      personId,
    });
    expect(recorded.status, recorded.text).toBe(201);
    const row = await storedRow("USA", recorded.body.id);
    expect(row.person_id).toBe(personId);
    expect([row.given_names_enc, row.family_names_enc, row.birth_date_enc, row.documents_enc]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(recorded.body.givenNames).toBeNull();
    expect(recorded.body.person).toMatchObject({ id: personId, visible: true });
    expect(recorded.body.person.name).toContain("Lucía");
  });

  it("shows the person's name from the registry only to a reader with person.read", async () => {
    const personId = await registerPerson(t.app, "USA", personInput({ givenNames: ["Ramona"] }));
    const encounter = await t.app.border.recordEncounter(officer("USA"), { ...unnamed, personId });
    const asOfficer = await send("GET", `/border/encounters/${encounter.id}`, tokens.officer);
    expect(asOfficer.body.person.name).toContain("Ramona");
    const asAnalyst = await send("GET", `/border/encounters/${encounter.id}`, tokens.analyst);
    expect(asAnalyst.status, asAnalyst.text).toBe(200);
    expect(asAnalyst.body.person).toEqual({ id: personId, visible: false, name: null, birthDate: null });
    expect(asAnalyst.text).not.toContain("Ramona");
  });

  it("links afterwards: the encounter's own copy is dropped, not moved, and the link is audited", async () => {
    const encounter = await t.app.border.recordEncounter(officer("USA"), venezuelanWhoLivedInColombia);
    expect((await storedRow("USA", encounter.id)).given_names_enc).not.toBeNull();
    const personId = await registerPerson(t.app, "USA");
    const linked = await send("POST", `/border/encounters/${encounter.id}/person`, tokens.officer, {
      personId,
    });
    expect(linked.status, linked.text).toBe(201);
    const row = await storedRow("USA", encounter.id);
    expect(row.person_id).toBe(personId);
    expect([row.given_names_enc, row.family_names_enc, row.birth_date_enc, row.documents_enc]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const events = await inScope(t.app.platform.database.db, systemScope("USA", "test"), (tx) =>
      tx
        .selectFrom("audit_events")
        .selectAll()
        .where("action", "=", "border.encounter.link_person")
        .where("target_id", "=", encounter.id)
        .execute(),
    );
    expect(events).toHaveLength(1);
    const again = await send("POST", `/border/encounters/${encounter.id}/person`, tokens.officer, {
      personId,
    });
    expect(again.status).toBe(409);
  });

  it("refuses another nation's person (404 naming personId) and a malformed one (400 naming personId)", async () => {
    const encounter = await t.app.border.recordEncounter(officer("USA"), unnamed);
    const mexican = await registerPerson(t.app, "MEX");
    const foreign = await send("POST", `/border/encounters/${encounter.id}/person`, tokens.officer, {
      personId: mexican,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.details.field).toBe("personId");
    const bad = await send("POST", `/border/encounters/${encounter.id}/person`, tokens.officer, {
      personId: "not-a-uuid",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("personId");
    const hostile = await send("POST", `/border/encounters/${encounter.id}/person`, tokens.officer, {
      personId: "\u0000",
    });
    expect(hostile.status).toBe(400);
    expect((await storedRow("USA", encounter.id)).person_id).toBeNull();
  });
});

/** A Venezuelan whose Colombian residence is verified: the return to Colombia is open on her own record. */
async function verifiedForColombia(extra: Record<string, unknown> = {}) {
  const encounter = await t.app.border.recordEncounter(officer("USA"), {
    ...venezuelanWhoLivedInColombia,
    ...extra,
  });
  await t.app.border.requestVerification(officer("USA"), encounter.id, "COL");
  return encounter.id;
}

const returnToColombia = (assessment: Body) =>
  (assessment.assessment.dispositions as Body[]).find(
    (d) => d.code === "third_country_return" && d.to === "COL",
  );

describe("a family at the border", () => {
  it("is held together: a fear claim of one member holds the other's return until it is closed", async () => {
    const mother = await verifiedForColombia();
    const before = await send("GET", `/border/encounters/${mother}/assessment`, tokens.officer);
    expect(returnToColombia(before.body).eligible).toBe(true);

    const child = await send("POST", "/border/encounters", tokens.officer, {
      ...unnamed,
      demographic: "family_unit",
      fearClaim: true,
      familyOf: mother,
    });
    expect(child.status, child.text).toBe(201);
    expect(child.body.familyGroupId).toBeTruthy();

    const held = await send("GET", `/border/encounters/${mother}/assessment`, tokens.officer);
    const option = returnToColombia(held.body);
    expect(option.eligible).toBe(false);
    expect(option.reasons).toContain(
      `held: a fear claim is open for another member of this family group (encounter ${referenceOf("encounter", child.body.id)})`,
    );
    expect(held.body.assessment.familyHolds).toEqual([
      expect.objectContaining({ encounterId: child.body.id, code: "fear_claim" }),
    ]);
    const refused = await send("POST", `/border/encounters/${mother}/decisions`, tokens.officer, {
      disposition: "third_country_return",
      to: "COL",
      reason: "lived in Colombia, verified",
    });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.message).toContain(
      "a fear claim is open for another member of this family group",
    );

    const family = await send("GET", `/border/encounters/${mother}/family`, tokens.officer);
    expect(family.body.groupId).toBe(child.body.familyGroupId);
    expect(family.body.members).toEqual([
      expect.objectContaining({ encounterId: mother, openSafeguards: [] }),
      expect.objectContaining({ encounterId: child.body.id, openSafeguards: ["fear_claim"] }),
    ]);
    expect(JSON.stringify(family.body)).not.toContain("María");

    const closed = await send(
      "POST",
      `/border/encounters/${child.body.id}/safeguards/fear_claim/closure`,
      tokens.admin,
      {
        reason: "protection screening concluded: no fear established",
        evidenceKind: "referral to a protection screening and its outcome",
        evidenceReference: "CF-2022-0077",
      },
    );
    expect(closed.status, closed.text).toBe(201);
    const decided = await send("POST", `/border/encounters/${mother}/decisions`, tokens.officer, {
      disposition: "third_country_return",
      to: "COL",
      reason: "lived in Colombia, verified",
    });
    expect(decided.status, decided.text).toBe(201);
  });

  it("groups afterwards (audited), and the other members are held from then on", async () => {
    const father = await verifiedForColombia();
    const son = await t.app.border.recordEncounter(officer("USA"), { ...unnamed, medicalEmergency: true });
    expect(
      returnToColombia((await send("GET", `/border/encounters/${father}/assessment`, tokens.officer)).body)
        .eligible,
    ).toBe(true);
    const grouped = await send("POST", `/border/encounters/${father}/family`, tokens.officer, {
      encounterId: son.id,
    });
    expect(grouped.status, grouped.text).toBe(201);
    expect(grouped.body.members).toHaveLength(2);
    const option = returnToColombia(
      (await send("GET", `/border/encounters/${father}/assessment`, tokens.officer)).body,
    );
    expect(option.eligible).toBe(false);
    expect(option.reasons).toContain(
      `held: a medical safeguard is open for another member of this family group (encounter ${referenceOf("encounter", son.id)})`,
    );
    const twice = await send("POST", `/border/encounters/${son.id}/family`, tokens.officer, {
      encounterId: father,
    });
    expect(twice.status).toBe(409);
  });

  it("refuses the approval of a return decided before another member's fear claim was recorded", async () => {
    const sister = await verifiedForColombia();
    const decided = await send("POST", `/border/encounters/${sister}/decisions`, tokens.officer, {
      disposition: "third_country_return",
      to: "COL",
      reason: "lived in Colombia, verified",
    });
    expect(decided.status, decided.text).toBe(201);
    expect(decided.body.status).toBe("awaiting_approval");
    const brother = await t.app.border.recordEncounter(officer("USA"), { ...unnamed, fearClaim: true });
    const grouped = await send("POST", `/border/encounters/${brother.id}/family`, tokens.officer, {
      encounterId: sister,
    });
    expect(grouped.status, grouped.text).toBe(201);
    const approval = await send("POST", `/border/decisions/${decided.body.id}/approval`, tokens.admin, {
      approve: true,
      reason: "verification checked",
    });
    expect(approval.status, approval.text).toBe(409);
    expect(approval.body.error.message).toContain(`(encounter ${referenceOf("encounter", brother.id)})`);
  });

  it("refuses an encounter dated before 1990 or in the future, naming the date, and records nothing", async () => {
    const before = await send("GET", "/border/encounters?limit=200", tokens.officer);
    expect(before.status, before.text).toBe(200);
    for (const date of ["1989-12-31", "2999-01-01", "2999-01-01T10:00:00-04:00"]) {
      const res = await send("POST", "/border/encounters", tokens.officer, {
        ...venezuelanWhoLivedInColombia,
        date,
      });
      expect(res.status, res.text).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain("date");
    }
    const after = await send("GET", "/border/encounters?limit=200", tokens.officer);
    expect(after.text).toBe(before.text);
    const ok = await send("POST", "/border/encounters", tokens.officer, {
      ...venezuelanWhoLivedInColombia,
      date: "1990-01-01",
    });
    expect(ok.status, ok.text).toBe(201);
  });

  it("refuses a malformed or hostile member id, naming encounterId", async () => {
    const own = await t.app.border.recordEncounter(officer("USA"), unnamed);
    for (const encounterId of ["not-a-uuid", "\u0000", "x".repeat(5000)]) {
      const res = await send("POST", `/border/encounters/${own.id}/family`, tokens.officer, { encounterId });
      expect(res.status).toBe(400);
      expect(res.text).toContain("encounterId");
    }
    const extra = await send("POST", `/border/encounters/${own.id}/family`, tokens.officer, {
      encounterId: own.id,
      group: "x",
    });
    expect(extra.status).toBe(400);
  });

  it("does not hold the decisions that keep the person in the country", async () => {
    const aunt = await verifiedForColombia();
    await t.app.border.recordEncounter(officer("USA"), { ...unnamed, fearClaim: true, familyOf: aunt });
    const decided = await send("POST", `/border/encounters/${aunt}/decisions`, tokens.officer, {
      disposition: "title8_processing",
      reason: "processed with her family",
    });
    expect(decided.status, decided.text).toBe(201);
  });

  it("refuses another nation's encounter as a member (404 naming encounterId / familyOf)", async () => {
    const own = await t.app.border.recordEncounter(officer("USA"), unnamed);
    const mexican = await t.app.border.recordEncounter(officer("MEX"), unnamed);
    const linked = await send("POST", `/border/encounters/${own.id}/family`, tokens.officer, {
      encounterId: mexican.id,
    });
    expect(linked.status).toBe(404);
    expect(linked.body.error.details.field).toBe("encounterId");
    const recorded = await send("POST", "/border/encounters", tokens.officer, {
      ...unnamed,
      familyOf: mexican.id,
    });
    expect(recorded.status).toBe(404);
    expect(recorded.body.error.details.field).toBe("familyOf");
    const self = await send("POST", `/border/encounters/${own.id}/family`, tokens.officer, {
      encounterId: own.id,
    });
    expect(self.status).toBe(400);
  });
});
