import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { PersonCreate } from "../registry/registry.contract.ts";
import { ensureOffice, fileApplication, publishPathway, simplePathway } from "./pathways.test-support.ts";

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "COL", "col-target");
  await publishPathway(t.app.pathways, "MEX", "mex-other");
});
afterAll(async () => {
  await t.close();
});

interface Fixture {
  pathwayId: string;
  personId: string;
  appId: string;
  otherAppId: string;
  referralId: string;
}

interface NationFixture {
  pathwayId: string;
  personId: string;
  otherAppId: string;
}

const prepared = new Map<string, NationFixture>();

// Per nation once: a published pathway, another nation's application, and a few pending referrals to decide.
async function prepare(app: TestApp, nation: string): Promise<NationFixture> {
  const service = app.app.pathways;
  const pathwayId = `${nation.toLowerCase()}-test`;
  await publishPathway(service, nation, pathwayId);
  await ensureOffice(app.app, nation, `${nation}-01`);
  await ensureOffice(app.app, nation, `${nation}-02`);
  const person = await app.app.registry.people.createPerson(
    systemScope(nation, "test"),
    PersonCreate.parse({ givenNames: ["Test"], surnames: [`Person ${nation}`] }),
  );
  await service.workflow.setAppointmentDay(systemScope(nation, "test"), {
    officeId: `${nation}-01`,
    day: "2031-01-02",
    capacity: 1000,
  });
  const other = await fileApplication(service, "MEX", "mex-other");

  return { pathwayId, personId: person.id, otherAppId: other.id };
}

async function referTo(app: TestApp, nation: string, pathwayId: string): Promise<string> {
  const service = app.app.pathways;
  const sent = await fileApplication(service, "MEX", "mex-other");
  const referral = await service.referrals.refer(systemScope("MEX", "test", ["pathway_officer"]), sent.id, {
    toNation: nation,
    toPathway: pathwayId,
    consentText: "The applicant agrees to be referred.",
    reason: "better fit",
  });
  return referral.id;
}

async function fixture(app: TestApp, nation: string): Promise<Fixture> {
  let base = prepared.get(nation);
  if (!base) {
    base = await prepare(app, nation);
    prepared.set(nation, base);
  }
  const own = await fileApplication(app.app.pathways, nation, base.pathwayId);
  return { ...base, appId: own.id, referralId: "" };
}

const consent = {
  consent: true,
  consentText: "The applicant agrees to be referred.",
  reason: "fits better there",
};

