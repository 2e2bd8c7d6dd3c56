import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { giveConsent, personInput, registerPerson, uniqueName } from "../registry/registry.test-support.ts";
import { eraseApplication } from "./application-erasure.service.ts";
import { findApplication } from "./applications.store.ts";
import { simplePathway } from "./pathways.test-support.ts";
import { SKIP_REASONS } from "./placement-cases.service.ts";

// Approved resettlement applications become a placement run (one case per registry household, needs from the
// registry, places the pathway allows), the result is recorded on each application, and the household's arrival
// is recorded where it was placed: by the placing nation, or by the receiving nation after a consented move that
// registers the household in its registry. Pledges count persons arrived.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
const tokens = { officer: "", canOfficer: "", caseworker: "", colOfficer: "" };
const PATHWAY = "usa-resettle-test";
const year = new Date().getUTCFullYear();
const today = new Date().toISOString().slice(0, 10);

async function send(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, {
    ...(token && { token }),
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in the assertions
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, any> };
}

/** A resettlement pathway of `nation` whose households may also go to `destinations`. */
async function publishResettlement(nation: string, id: string, destinations: string[]) {
  const scope = systemScope(nation, "test");
  await t.app.pathways.catalog.save(
    scope,
    id,
    { ...simplePathway(nation, id), type: "resettlement", destinations },
    "2020-01-01",
  );
  await t.app.pathways.catalog.publish(scope, id, true);
}

/** A person registered in `nation`, Venezuelan, with these needs. */
function person(nation: string, vulnerabilities: string[] = []) {
  return registerPerson(
    t.app,
    nation,
    personInput({
      givenNames: [uniqueName()],
      surnames: [uniqueName()],
      birthDate: "1990-05-01",
      nationalities: ["VEN"],
      vulnerabilities,
    } as Parameters<typeof personInput>[0]),
    { overrideReason: "test person" },
  );
}

/** A household of a principal and members (relationship, needs) registered in `nation`. */
async function household(nation: string, members: { relationship: "spouse" | "child"; needs?: string[] }[]) {
  const scope = systemScope(nation, "test");
  const principalId = await person(nation);
  const { id } = await t.app.registry.households.create(scope, principalId);
  const ids = [principalId];
  for (const m of members) {
    const memberId = await person(nation, m.needs ?? []);
    await t.app.registry.households.addMember(scope, id, {
      personId: memberId,
      relationship: m.relationship,
    });
    ids.push(memberId);
  }
  return { householdId: id, ids };
}

const officers = new Map<string, string>();
/** A pathway officer's token in `nation` (made once). */
async function officerOf(nation: string): Promise<string> {
  if (!officers.has(nation))
    officers.set(nation, (await userWithToken(t, nation, ["pathway_officer"])).token);
  return officers.get(nation)!;
}

/** An application filed on the portal, approved, and (when `personId` is given) linked to that person. */
async function approved(nation: string, pathwayId: string, personId: string | null) {
  const scope = systemScope(nation, "test");
  const filed = await t.app.pathways.portal.apply(
    { lang: "es", nation, pathwayId, answers: { nationality: "VEN" }, fullName: "Ana Pérez" },
    null,
  );
  if (personId) {
    const linked = await send(
      "POST",
      `/pathways/applications/${filed.id}/registry-link`,
      await officerOf(nation),
      {
        personId,
      },
    );
    expect(linked.status, linked.text).toBe(200);
  }
  await t.app.pathways.workflow.changeStage(scope, filed.id, {
    stage: "decided",
    decision: "approved",
    reason: "meets the resettlement criteria",
  });
  return filed.id;
}

const PLACES = [
  "place_id,nation,capacity_persons,locality,services,languages",
  "usa-hou,USA,6,Houston,serious_medical_condition;disability,en;es",
  "can-tor,CAN,4,Toronto,,en;fr",
].join("\n");

const run = (token: string, body: Record<string, unknown> = {}) =>
  send("POST", "/placement/runs", token, { source: "applications", places: PLACES, ...body });

const application = async (id: string, token = tokens.officer) =>
  (await send("GET", `/pathways/applications/${id}`, token)).body;

beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("placement runs from approved applications, and arrivals", () => {
  const fx = {
    medical: { householdId: "", ids: [] as string[], app: "" },
    couple: { householdId: "", ids: [] as string[], apps: [] as string[] },
    single: { id: "", app: "" },
    unlinked: "",
    runId: "",
  };

  beforeAll(async () => {
    tokens.officer = (await userWithToken(t, "USA", ["pathway_officer"])).token;
    tokens.canOfficer = (await userWithToken(t, "CAN", ["pathway_officer"])).token;
    tokens.caseworker = (await userWithToken(t, "USA", ["caseworker"])).token;
    tokens.colOfficer = (await userWithToken(t, "COL", ["pathway_officer"])).token;
    await publishResettlement("USA", PATHWAY, ["CAN"]);
    await publishResettlement("USA", "usa-resettle-home", []);
    const medical = await household("USA", [{ relationship: "child", needs: ["serious_medical_condition"] }]);
    fx.medical = { ...medical, app: await approved("USA", PATHWAY, medical.ids[0]!) };
    const couple = await household("USA", [{ relationship: "spouse" }]);
    fx.couple = {
      ...couple,
      apps: [await approved("USA", PATHWAY, couple.ids[0]!), await approved("USA", PATHWAY, couple.ids[1]!)],
    };
    const single = await person("USA");
    fx.single = { id: single, app: await approved("USA", PATHWAY, single) };
    fx.unlinked = await approved("USA", PATHWAY, null);
  }, 120_000);

  it("builds one case per household, with the registry's size and needs, and says what it left out", async () => {
    const res = await run(tokens.officer, { pathways: [PATHWAY], label: "Q4 resettlement" });
    expect(res.status, res.text).toBe(201);
    fx.runId = res.body.run.id;
    expect(res.body.run.source).toBe("applications");
    expect(res.body.fromApplications).toMatchObject({ households: 3, applications: 4, pathways: [PATHWAY] });
    expect(res.body.fromApplications.skipped).toEqual([
      expect.objectContaining({ applicationId: fx.unlinked, reason: SKIP_REASONS.unlinked }),
    ]);
    const page = await send("GET", `/placement/runs/${fx.runId}/assignments`, tokens.officer);
    const sizes = Object.fromEntries(
      page.body.rows.map((r: { caseId: string; size: number }) => [r.caseId, r.size]),
    );
    expect(Object.values(sizes).sort()).toEqual([1, 2, 2]);
    // The household with a serious medical condition goes only where that need is served.
    const medical = await application(fx.medical.app);
    expect(medical.placement).toMatchObject({
      runId: fx.runId,
      placeId: "usa-hou",
      nation: "USA",
      locality: "Houston",
    });
    const explained = await send(
      "GET",
      `/placement/runs/${fx.runId}/cases/${medical.placement.caseId}`,
      tokens.officer,
    );
    expect(explained.body.needs).toEqual(["serious_medical_condition"]);
    // Both applications of the couple carry the one case's result.
    const [first, second] = await Promise.all(fx.couple.apps.map((id) => application(id)));
    expect(first?.placement.caseId).toBe(second?.placement.caseId);
    expect(first?.placement.placeId).toBe(second?.placement.placeId);
    expect((await application(fx.unlinked)).placement).toBeNull();
  });

  it("refuses a pathway that is not the nation's or not resettlement, and an empty batch", async () => {
    const other = await run(tokens.officer, { pathways: ["col-nothing"] });
    expect(other.status).toBe(404);
    expect(other.body.error.message).toContain("pathways");
    await t.app.pathways.catalog.save(
      systemScope("USA", "test"),
      "usa-parole-x",
      simplePathway("USA", "usa-parole-x"),
      "2020-01-01",
    );
    const parole = await run(tokens.officer, { pathways: ["usa-parole-x"] });
    expect(parole.status).toBe(400);
    expect(parole.body.error.message).toContain("not a resettlement pathway");
    // Everything linked is placed now: a second run has nothing to take and says what it left out.
    const again = await run(tokens.officer, { pathways: [PATHWAY] });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain(SKIP_REASONS.placed);
  });

  it("records an override on the case's applications", async () => {
    const single = await application(fx.single.app);
    const target = single.placement.placeId === "can-tor" ? "usa-hou" : "can-tor";
    const moved = await send(
      "POST",
      `/placement/runs/${fx.runId}/cases/${single.placement.caseId}/override`,
      tokens.officer,
      { placeId: target, reason: "relatives nearby, agreed with the family" },
    );
    expect(moved.status, moved.text).toBe(200);
    expect((await application(fx.single.app)).placement).toMatchObject({
      placeId: target,
      reason: "override",
    });
    if (target !== "can-tor") {
      const back = await send(
        "POST",
        `/placement/runs/${fx.runId}/cases/${single.placement.caseId}/override`,
        tokens.officer,
        { placeId: "can-tor", reason: "receiving nation confirmed the place" },
      );
      expect(back.status, back.text).toBe(200);
    }
    expect((await application(fx.single.app)).placement.nation).toBe("CAN");
  });

  it("records an arrival in the placing nation, once, on a day that can be true", async () => {
    const path = `/pathways/applications/${fx.medical.app}/arrival`;
    const future = await send("POST", path, tokens.officer, { arrivedOn: "2999-01-01" });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toContain("arrivedOn");
    const early = await send("POST", path, tokens.officer, { arrivedOn: "2001-01-01" });
    expect(early.status).toBe(400);
    const done = await send("POST", path, tokens.officer, { arrivedOn: today });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ arrivedOn: today, nation: "USA" });
    expect((await send("POST", path, tokens.officer, { arrivedOn: today })).status).toBe(409);
    // A household placed in another nation is recorded there, not here.
    const elsewhere = await send("POST", `/pathways/applications/${fx.single.app}/arrival`, tokens.officer, {
      arrivedOn: today,
    });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.message).toContain("CAN");
  });

  it("moves a household to the receiving nation with consent; the receiving registry registers it on arrival", async () => {
    const path = `/pathways/applications/${fx.single.app}/arrival-transfer`;
    const body = { consentText: "The applicant agreed to share her record with Canada for her arrival." };
    const noConsent = await send("POST", path, tokens.officer, body);
    expect(noConsent.status).toBe(409);
    expect(noConsent.body.error.message).toContain("consent");
    await giveConsent(t.app, "USA", fx.single.id);
    const moved = await send("POST", path, tokens.officer, body);
    expect(moved.status, moved.text).toBe(201);
    expect(moved.body).toMatchObject({
      direction: "outgoing",
      toNation: "CAN",
      persons: 1,
      status: "expected",
    });
    expect((await send("POST", path, tokens.officer, body)).status).toBe(409);
    expect((await application(fx.single.app)).placement).toMatchObject({ movedTo: "CAN", arrivedOn: null });

    const incoming = await send("GET", "/pathways/arrivals?direction=incoming", tokens.canOfficer);
    const expected = incoming.body.arrivals.find((a: { id: string }) => a.id === moved.body.id);
    expect(expected).toMatchObject({ fromNation: "USA", locality: "Toronto", status: "expected" });
    expect(JSON.stringify(incoming.body)).not.toContain("Ana");
    // Another nation neither sees nor records it.
    const col = await send("POST", `/pathways/arrivals/${moved.body.id}/arrived`, tokens.colOfficer, {
      arrivedOn: today,
    });
    expect(col.status).toBe(404);
    expect(
      (await send("GET", "/pathways/arrivals?direction=incoming", tokens.colOfficer)).body.arrivals.some(
        (a: { id: string }) => a.id === moved.body.id,
      ),
    ).toBe(false);

    const arrived = await send("POST", `/pathways/arrivals/${moved.body.id}/arrived`, tokens.canOfficer, {
      arrivedOn: today,
    });
    expect(arrived.status, arrived.text).toBe(200);
    expect(arrived.body).toMatchObject({ status: "arrived", arrivedOn: today });
    expect(arrived.body.householdId).toMatch(/^[0-9a-f-]{36}$/);
    const household = await t.app.registry.households.get(
      systemScope("CAN", "test"),
      arrived.body.householdId,
    );
    expect(household.members).toHaveLength(1);
    expect(household.members[0]?.relationship).toBe("principal");
    expect((await application(fx.single.app)).placement.arrivedOn).toBe(today);
    expect(
      (
        await send("POST", `/pathways/arrivals/${moved.body.id}/arrived`, tokens.canOfficer, {
          arrivedOn: today,
        })
      ).status,
    ).toBe(409);
  });

  it("counts persons arrived against each nation's pledge, not approvals", async () => {
    const pledges = await send("GET", `/pathways/pledges?year=${year}`, tokens.officer);
    expect(pledges.status, pledges.text).toBe(200);
    const of = (nation: string) =>
      pledges.body.nations.find((n: { nation: string }) => n.nation === nation)?.delivered ?? 0;
    expect(of("USA")).toBe(2);
  });

  it("shows the placement and the arrival in the person's timeline to placement readers only", async () => {
    const path = `/registry/people/${fx.medical.ids[0]}/timeline`;
    const officer = await send("GET", path, tokens.officer);
    expect(officer.status, officer.text).toBe(200);
    const kinds = officer.body.events.filter((e: { capability: string }) => e.capability === "placement");
    expect(kinds.map((e: { kind: string }) => e.kind)).toEqual(["placed", "arrived"]);
    const caseworker = await send("GET", path, tokens.caseworker);
    expect(caseworker.body.events.some((e: { capability: string }) => e.capability === "placement")).toBe(
      false,
    );
  });

  it("names the receiving nation when the moved household's application is erased (its copy is that nation's)", async () => {
    const scope = systemScope("USA", "test");
    const erased = await inScope(t.app.platform.database.db, scope, async (tx) => {
      const app = await findApplication(tx, scope, fx.single.app, true);
      return eraseApplication(tx, scope, t.app.platform.keyring, app!, "applicant", new Date());
    });
    expect(erased.sharedWith).toEqual(["CAN"]);
  });
});

