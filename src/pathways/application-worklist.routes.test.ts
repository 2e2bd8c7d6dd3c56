import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { ApplicationPage, MyQueuePage } from "./application-worklist.contract.ts";
import { fillApplicationFilterTerms } from "./application-worklist.service.ts";
import { publishPathway, simplePathway } from "./pathways.test-support.ts";

// A pathway officer's queue (GET /pathways/my-queue): the nation's applications awaiting a stage or a
// decision, filtered by stage, pathway, the nationality, specific needs and age band answered (through keyed
// terms), searched by tracking code, sorted and paged with a total; another nation's never listed.

let t: TestApp;
let officer: { token: string };
let mexOfficer: { token: string };
const year = new Date().getUTCFullYear();
const apps: Record<string, { id: string; trackingCode: string }> = {};

/** A pathway asking nationality, date of birth and specific needs, any answer of the nationalities eligible. */
async function publishAsking(nation: string, id: string) {
  const scope = systemScope(nation, "test");
  const definition = {
    ...simplePathway(nation, id),
    rules: [
      { kind: "nationality", in: ["VEN", "HTI", "COL"] },
      { kind: "age", min: 0 },
      {
        kind: "any",
        any: [
          { kind: "vulnerability", categories: ["woman_at_risk", "disability", "serious_medical_condition"] },
          { kind: "nationality", in: ["VEN", "HTI", "COL"] },
        ],
      },
    ],
  };
  await t.app.pathways.catalog.save(scope, id, definition, "2020-01-01");
  await t.app.pathways.catalog.publish(scope, id, true);
}

async function apply(nation: string, pathwayId: string, answers: Record<string, unknown>) {
  const filed = await t.app.pathways.portal.apply(
    { lang: "es", nation, pathwayId, answers, fullName: "Ana Pérez" },
    null,
  );
  return { id: filed.id, trackingCode: filed.trackingCode };
}

async function get(query: string, token = officer.token) {
  const res = await t.request("GET", `/api/v1/pathways/my-queue${query}`, { token });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}
const page = async (query: string, token = officer.token) => {
  const res = await get(query, token);
  expect(res.status, res.text).toBe(200);
  return MyQueuePage.parse(res.body);
};
const listed = (p: { applications: { id: string }[] }) => p.applications.map((a) => a.id);

beforeAll(async () => {
  t = await startTestApp();
  officer = await userWithToken(t, "USA", ["pathway_officer"]);
  mexOfficer = await userWithToken(t, "MEX", ["pathway_officer"]);
  await publishAsking("USA", "usa-queue-a");
  await publishAsking("USA", "usa-queue-b");
  await publishAsking("MEX", "mex-queue");
  await publishPathway(t.app.pathways, "USA", "usa-queue-plain");
  apps.mother = await apply("USA", "usa-queue-a", {
    nationality: "VEN",
    date_of_birth: `${year - 30}-05-01`,
    vulnerabilities: ["woman_at_risk"],
  });
  apps.child = await apply("USA", "usa-queue-a", {
    nationality: "VEN",
    date_of_birth: `${year - 8}-02-03`,
    vulnerabilities: ["woman_at_risk", "disability"],
  });
  apps.elder = await apply("USA", "usa-queue-b", {
    nationality: "COL",
    date_of_birth: `${year - 65}-11-30`,
    vulnerabilities: ["none"],
  });
  // A pathway that asks only nationality: no needs or birth year to filter on.
  apps.plain = await apply("USA", "usa-queue-plain", { nationality: "HTI" });
  apps.decided = await apply("USA", "usa-queue-b", {
    nationality: "VEN",
    date_of_birth: `${year - 40}-01-01`,
    vulnerabilities: ["serious_medical_condition"],
  });
  const decided = await t.request("POST", `/api/v1/pathways/applications/${apps.decided.id}/stage`, {
    token: officer.token,
    body: { stage: "decided", decision: "approved", reason: "meets the criteria" },
  });
  expect(decided.status, await decided.clone().text()).toBe(200);
  apps.screening = await apply("USA", "usa-queue-b", {
    nationality: "HTI",
    date_of_birth: `${year - 3}-07-07`,
    vulnerabilities: ["serious_medical_condition"],
  });
  const screened = await t.request("POST", `/api/v1/pathways/applications/${apps.screening.id}/stage`, {
    token: officer.token,
    body: { stage: "screening", reason: "screening started" },
  });
  expect(screened.status, await screened.clone().text()).toBe(200);
  apps.mex = await apply("MEX", "mex-queue", {
    nationality: "VEN",
    date_of_birth: `${year - 30}-05-01`,
    vulnerabilities: ["woman_at_risk"],
  });
});
afterAll(async () => {
  await t.close();
});