describeRoleMatrix("pathways", () => t, fixture, [
  {
    name: "GET /pathways/catalog",
    method: "GET",
    path: () => "/api/v1/pathways/catalog",
    permission: "pathway.read",
    ok: 200,
  },
  {
    name: "GET /pathways/questionnaire",
    method: "GET",
    path: () => "/api/v1/pathways/questionnaire?lang=fr",
    permission: "application.read",
    ok: 200,
  },
  {
    name: "PUT /pathways/catalog/:id",
    method: "PUT",
    path: (fx) => `/api/v1/pathways/catalog/${fx.pathwayId}`,
    body: () => ({
      definition: { rules: [{ kind: "nationality", in: ["VEN", "HTI"] }], capacity: { places: 5 } },
      effectiveFrom: "2024-01-01",
    }),
    permission: "pathway.manage",
    ok: 200,
  },
  {
    name: "POST /pathways/catalog/:id/publication",
    method: "POST",
    path: (fx) => `/api/v1/pathways/catalog/${fx.pathwayId}/publication`,
    otherNationPath: () => "/api/v1/pathways/catalog/mex-other/publication",
    body: () => ({ published: true }),
    permission: "pathway.manage",
    ok: 200,
  },
  {
    name: "POST /pathways/catalog/preview",
    method: "POST",
    path: () => "/api/v1/pathways/catalog/preview",
    body: () => ({
      definition: { rules: [{ kind: "nationality", in: ["VEN"] }] },
      answers: { nationality: "VEN" },
      lang: "ht",
    }),
    permission: "pathway.manage",
    ok: 200,
  },
  {
    name: "GET /pathways/pledges",
    method: "GET",
    path: () => "/api/v1/pathways/pledges",
    permission: "pathway.read",
    ok: 200,
  },
  {
    name: "PUT /pathways/pledges/:year",
    method: "PUT",
    path: () => "/api/v1/pathways/pledges/2026",
    body: () => ({ places: 1000, note: "test" }),
    permission: "pathway.manage",
    ok: 200,
  },
  {
    name: "GET /pathways/dashboard",
    method: "GET",
    path: () => "/api/v1/pathways/dashboard",
    permission: "pathway.read",
    ok: 200,
  },
  {
    name: "GET /pathways/applications",
    method: "GET",
    path: () => "/api/v1/pathways/applications",
    permission: "application.read",
    ok: 200,
  },
  {
    name: "GET /pathways/applications/:id",
    method: "GET",
    path: (fx) => `/api/v1/pathways/applications/${fx.appId}`,
    otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}`,
    permission: "application.read",
    ok: 200,
  },
  {
    name: "POST /pathways/applications/:id/stage",
    method: "POST",
    path: (fx) => `/api/v1/pathways/applications/${fx.appId}/stage`,
    otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/stage`,
    body: () => ({ stage: "screening", reason: "starting review" }),
    permission: "application.decide",
    ok: 200,
  },
  {
    name: "POST /pathways/applications/:id/person",
    method: "POST",
    path: (fx) => `/api/v1/pathways/applications/${fx.appId}/person`,
    otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/person`,
    body: (fx) => ({ personId: fx.personId }),
    permission: "application.decide",
    ok: 200,
  },
  {
    name: "PUT /pathways/appointment-days",
    method: "PUT",
    path: () => "/api/v1/pathways/appointment-days",
    body: () => ({ officeId: "USA-02", day: "2031-01-03", capacity: 10 }),
    permission: "appointment.manage",
    ok: 200,
  },
  {
    name: "POST /pathways/applications/:id/appointment",
    method: "POST",
    path: (fx) => `/api/v1/pathways/applications/${fx.appId}/appointment`,
    otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/appointment`,
    body: () => ({ officeId: "USA-01", day: "2031-01-02" }),
    permission: "appointment.manage",
    ok: 201,
  },
  {
    name: "POST /pathways/applications/:id/referral",
    method: "POST",
    path: (fx) => `/api/v1/pathways/applications/${fx.appId}/referral`,
    otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/referral`,
    body: () => ({ toNation: "COL", toPathway: "col-target", ...consent }),
    permission: "case.refer",
    ok: 201,
  },
  {
    name: "POST /pathways/applications/:id/secret",
    method: "POST",
    path: (fx) => `/api/v1/pathways/applications/${fx.appId}/secret`,
    otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/secret`,
    body: () => ({ identityChecked: true, identityDocument: "passport" }),
    permission: "application.decide",
    ok: 200,
  },
  {
    name: "GET /pathways/referrals",
    method: "GET",
    path: () => "/api/v1/pathways/referrals",
    permission: "referral.decide",
    ok: 200,
  },
  {
    name: "POST /pathways/outbox/deliver",
    method: "POST",
    path: () => "/api/v1/pathways/outbox/deliver",
    permission: "pathway.manage",
    ok: 200,
  },
]);

// A pending referral per call (deciding one changes it), sent by Mexico to the caller's nation.
async function referralFixture(app: TestApp, nation: string): Promise<Fixture> {
  // The secretariat takes no applications and has no agreement for them: its callers get their 403 from the
  // permission, so their fixture is a referral to the USA.
  const to = nation === "REG" ? "USA" : nation;
  const base = await fixture(app, to);
  return { ...base, referralId: await referTo(app, to, base.pathwayId) };
}

describeRoleMatrix("pathway referrals", () => t, referralFixture, [
  {
    name: "POST /pathways/referrals/:id/decision",
    method: "POST",
    path: (fx) => `/api/v1/pathways/referrals/${fx.referralId}/decision`,
    body: () => ({ status: "accepted", reason: "we can take this case" }),
    permission: "referral.decide",
    ok: 200,
  },
  {
    name: "POST /pathways/referrals/:id/decision (another nation's)",
    method: "POST",
    path: (fx) => `/api/v1/pathways/referrals/${fx.referralId}/decision`,
    otherNationPath: () => "/api/v1/pathways/referrals/00000000-0000-4000-8000-000000000000/decision",
    body: () => ({ status: "rejected", reason: "not for us" }),
    permission: "referral.decide",
    ok: 200,
  },
]);