interface MatrixFixture {
  /** An application placed in the caller's nation (own arrival). */
  home: string;
  /** An application placed in the partner nation, with consent (a move there). */
  away: string;
  /** A household moved to the caller's nation, expected. */
  incoming: string;
  /** Another nation's application and arrival ids. */
  otherApp: string;
  otherArrival: string;
}

const PARTNER: Record<string, string> = { USA: "CAN", CAN: "USA" };
const MATRIX_PATHWAY = (nation: string) => `${nation.toLowerCase()}-matrix-resettle`;
const placeCsv = (nation: string) =>
  `place_id,nation,capacity_persons,locality\n${nation.toLowerCase()}-x,${nation},100,Town\n`;
let matrixOther: { app: string; arrival: string } | undefined;

/** An approved application of a single person in `nation`, placed at a place of `placedIn` by a run. */
async function placedApplication(nation: string, placedIn: string) {
  const personId = await person(nation);
  await giveConsent(t.app, nation, personId);
  const app = await approved(nation, MATRIX_PATHWAY(nation), personId);
  const detail = await t.app.placement.createRun(systemScope(nation, "test"), {
    source: "applications",
    places: placeCsv(placedIn),
    pathways: [MATRIX_PATHWAY(nation)],
  });
  expect(detail.run.assigned, `${nation} run placed nobody in ${placedIn}`).toBeGreaterThan(0);
  return app;
}

