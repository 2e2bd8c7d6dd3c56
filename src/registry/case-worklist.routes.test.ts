import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { referenceOf } from "../shared/reference-code.ts";
import { MyCasesPage } from "./case-worklist.contract.ts";
import { fillPersonFilterTerms } from "./case-worklist.service.ts";
import { personInput, registerPerson } from "./registry.test-support.ts";

// A caseworker's worklist (GET /registry/my-cases): only the cases assigned to the caller, filtered by stage,
// type, the person's nationality, specific needs and age band through keyed terms, searched by case id, sorted
// and paged with a total; another caseworker's and another nation's cases never listed.

let t: TestApp;
let worker: { token: string; userId: string };
let other: { token: string };
let mexWorker: { token: string };
const year = new Date().getUTCFullYear();
const ids: Record<string, string> = {};
const cases: Record<string, string> = {};

async function get(query: string, token = worker.token) {
  const res = await t.request("GET", `/api/v1/registry/my-cases${query}`, { token });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}
const page = async (query: string, token = worker.token) => {
  const res = await get(query, token);
  expect(res.status, res.text).toBe(200);
  return MyCasesPage.parse(res.body);
};

async function openCase(token: string, personId: string, type = "protection") {
  const res = await t.request("POST", "/api/v1/registry/cases", {
    token,
    body: { personId, type, officeId: null, note: null },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  t = await startTestApp();
  worker = await userWithToken(t, "USA", ["caseworker"]);
  other = await userWithToken(t, "USA", ["caseworker"]);
  mexWorker = await userWithToken(t, "MEX", ["caseworker"]);
  const people = {
    mother: { nationalities: ["VEN"], vulnerabilities: ["woman_at_risk"], birthDate: `${year - 30}-05-01` },
    child: {
      nationalities: ["VEN"],
      vulnerabilities: ["woman_at_risk", "disability"],
      birthDate: `${year - 8}-02-03`,
    },
    elder: { nationalities: ["COL"], vulnerabilities: [], birthDate: `${year - 65}-11-30` },
    // A need written in an earlier version's code is filtered by its current code.
    legacy: { nationalities: ["HTI", "VEN"], vulnerabilities: ["medical"], birthDate: `${year - 40}` },
  };
  for (const [key, p] of Object.entries(people))
    ids[key] = await registerPerson(t.app, "USA", personInput({ ...p, birthDate: p.birthDate }));
  for (const key of Object.keys(people)) cases[key] = await openCase(worker.token, ids[key] as string);
  cases.closed = await openCase(worker.token, ids.mother as string, "border_encounter");
  await t.request("POST", `/api/v1/registry/cases/${cases.closed}/status`, {
    token: worker.token,
    body: { status: "closed" },
  });
  // The same kind of person, in another caseworker's hands and in another nation: never on the list.
  const someoneElses = await registerPerson(t.app, "USA", personInput({ nationalities: ["VEN"] }));
  cases.others = await openCase(other.token, someoneElses);
  const mexPerson = await registerPerson(t.app, "MEX", personInput({ nationalities: ["VEN"] }));
  cases.mex = await openCase(mexWorker.token, mexPerson);
});
afterAll(async () => {
  await t.close();
});

const listed = (p: { cases: { id: string }[] }) => p.cases.map((c) => c.id);

describe("GET /registry/my-cases", () => {
  it("lists the caller's cases only, oldest first, with the total", async () => {
    const all = await page("");
    expect(all.total).toBe(5);
    expect(listed(all)).toEqual([cases.mother, cases.child, cases.elder, cases.legacy, cases.closed]);
    expect(listed(all)).not.toContain(cases.others);
    expect(listed(all)).not.toContain(cases.mex);
    expect(listed(await page("", other.token))).toEqual([cases.others]);
    expect(listed(await page("", mexWorker.token))).toEqual([cases.mex]);
  });

  it("sorts newest first on request", async () => {
    expect(listed(await page("?sort=newest"))).toEqual([
      cases.closed,
      cases.legacy,
      cases.elder,
      cases.child,
      cases.mother,
    ]);
  });

  it("pages: page 2 is the rest, the total the same on every page", async () => {
    const first = await page("?limit=2");
    const second = await page("?limit=2&offset=2");
    const third = await page("?limit=2&offset=4");
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect([...listed(first), ...listed(second), ...listed(third)]).toEqual(listed(await page("")));
    expect(third.cases).toHaveLength(1);
    expect((await page("?limit=2&offset=6")).cases).toEqual([]);
  });

  it("filters by stage and type", async () => {
    expect(listed(await page("?status=closed"))).toEqual([cases.closed]);
    expect((await page("?status=open")).total).toBe(4);
    expect(listed(await page("?type=border_encounter"))).toEqual([cases.closed]);
  });

  it("filters by nationality through keyed terms", async () => {
    expect(listed(await page("?nationality=VEN"))).toEqual([
      cases.mother,
      cases.child,
      cases.legacy,
      cases.closed,
    ]);
    expect(listed(await page("?nationality=COL"))).toEqual([cases.elder]);
    expect((await page("?nationality=HTI")).total).toBe(1);
    expect((await page("?nationality=MEX")).total).toBe(0);
  });

  it("filters by specific needs: every code given must be held", async () => {
    expect(listed(await page("?needs=woman_at_risk&status=open"))).toEqual([cases.mother, cases.child]);
    expect(listed(await page("?needs=woman_at_risk,disability"))).toEqual([cases.child]);
    expect(listed(await page("?needs=serious_medical_condition"))).toEqual([cases.legacy]);
    expect((await page("?needs=lgbtiq_at_risk")).total).toBe(0);
  });

  it("refuses the needs filter to a reader who may not see needs (a registrar), 403 naming it", async () => {
    const registrar = await userWithToken(t, "USA", ["registrar"]);
    const refused = await get("?needs=woman_at_risk", registrar.token);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("needs");
    expect((await get("?nationality=VEN", registrar.token)).status).toBe(200);
  });

  it("filters by age band, computed from the birth year when asked", async () => {
    expect(listed(await page("?age=5-11"))).toEqual([cases.child]);
    expect(listed(await page("?age=18-59&status=open"))).toEqual([cases.mother, cases.legacy]);
    expect(listed(await page("?age=60%2B"))).toEqual([cases.elder]);
    expect((await page("?age=0-4")).total).toBe(0);
    expect(listed(await page("?age=18-59&nationality=VEN&needs=woman_at_risk&status=open"))).toEqual([
      cases.mother,
    ]);
  });

  it("finds a case by its id or its first characters", async () => {
    const id = cases.elder as string;
    expect(listed(await page(`?code=${id}`))).toEqual([id]);
    expect(listed(await page(`?code=${id.slice(0, 8).toUpperCase()}`))).toContain(id);
    expect((await page(`?code=${cases.mex}`)).total).toBe(0);
    expect((await page(`?code=${cases.others}`)).total).toBe(0);
  });

  it("shows each case's reference and its person's name, and finds a case by its reference or its first characters", async () => {
    const id = cases.elder as string;
    const all = await page("");
    const elder = all.cases.find((c) => c.id === id);
    expect(elder?.reference).toBe(referenceOf("case", id));
    const person = await t.request("GET", `/api/v1/registry/people/${ids.elder}`, { token: worker.token });
    const { givenNames, surnames } = (await person.json()) as { givenNames: string[]; surnames: string[] };
    expect(elder?.personName).toBe([...givenNames, ...surnames].join(" "));
    const reference = referenceOf("case", id);
    const code = reference.slice(2).replace("-", "");
    for (const search of [
      reference,
      reference.toLowerCase(),
      code,
      `C-${code.slice(0, 4)}`,
      code.slice(0, 4),
    ])
      expect(listed(await page(`?code=${encodeURIComponent(search)}`)), search).toContain(id);
    expect(listed(await page(`?code=${reference}`))).toEqual([id]);
    // Another nation's case whose id starts with the same 40 bits: the same reference, never listed here.
    const twin = `${id.slice(0, 11)}${id[11] === "0" ? "1" : "0"}${id.slice(12)}`;
    await t.app.platform.database.asOwner((tx) =>
      sql`insert into registry_cases (tenant_id, id, person_id, case_type, status, office_id, assigned_to, created_by)
        select tenant_id, ${twin}::uuid, person_id, case_type, status, office_id, assigned_to, created_by
        from registry_cases where tenant_id = 'MEX' and id = ${cases.mex}::uuid`.execute(tx),
    );
    expect(referenceOf("case", twin)).toBe(reference);
    expect(listed(await page(`?code=${reference}`))).toEqual([id]);
    expect(listed(await page(`?code=${code.slice(0, 4)}`))).not.toContain(twin);
    expect(listed(await page(`?code=${reference}`, mexWorker.token))).toEqual([twin]);
    expect(listed(await page(`?code=${code.slice(0, 4)}`, mexWorker.token))).not.toContain(id);
    await t.app.platform.database.asOwner((tx) =>
      sql`delete from registry_cases where tenant_id = 'MEX' and id = ${twin}::uuid`.execute(tx),
    );
  });

  it("refuses a border encounter's reference or a character references do not use, naming code", async () => {
    for (const search of ["E-7KQ2-M9XD", "C-7KQO", "C-7K"]) {
      const res = await get(`?code=${search}`);
      expect(res.status, search).toBe(400);
      expect(res.text, search).toContain("code");
    }
    expect((await get("?code=E-7KQ2")).text).toContain("C-");
  });

  it("refuses a bad parameter with 400 naming it", async () => {
    for (const [query, field] of [
      ["?nationality=ven", "nationality"],
      ["?needs=woman_at_risk,nope", "needs"],
      ["?age=20-30", "age"],
      ["?sort=name", "sort"],
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?offset=-1", "offset"],
      ["?status=lost", "status"],
      ["?code=zz%27--", "code"],
      // Hostile input: a NUL, bytes that are not UTF-8, a value far too long.
      ["?code=a%00b", "code"],
      ["?nationality=%FF%FE", "nationality"],
      [`?code=${"a".repeat(5000)}`, "code"],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toContain(field);
    }
    const unknown = await get("?nationalty=VEN");
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("nationalty");
  });

  it("stores keyed terms, never the plain values, and audits the read with the filters' names only", async () => {
    const rows = await t.app.platform.database.asOwner(async (tx) =>
      sql<{ terms: string[] }>`select filter_terms as terms from registry_people
        where tenant_id = 'USA' and id = ${ids.mother}::uuid`.execute(tx),
    );
    const terms = rows.rows[0]?.terms ?? [];
    expect(terms).toHaveLength(3);
    expect(terms.join(" ")).not.toMatch(/VEN|woman|nat:|by:/);
    await page("?nationality=VEN&needs=woman_at_risk");
    const events = await inScope(t.app.platform.database.db, systemScope("USA", "test"), (tx) =>
      tx
        .selectFrom("audit_events")
        .select(["details"])
        .where("tenant_id", "=", "USA")
        .where("action", "=", "case.worklist.read")
        .execute(),
    );
    expect(events.length).toBeGreaterThan(0);
    const text = JSON.stringify(events);
    expect(text).toContain("nationality");
    expect(text).not.toContain("VEN");
  });

  it("terms in one nation do not match the same value in another", async () => {
    // The MEX caseworker's VEN person is found by MEX's key only: the USA term of VEN is not among MEX terms.
    expect((await page("?nationality=VEN", mexWorker.token)).total).toBe(1);
    const rows = await t.app.platform.database.asOwner(async (tx) =>
      sql<{ tenant_id: string; terms: string[] }>`select tenant_id, filter_terms as terms from registry_people
        where filter_terms <> '{}'`.execute(tx),
    );
    const usa = new Set(rows.rows.filter((r) => r.tenant_id === "USA").flatMap((r) => r.terms));
    const mex = rows.rows.filter((r) => r.tenant_id === "MEX").flatMap((r) => r.terms);
    expect(mex.length).toBeGreaterThan(0);
    expect(mex.filter((term) => usa.has(term))).toEqual([]);
  });

  it("the migration's data step fills the terms of people stored without them", async () => {
    const before = await page("?nationality=COL");
    await t.app.platform.database.asOwner((tx) =>
      sql`update registry_people set filter_terms = '{}' where tenant_id = 'USA'`.execute(tx),
    );
    expect((await page("?nationality=COL")).total).toBe(0);
    await t.app.platform.database.asOwner((tx) => fillPersonFilterTerms(tx, t.app.platform.keyring));
    expect(await page("?nationality=COL")).toEqual(before);
  });

  it("erasure clears the terms with the person", async () => {
    const person = await registerPerson(t.app, "USA", personInput({ nationalities: ["NIC"] }));
    await openCase(worker.token, person);
    expect((await page("?nationality=NIC")).total).toBe(1);
    await t.app.registry.erasure.erasePerson(systemScope("USA", "test"), person, "asked by the person");
    const rows = await t.app.platform.database.asOwner((tx) =>
      sql<{ terms: string[] }>`select filter_terms as terms from registry_people
        where tenant_id = 'USA' and id = ${person}::uuid`.execute(tx),
    );
    expect(rows.rows[0]?.terms ?? []).toEqual([]);
    expect((await page("?nationality=NIC")).total).toBe(0);
  });
});

describeRoleMatrix(
  "registry worklist",
  () => t,
  async () => ({}),
  [
    {
      name: "GET /registry/my-cases",
      method: "GET",
      path: () => "/api/v1/registry/my-cases",
      permission: "case.read",
      ok: 200,
    },
  ],
);
