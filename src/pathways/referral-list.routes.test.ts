import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { fileApplication, publishPathway } from "./pathways.test-support.ts";
import { ReferralPage } from "./referrals.contract.ts";

// The nation's referrals as a worklist (GET /pathways/referrals): one direction, filtered by status and by the
// other nation, newest first by default, paged with a total; a nation sees only its own side of each.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";

let t: TestApp;
let usa: { token: string };
let mex: { token: string };
let col: { token: string };
const sent: Record<string, string> = {};

async function refer(to: string, pathwayId: string): Promise<string> {
  const filed = await fileApplication(t.app.pathways, "MEX", "mex-sender");
  const referral = await t.app.pathways.referrals.refer(
    systemScope("MEX", "test", ["pathway_officer"]),
    filed.id,
    {
      toNation: to,
      toPathway: pathwayId,
      consentText: "The applicant agrees to be referred.",
      reason: "fits better there",
    },
  );
  return referral.id;
}

async function get(query: string, token = usa.token) {
  const res = await t.request("GET", `/api/v1/pathways/referrals${query}`, { token });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}
async function page(query: string, token = usa.token) {
  const res = await get(query, token);
  expect(res.status, res.text).toBe(200);
  return ReferralPage.parse(res.body);
}
/** The ids of a page's referrals (a referral keeps one id on both sides). */
const listed = (p: ReferralPage) => p.referrals.map((r) => r.id);

beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "MEX", "mex-sender");
  await publishPathway(t.app.pathways, "USA", "usa-receiver");
  await publishPathway(t.app.pathways, "COL", "col-receiver");
  usa = await userWithToken(t, "USA", ["pathway_officer"]);
  mex = await userWithToken(t, "MEX", ["pathway_officer"]);
  col = await userWithToken(t, "COL", ["pathway_officer"]);
  sent.first = await refer("USA", "usa-receiver");
  sent.second = await refer("USA", "usa-receiver");
  sent.third = await refer("USA", "usa-receiver");
  sent.toCol = await refer("COL", "col-receiver");
  const decide = async (id: string, status: string) => {
    const res = await t.request("POST", `/api/v1/pathways/referrals/${id}/decision`, {
      token: usa.token,
      body: { status, reason: "decided by the receiving officer" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  await decide(sent.second as string, "rejected");
});
afterAll(async () => {
  await t.close();
});

const id = (k: string) => sent[k] as string;

describe("GET /pathways/referrals", () => {
  it("lists the incoming referrals newest first with the total, never another nation's", async () => {
    const incoming = await page("");
    expect(listed(incoming)).toEqual([id("third"), id("second"), id("first")]);
    expect(incoming).toMatchObject({ total: 3, limit: 100, offset: 0 });
    expect(incoming.referrals.every((r) => r.direction === "incoming" && r.fromNation === "MEX")).toBe(true);
    expect(listed(await page("", col.token))).toEqual([id("toCol")]);
    expect((await page("?direction=outgoing")).total).toBe(0);
  });

  it("filters by status and by the other nation, sorts oldest first and pages", async () => {
    expect(listed(await page("?status=rejected"))).toEqual([id("second")]);
    expect(listed(await page("?status=pending&sort=oldest"))).toEqual([id("first"), id("third")]);
    expect((await page("?status=accepted")).total).toBe(0);
    expect((await page("?nation=MEX")).total).toBe(3);
    expect((await page("?nation=COL")).total).toBe(0);
    const outgoing = await page("?direction=outgoing&nation=USA&sort=oldest", mex.token);
    expect(outgoing.referrals.map((r) => r.toNation)).toEqual(["USA", "USA", "USA"]);
    const toCol = await page("?direction=outgoing&nation=COL", mex.token);
    expect(listed(toCol)).toEqual([id("toCol")]);
    const first = await page("?limit=2&sort=oldest");
    const second = await page("?limit=2&offset=2&sort=oldest");
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...listed(first), ...listed(second)]).toEqual([id("first"), id("second"), id("third")]);
  });

  it("refuses a bad parameter with 400 naming it", async () => {
    for (const [query, field] of [
      ["?direction=sideways", "direction"],
      ["?status=open", "status"],
      ["?nation=mexico", "nation"],
      ["?sort=probability", "sort"],
      ["?limit=0", "limit"],
      ["?limit=201", "limit"],
      ["?offset=many", "offset"],
      ["?code=ABC", "code"],
      ["?nation=%00EX", "nation"],
      ["?status=%FF%FE", "status"],
      [`?nation=${"M".repeat(5000)}`, "nation"],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toContain(field);
    }
  });
});

describeRoleMatrix(
  "pathway referral list",
  () => t,
  async () => ({}),
  [
    {
      name: "GET /pathways/referrals (filtered)",
      method: "GET",
      path: () => "/api/v1/pathways/referrals?direction=outgoing&status=pending&sort=oldest&limit=5",
      permission: "referral.decide",
      ok: 200,
    },
  ],
);