/** A household of `from` moved to `to`, expected there; returns the arrival id. */
async function movedHousehold(from: string, to: string) {
  const app = await placedApplication(from, to);
  const moved = await t.app.pathways.arrivals.transfer(systemScope(from, "test"), app, {
    consentText: "agreed to share the record for the arrival",
  });
  return { app, arrival: moved.id };
}

async function matrixFixture(nation: string): Promise<MatrixFixture> {
  const none = "00000000-0000-4000-8000-000000000000";
  if (!PARTNER[nation]) {
    return { home: none, away: none, incoming: none, otherApp: none, otherArrival: none };
  }
  for (const n of ["USA", "CAN", "COL"]) {
    if (
      !(await t.app.pathways.catalog.list(systemScope(n, "test"))).some((p) => p.id === MATRIX_PATHWAY(n))
    ) {
      await publishResettlement(n, MATRIX_PATHWAY(n), n === "COL" ? ["MEX"] : [PARTNER[n]!]);
    }
  }
  // Another nation's records: a COL application, and an arrival between COL and MEX (its id exists in neither
  // USA nor CAN, while an arrival's id is the same on both of its sides).
  if (!matrixOther) {
    const { arrival } = await movedHousehold("COL", "MEX");
    matrixOther = { app: await placedApplication("COL", "COL"), arrival };
  }
  const other = matrixOther;
  return {
    home: await placedApplication(nation, nation),
    away: await placedApplication(nation, PARTNER[nation]!),
    incoming: (await movedHousehold(PARTNER[nation]!, nation)).arrival,
    otherApp: other.app,
    otherArrival: other.arrival,
  };
}

describeRoleMatrix<MatrixFixture>(
  "placement from applications and arrivals",
  () => t,
  (_t, nation) => matrixFixture(nation),
  [
    {
      name: "POST /pathways/applications/:id/arrival",
      method: "POST",
      path: (fx) => `/api/v1/pathways/applications/${fx.home}/arrival`,
      body: () => ({ arrivedOn: today }),
      permission: "application.decide",
      ok: 200,
      otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherApp}/arrival`,
    },
    {
      name: "POST /pathways/applications/:id/arrival-transfer",
      method: "POST",
      path: (fx) => `/api/v1/pathways/applications/${fx.away}/arrival-transfer`,
      body: () => ({ consentText: "agreed to share the record for the arrival" }),
      permission: "application.decide",
      ok: 201,
      otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherApp}/arrival-transfer`,
    },
    {
      name: "GET /pathways/arrivals",
      method: "GET",
      path: () => "/api/v1/pathways/arrivals?direction=incoming",
      permission: "application.read",
      ok: 200,
    },
    {
      name: "POST /pathways/arrivals/:id/arrived",
      method: "POST",
      path: (fx) => `/api/v1/pathways/arrivals/${fx.incoming}/arrived`,
      body: () => ({ arrivedOn: today }),
      permission: "application.decide",
      ok: 200,
      otherNationPath: (fx) => `/api/v1/pathways/arrivals/${fx.otherArrival}/arrived`,
    },
  ],
);