const id = (k: string) => apps[k]?.id as string;

describe("GET /pathways/my-queue", () => {
  it("lists the applications awaiting a stage or decision, oldest first, never a decided or another nation's", async () => {
    const all = await page("");
    expect(listed(all)).toEqual([id("mother"), id("child"), id("elder"), id("plain"), id("screening")]);
    expect(all.total).toBe(5);
    expect(listed(await page("", mexOfficer.token))).toEqual([id("mex")]);
  });

  it("sorts newest first and pages: page 2 is the rest, the total right on each", async () => {
    expect(listed(await page("?sort=newest"))).toEqual([
      id("screening"),
      id("plain"),
      id("elder"),
      id("child"),
      id("mother"),
    ]);
    const first = await page("?limit=3");
    const second = await page("?limit=3&offset=3");
    expect([first.total, second.total]).toEqual([5, 5]);
    expect(listed(second)).toEqual([id("plain"), id("screening")]);
    expect([...listed(first), ...listed(second)]).toEqual(listed(await page("")));
  });

  it("filters by stage and pathway", async () => {
    expect(listed(await page("?stage=screening"))).toEqual([id("screening")]);
    expect(listed(await page("?pathway=usa-queue-a"))).toEqual([id("mother"), id("child")]);
    expect((await page("?pathway=mex-queue")).total).toBe(0);
  });

  it("filters by nationality, needs and age band answered", async () => {
    expect(listed(await page("?nationality=VEN"))).toEqual([id("mother"), id("child")]);
    expect(listed(await page("?nationality=HTI"))).toEqual([id("plain"), id("screening")]);
    expect(listed(await page("?needs=woman_at_risk"))).toEqual([id("mother"), id("child")]);
    expect(listed(await page("?needs=disability,woman_at_risk"))).toEqual([id("child")]);
    expect(listed(await page("?needs=serious_medical_condition"))).toEqual([id("screening")]);
    expect(listed(await page("?age=0-4"))).toEqual([id("screening")]);
    expect(listed(await page("?age=5-11"))).toEqual([id("child")]);
    expect(listed(await page("?age=60%2B"))).toEqual([id("elder")]);
    expect(listed(await page("?age=18-59&nationality=VEN"))).toEqual([id("mother")]);
  });

  it("finds an application by its tracking code, whole or its first characters", async () => {
    const code = apps.elder?.trackingCode as string;
    expect(listed(await page(`?code=${code}`))).toEqual([id("elder")]);
    expect(listed(await page(`?code=${code.toLowerCase()}`))).toEqual([id("elder")]);
    expect(listed(await page(`?code=${code.slice(0, -2)}`))).toContain(id("elder"));
    expect((await page(`?code=${apps.mex?.trackingCode}`)).total).toBe(0);
    expect((await page(`?code=${apps.decided?.trackingCode}`)).total).toBe(0);
  });

  it("refuses a bad parameter with 400 naming it", async () => {
    for (const [query, field] of [
      ["?stage=decided", "stage"],
      ["?pathway=Not%20a%20pathway", "pathway"],
      ["?nationality=VE", "nationality"],
      ["?needs=", "needs"],
      ["?age=adult", "age"],
      ["?sort=oldest,newest", "sort"],
      ["?limit=many", "limit"],
      ["?code=%25%25%25", "code"],
      ["?status=open", "status"],
      // Hostile input: a NUL, bytes that are not UTF-8, a value far too long.
      ["?code=a%00b", "code"],
      ["?nationality=%FF%FE", "nationality"],
      [`?code=${"a".repeat(5000)}`, "code"],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toContain(field);
    }
  });

  it("keeps keyed terms only, fills them in the migration's data step, and clears them on erasure", async () => {
    const termsOf = async (appId: string) =>
      (
        await t.app.platform.database.asOwner((tx) =>
          sql<{ terms: string[] }>`select filter_terms as terms from pathway_applications
            where id = ${appId}::uuid`.execute(tx),
        )
      ).rows[0]?.terms ?? [];
    const before = await termsOf(id("child"));
    expect(before).toHaveLength(4);
    expect(before.join(" ")).not.toMatch(/VEN|woman|need:|by:/);
    await t.app.platform.database.asOwner((tx) =>
      sql`update pathway_applications set filter_terms = '{}'`.execute(tx),
    );
    expect((await page("?nationality=VEN")).total).toBe(0);
    await t.app.platform.database.asOwner((tx) => fillApplicationFilterTerms(tx, t.app.platform.keyring));
    expect(await termsOf(id("child"))).toEqual(before);
    expect(listed(await page("?nationality=VEN"))).toEqual([id("mother"), id("child")]);
    // The applicant erases the application from the portal: its terms go with its answers.
    const filed = await t.app.pathways.portal.apply(
      {
        lang: "es",
        nation: "USA",
        pathwayId: "usa-queue-a",
        answers: { nationality: "COL" },
        fullName: "X Y",
      },
      null,
    );
    expect((await page("?nationality=COL")).total).toBe(2);
    await t.app.pathways.portal.erase({ trackingCode: filed.trackingCode, secret: filed.secret }, null);
    expect(await termsOf(filed.id)).toEqual([]);
    expect(listed(await page("?nationality=COL"))).toEqual([id("elder")]);
  });
});

describeRoleMatrix(
  "pathways queue",
  () => t,
  async () => ({}),
  [
    {
      name: "GET /pathways/my-queue",
      method: "GET",
      path: () => "/api/v1/pathways/my-queue",
      permission: "application.decide",
      ok: 200,
    },
    {
      name: "GET /pathways/applications",
      method: "GET",
      path: () => "/api/v1/pathways/applications?stage=decided",
      permission: "application.read",
      ok: 200,
    },
  ],
);

// The whole queue (GET /pathways/applications): every stage, decided ones included, filtered in the database.
describe("GET /pathways/applications", () => {
  async function all(query: string, token = officer.token) {
    const res = await t.request("GET", `/api/v1/pathways/applications${query}`, { token });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : null };
  }
  const allPage = async (query: string, token = officer.token) => {
    const res = await all(query, token);
    expect(res.status, res.text).toBe(200);
    return ApplicationPage.parse(res.body);
  };
  const pathwaysOfTest = "&pathway=usa-queue-b";

  it("lists every stage, a decided one included, oldest first, with the total; never another nation's", async () => {
    const page = await allPage(`?${pathwaysOfTest.slice(1)}`);
    expect(listed(page)).toEqual([id("elder"), id("decided"), id("screening")]);
    expect(page).toMatchObject({ total: 3, limit: 100, offset: 0 });
    const mex = await allPage("", mexOfficer.token);
    expect(listed(mex)).toContain(id("mex"));
    expect(listed(mex)).not.toContain(id("elder"));
    expect(listed(await allPage(""))).not.toContain(id("mex"));
  });

  it("filters by stage and decision, sorts newest first and pages with the total", async () => {
    expect(listed(await allPage("?stage=decided"))).toEqual([id("decided")]);
    expect(listed(await allPage("?decision=approved"))).toEqual([id("decided")]);
    expect((await allPage("?decision=denied")).total).toBe(0);
    expect(listed(await allPage(`?sort=newest${pathwaysOfTest}`))).toEqual([
      id("screening"),
      id("decided"),
      id("elder"),
    ]);
    const first = await allPage(`?limit=2${pathwaysOfTest}`);
    const second = await allPage(`?limit=2&offset=2${pathwaysOfTest}`);
    expect([first.total, second.total]).toEqual([3, 3]);
    expect(listed(second)).toEqual([id("screening")]);
  });

  it("searches by tracking code (any case, a prefix) and takes the shared filters", async () => {
    const code = apps.decided?.trackingCode as string;
    expect(listed(await allPage(`?code=${code.toLowerCase()}`))).toEqual([id("decided")]);
    expect(listed(await allPage(`?code=${code.slice(0, -2)}`))).toContain(id("decided"));
    expect((await allPage(`?code=${apps.mex?.trackingCode}`)).total).toBe(0);
    expect(listed(await allPage(`?nationality=COL${pathwaysOfTest}`))).toEqual([id("elder")]);
    expect(listed(await allPage(`?needs=serious_medical_condition${pathwaysOfTest}`))).toEqual([
      id("decided"),
      id("screening"),
    ]);
  });

  it("keeps the page of up to 500 older clients ask for", async () => {
    expect((await allPage("?limit=500")).limit).toBe(500);
  });

  it("refuses a bad parameter with 400 naming it", async () => {
    for (const [query, field] of [
      ["?stage=waiting", "stage"],
      ["?decision=maybe", "decision"],
      ["?pathway=Not%20a%20pathway", "pathway"],
      ["?sort=sideways", "sort"],
      ["?limit=501", "limit"],
      ["?offset=-1", "offset"],
      ["?code=%25%25%25", "code"],
      ["?band=likely", "band"],
      ["?code=a%00b", "code"],
      ["?nationality=%FF%FE", "nationality"],
      [`?code=${"a".repeat(5000)}`, "code"],
      [`?offset=${"9".repeat(400)}`, "offset"],
    ] as const) {
      const res = await all(query);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toContain(field);
    }
  });
});