// An application with an appointment per call (cancelling one changes it), in the caller's nation.
async function bookedFixture(app: TestApp, nation: string): Promise<Fixture> {
  const base = await fixture(app, nation);
  await app.app.pathways.workflow.book(systemScope(nation, "test"), base.appId, {
    officeId: `${nation}-01`,
    day: "2031-01-02",
  });
  return base;
}

describeRoleMatrix("pathway appointments", () => t, bookedFixture, [
  {
    name: "DELETE /pathways/applications/:id/appointment",
    method: "DELETE",
    path: (fx) => `/api/v1/pathways/applications/${fx.appId}/appointment`,
    otherNationPath: (fx) => `/api/v1/pathways/applications/${fx.otherAppId}/appointment`,
    permission: "appointment.manage",
    ok: 200,
  },
]);

describe("the questionnaire staff read answers with", () => {
  it("gives the published questions and pathway titles in the language asked, and refuses an unknown one", async () => {
    const { token } = await userWithToken(t, "COL", ["pathway_officer"]);
    const ht = await t.request("GET", "/api/v1/pathways/questionnaire?lang=ht", { token });
    expect(ht.status).toBe(200);
    const body = (await ht.json()) as {
      lang: string;
      pathways: { id: string; title: string }[];
      questions: { id: string; text: string }[];
    };
    expect(body.lang).toBe("ht");
    expect(body.pathways.find((p) => p.id === "col-target")?.title).toBe("Chemen tès col-target");
    expect(body.questions.find((q) => q.id === "nationality")?.text).toBe(
      "Ki nasyonalite ou? (Si ou gen plis pase youn, bay yo tout.)",
    );
    // A pathway that has closed asks nothing on the portal today, but its applicants' answers still read.
    const scope = systemScope("COL", "test");
    await t.app.pathways.catalog.save(
      scope,
      "col-closed-sponsor",
      {
        ...simplePathway("COL", "col-closed-sponsor"),
        closes: "2021-12-31",
        rules: [{ kind: "sponsor", country: "COL" }],
      },
      "2020-01-01",
    );
    await t.app.pathways.catalog.publish(scope, "col-closed-sponsor", true);
    const portal = (await (await t.request("GET", "/api/v1/portal/catalog?lang=es")).json()) as typeof body;
    expect(portal.questions.map((q) => q.id)).not.toContain("sponsor_in_COL");
    const staff = (await (
      await t.request("GET", "/api/v1/pathways/questionnaire?lang=es", { token })
    ).json()) as typeof body;
    expect(staff.questions.find((q) => q.id === "sponsor_in_COL")?.text).toMatch(/Colombia/);
    const bad = await t.request("GET", "/api/v1/pathways/questionnaire?lang=de", { token });
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { error: { details: { issues: { field: string }[] } } }).error.details.issues[0]
        ?.field,
    ).toBe("query.lang");
  });
});

describe("the nation's catalogue as its staff list it", () => {
  it("names every pathway in every portal language, withdrawn ones too, and only the nation's own", async () => {
    const scope = systemScope("COL", "test");
    await t.app.pathways.catalog.save(
      scope,
      "col-withdrawn",
      simplePathway("COL", "col-withdrawn"),
      "2024-01-01",
    );
    await t.app.pathways.catalog.publish(scope, "col-withdrawn", true);
    await t.app.pathways.catalog.publish(scope, "col-withdrawn", false);
    const { token } = await userWithToken(t, "COL", ["caseworker"]);
    const res = await t.request("GET", "/api/v1/pathways/catalog", { token });
    expect(res.status).toBe(200);
    const { pathways } = (await res.json()) as {
      pathways: { id: string; nation: string; published: boolean; titles: Record<string, string> }[];
    };
    const withdrawn = pathways.find((p) => p.id === "col-withdrawn");
    expect(withdrawn?.published).toBe(false);
    expect(Object.keys(withdrawn?.titles ?? {}).sort()).toEqual(["en", "es", "fr", "ht", "pt"]);
    expect(withdrawn?.titles.ht).toBe("Chemen tès col-withdrawn");
    expect(pathways.find((p) => p.id === "col-target")?.published).toBe(true);
    expect(pathways.every((p) => p.nation === "COL")).toBe(true);
    expect(pathways.map((p) => p.id)).not.toContain("mex-other");
  });
});
