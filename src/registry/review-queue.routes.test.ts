import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { personInput, registerPerson } from "./registry.test-support.ts";
import { ReviewItem, ReviewQueue } from "./review.contract.ts";

// The duplicate review queue (GET /registry/reviews): the nation's open pairs, by band, most probable first or
// oldest or newest first, paged with a total; a pair opened names the offices of its records.

let t: TestApp;
let reviewer: { token: string };
let mexReviewer: { token: string };
const pairs: Record<string, string> = {};

/** A person registered twice (the second kept with a reason), at `officeId`: the pair's review id. */
async function pair(nation: string, set: { probability: number; band: string; createdAt: string }) {
  const input = personInput();
  const first = await registerPerson(t.app, nation, input, { officeId: `${nation}-Q1` });
  const second = await registerPerson(
    t.app,
    nation,
    { ...input, surnames: input.surnames.slice(0, 1) },
    { officeId: `${nation}-Q2`, overrideReason: "came back with another card" },
  );
  // The scores and the dates are set here so the orders asserted below do not hang on the matcher's numbers.
  return t.app.platform.database.asOwner(async (tx) => {
    const row = await tx
      .updateTable("registry_duplicate_reviews")
      .set({ probability: set.probability, band: set.band, created_at: new Date(set.createdAt) })
      .where("person_a", "=", first)
      .where("person_b", "=", second)
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

async function get(path: string, token = reviewer.token) {
  const res = await t.request("GET", `/api/v1/registry${path}`, { token });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}
async function page(query: string, token = reviewer.token) {
  const res = await get(`/reviews${query}`, token);
  expect(res.status, res.text).toBe(200);
  return ReviewQueue.parse(res.body);
}
const listed = (p: ReviewQueue) => p.items.map((i) => i.id);
const id = (k: string) => pairs[k] as string;

beforeAll(async () => {
  t = await startTestApp();
  reviewer = await userWithToken(t, "USA", ["nation_admin"]);
  mexReviewer = await userWithToken(t, "MEX", ["nation_admin"]);
  await t.app.platform.database.asOwner((tx) =>
    tx
      .insertInto("offices")
      .values([
        { tenant_id: "USA", id: "USA-Q1", name: "Harbor Street office" },
        { tenant_id: "USA", id: "USA-Q2", name: "Airport office" },
        { tenant_id: "MEX", id: "MEX-Q1", name: "Oficina Centro" },
        { tenant_id: "MEX", id: "MEX-Q2", name: "Oficina Norte" },
      ])
      .onConflict((oc) => oc.columns(["tenant_id", "id"]).doNothing())
      .execute(),
  );
  pairs.old = await pair("USA", { probability: 0.7, band: "possible", createdAt: "2026-01-01T00:00:00Z" });
  pairs.top = await pair("USA", { probability: 0.99, band: "likely", createdAt: "2026-02-01T00:00:00Z" });
  pairs.mid = await pair("USA", { probability: 0.9, band: "likely", createdAt: "2026-03-01T00:00:00Z" });
  pairs.mex = await pair("MEX", { probability: 0.95, band: "likely", createdAt: "2026-02-15T00:00:00Z" });
});
afterAll(async () => {
  await t.close();
});

describe("GET /registry/reviews", () => {
  it("lists the open pairs most probable first with the total; never another nation's", async () => {
    const queue = await page("");
    expect(listed(queue)).toEqual([id("top"), id("mid"), id("old")]);
    expect(queue).toMatchObject({ total: 3, limit: 25, offset: 0 });
    expect(queue.items[0]?.createdAt).toBe("2026-02-01T00:00:00.000Z");
    expect(listed(await page("", mexReviewer.token))).toEqual([id("mex")]);
  });

  it("filters by band, sorts oldest or newest first and pages", async () => {
    expect(listed(await page("?band=likely"))).toEqual([id("top"), id("mid")]);
    expect(listed(await page("?band=possible"))).toEqual([id("old")]);
    expect(listed(await page("?sort=oldest"))).toEqual([id("old"), id("top"), id("mid")]);
    expect(listed(await page("?sort=newest"))).toEqual([id("mid"), id("top"), id("old")]);
    const first = await page("?limit=2");
    const second = await page("?limit=2&offset=2");
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...listed(first), ...listed(second)]).toEqual([id("top"), id("mid"), id("old")]);
  });

  it("leaves a decided pair out", async () => {
    const decided = await pair("USA", {
      probability: 0.8,
      band: "likely",
      createdAt: "2026-04-01T00:00:00Z",
    });
    expect((await page("?band=likely")).total).toBe(3);
    const res = await t.request("POST", `/api/v1/registry/reviews/${decided}/decision`, {
      token: reviewer.token,
      body: { decision: "distinct", reason: "two different people" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(listed(await page("?band=likely"))).toEqual([id("top"), id("mid")]);
  });

  it("names the offices of a pair's two records", async () => {
    const res = await get(`/reviews/${id("top")}`);
    expect(res.status, res.text).toBe(200);
    const item = ReviewItem.parse(res.body);
    expect([item.left?.officeId, item.right?.officeId]).toEqual(["USA-Q1", "USA-Q2"]);
    expect(item.offices).toEqual(
      expect.arrayContaining([
        { id: "USA-Q1", name: "Harbor Street office" },
        { id: "USA-Q2", name: "Airport office" },
      ]),
    );
    expect(item.offices).toHaveLength(2);
    expect((await get(`/reviews/${id("mex")}`)).status).toBe(404);
  });

  it("refuses a bad parameter with 400 naming it", async () => {
    for (const [query, field] of [
      ["?band=unlikely", "band"],
      ["?sort=random", "sort"],
      ["?limit=101", "limit"],
      ["?offset=-3", "offset"],
      ["?status=open", "status"],
      ["?band=%00likely", "band"],
      ["?sort=%FF%FE", "sort"],
      [`?band=${"l".repeat(5000)}`, "band"],
    ] as const) {
      const res = await get(`/reviews${query}`);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toContain(field);
    }
  });
});

describeRoleMatrix(
  "registry review queue list",
  () => t,
  async () => ({}),
  [
    {
      name: "GET /registry/reviews (filtered)",
      method: "GET",
      path: () => "/api/v1/registry/reviews?band=likely&sort=newest&limit=5",
      permission: "person.merge",
      ok: 200,
    },
  ],
);
