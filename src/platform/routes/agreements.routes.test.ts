import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { describeRoleMatrix } from "../../../test/role-matrix.ts";
import type { AgreementProposal } from "../agreements/agreements.contract.ts";
import { systemScope } from "../auth/scope.ts";

// Data-sharing agreements: one side proposes, the other accepts; either suspends or ends; the side that
// suspended resumes. Both sides hold the agreement and both audit chains record every step.

let t: TestApp;
let usaAdmin: string;
let mexAdmin: string;
let gtmAdmin: string;
let usaAuditor: string;
beforeAll(async () => {
  t = await startTestApp({ agreements: false });
  usaAdmin = (await userWithToken(t, "USA", ["nation_admin"])).token;
  mexAdmin = (await userWithToken(t, "MEX", ["nation_admin"])).token;
  gtmAdmin = (await userWithToken(t, "GTM", ["nation_admin"])).token;
  usaAuditor = (await userWithToken(t, "USA", ["auditor"])).token;
});
afterAll(async () => {
  await t.close();
});

const proposal = (partner: string, over: Partial<AgreementProposal> = {}) => ({
  partner,
  purposes: ["cross_border_referral", "prior_residence_verification"],
  categories: {
    cross_border_referral: ["identity", "nationality"],
    prior_residence_verification: ["residence_status"],
  },
  instrument: { title: "Memorandum on referrals", reference: "MOU-2024-07", date: "2024-07-01" },
  validFrom: "2024-07-01",
  validUntil: null,
  ...over,
});

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

const decide = (token: string, id: string, decision: string, reason = "as agreed by the ministries") =>
  send("POST", `/agreements/${id}/decision`, token, { decision, reason });

/** Agreement audit events on a nation's chain for one agreement, in order. */
const chainEvents = (nation: string, id: string) =>
  t.database.asOwner(async (tx) =>
    (
      await sql<{ action: string }>`select action from audit_events
        where tenant_id = ${nation} and target_id = ${id} order by seq`.execute(tx)
    ).rows.map((r) => r.action),
  );

describe("an agreement's life", () => {
  it("is proposed by one side, accepted by the other, and then in force on both sides; both chains record it", async () => {
    const proposed = await send("POST", "/agreements", mexAdmin, proposal("USA"));
    expect(proposed.status, proposed.text).toBe(201);
    const id = proposed.body.id as string;
    expect(proposed.body).toMatchObject({
      partner: "USA",
      proposedBy: "MEX",
      status: "proposed",
      inForce: false,
    });

    const seenByUsa = await send("GET", "/agreements", usaAdmin);
    expect(seenByUsa.body.agreements).toEqual([
      expect.objectContaining({ id, partner: "MEX", proposedBy: "MEX", status: "proposed" }),
    ]);
    const own = await decide(mexAdmin, id, "accept");
    expect(own.status, own.text).toBe(403);
    expect(own.text).toMatch(/the partner accepts/);

    const accepted = await decide(usaAdmin, id, "accept");
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", inForce: true, partner: "MEX" });
    const mexSide = (await send("GET", "/agreements", mexAdmin)).body.agreements as { status: string }[];
    expect(mexSide[0]).toMatchObject({ id, status: "accepted", inForce: true, partner: "USA" });
    expect(await chainEvents("MEX", id)).toEqual(["agreement.propose", "agreement.accept"]);
    expect(await chainEvents("USA", id)).toEqual(["agreement.propose", "agreement.accept"]);

    expect((await send("GET", "/agreements", usaAuditor)).status).toBe(200);
    expect((await send("POST", "/agreements", mexAdmin, proposal("USA"))).status).toBe(409);
  });

  it("is suspended by either side, resumed only by the side that suspended it, and ended", async () => {
    const id = (await send("POST", "/agreements", usaAdmin, proposal("GTM"))).body.id as string;
    expect((await decide(gtmAdmin, id, "accept")).status).toBe(200);
    expect((await decide(gtmAdmin, id, "suspend")).body).toMatchObject({
      status: "suspended",
      inForce: false,
    });
    const notTheirs = await decide(usaAdmin, id, "resume");
    expect(notTheirs.status, notTheirs.text).toBe(403);
    expect(notTheirs.text).toMatch(/GTM suspended this agreement/);
    expect((await decide(gtmAdmin, id, "resume")).body).toMatchObject({ status: "accepted", inForce: true });
    expect((await decide(usaAdmin, id, "end")).body).toMatchObject({ status: "ended", inForce: false });
    const again = await decide(gtmAdmin, id, "accept");
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/already ended/);
    // Once ended, the pair may make another.
    expect((await send("POST", "/agreements", gtmAdmin, proposal("USA"))).status).toBe(201);
    expect(await chainEvents("GTM", id)).toEqual([
      "agreement.propose",
      "agreement.accept",
      "agreement.suspend",
      "agreement.resume",
      "agreement.end",
    ]);
  });

  it("is not in force before its first day or after its last", async () => {
    const future = await send("POST", "/agreements", usaAdmin, proposal("CAN", { validFrom: "2999-01-01" }));
    const canAdmin = (await userWithToken(t, "CAN", ["nation_admin"])).token;
    expect((await decide(canAdmin, future.body.id as string, "accept")).body).toMatchObject({
      status: "accepted",
      inForce: false,
    });
    const past = await send(
      "POST",
      "/agreements",
      usaAdmin,
      proposal("PER", { validFrom: "2020-01-01", validUntil: "2021-12-31" }),
    );
    const perAdmin = (await userWithToken(t, "PER", ["nation_admin"])).token;
    expect((await decide(perAdmin, past.body.id as string, "accept")).body).toMatchObject({ inForce: false });
  });
});

describe("what a proposal must say", () => {
  it.each([
    [
      "a purpose without its categories",
      { categories: { cross_border_referral: ["identity"] } },
      /categories/,
    ],
    [
      "categories of a purpose not proposed",
      { purposes: ["cross_border_referral"] },
      /not one of the purposes/,
    ],
    ["an unknown purpose", { purposes: ["marketing"] }, /purposes/],
    ["an unknown category", { categories: { cross_border_referral: ["biometrics"] } }, /categories/],
    [
      "statistics carrying data about a person",
      { purposes: ["statistics"], categories: { statistics: ["aggregate_counts", "identity"] } },
      /categories\.statistics/,
    ],
    ["an end before the start", { validFrom: "2024-07-01", validUntil: "2024-06-30" }, /validUntil/],
    [
      "an instrument without a title",
      { instrument: { title: " ", reference: "X", date: "2024-01-01" } },
      /title/,
    ],
    [
      "an instrument dated 30 February",
      { instrument: { title: "T", reference: "X", date: "2024-02-30" } },
      /date/,
    ],
    [
      "a NUL in the reference",
      { instrument: { title: "T", reference: "A\u0000B", date: "2024-01-01" } },
      /reference/,
    ],
  ])("refuses %s with 400 naming the field", async (_name, over, field) => {
    const res = await send(
      "POST",
      "/agreements",
      usaAdmin,
      proposal("CHL", over as Partial<AgreementProposal>),
    );
    expect(res.status, res.text).toBe(400);
    expect(res.text).toMatch(field);
  });

  it("refuses an agreement with oneself (400), with no such tenant (404), and personal purposes with the secretariat (400)", async () => {
    expect((await send("POST", "/agreements", usaAdmin, proposal("USA"))).status).toBe(400);
    expect((await send("POST", "/agreements", usaAdmin, proposal("ZZZ"))).status).toBe(404);
    const reg = await send("POST", "/agreements", usaAdmin, proposal("REG"));
    expect(reg.status).toBe(400);
    expect(reg.text).toMatch(/statistics only/);
    const stats = await send(
      "POST",
      "/agreements",
      usaAdmin,
      proposal("REG", { purposes: ["statistics"], categories: { statistics: ["aggregate_counts"] } }),
    );
    expect(stats.status, stats.text).toBe(201);
  });

  it("lets a third nation neither see nor decide an agreement of two others (404)", async () => {
    const id = (await send("POST", "/agreements", usaAdmin, proposal("ECU"))).body.id as string;
    const third = await decide(gtmAdmin, id, "accept");
    expect(third.status).toBe(404);
    const list = (await send("GET", "/agreements", gtmAdmin)).body.agreements as { id: string }[];
    expect(list.map((a) => a.id)).not.toContain(id);
  });

  it("takes one of two decisions both sides make at the same moment, and both sides read the same status", async () => {
    const braAdmin = (await userWithToken(t, "BRA", ["nation_admin"])).token;
    const uryAdmin = (await userWithToken(t, "URY", ["nation_admin"])).token;
    const id = (await send("POST", "/agreements", braAdmin, proposal("URY"))).body.id as string;
    expect((await decide(uryAdmin, id, "accept")).status).toBe(200);
    const answers = await Promise.all([decide(braAdmin, id, "suspend"), decide(uryAdmin, id, "suspend")]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const sides = await Promise.all(
      [braAdmin, uryAdmin].map(
        async (token) =>
          (
            (await send("GET", "/agreements", token)).body.agreements as { id: string; status: string }[]
          ).find((a) => a.id === id)?.status,
      ),
    );
    expect(sides).toEqual(["suspended", "suspended"]);
  });

  it("takes one of two proposals made to each other at the same moment", async () => {
    const slvAdmin = (await userWithToken(t, "SLV", ["nation_admin"])).token;
    const hndAdmin = (await userWithToken(t, "HND", ["nation_admin"])).token;
    const answers = await Promise.all([
      send("POST", "/agreements", slvAdmin, proposal("HND")),
      send("POST", "/agreements", hndAdmin, proposal("SLV")),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });
});

// Partners handed out in turn, so every call of the matrix has pairs in a known state.
const PARTNERS = ["ARG", "BRB", "BLZ", "BRA", "CHL", "COL", "CRI", "ECU", "JAM", "PAN", "PRY", "URY", "GUY"];
let turn = 0;
const stats = { purposes: ["statistics"], categories: { statistics: ["aggregate_counts"] } };

/** Ends every live agreement between two tenants. */
async function endBetween(app: TestApp, a: string, b: string) {
  const { agreements } = app.app.platform;
  for (const x of await agreements.list(systemScope(a, "test")))
    if (x.partner === b && x.status !== "ended")
      await agreements.decide(systemScope(a, "test"), x.id, { decision: "end", reason: "test reset" });
}

describeRoleMatrix(
  "agreements",
  () => t,
  async (app, nation) => {
    const { agreements } = app.app.platform;
    const proposer = PARTNERS[turn++ % PARTNERS.length] as string;
    const free = PARTNERS[turn++ % PARTNERS.length] as string;
    await endBetween(app, nation, proposer);
    await endBetween(app, nation, free);
    const proposed = await agreements.propose(systemScope(proposer, "test"), {
      ...proposal(nation),
      ...stats,
    } as AgreementProposal);
    // An agreement of two other nations: its id must answer 404 to the caller.
    await endBetween(app, "HTI", "HND");
    const other = await agreements.propose(systemScope("HTI", "test"), {
      ...proposal("HND"),
      ...stats,
    } as AgreementProposal);
    return { proposedId: proposed.id, otherId: other.id, free };
  },
  [
    {
      name: "GET /agreements",
      method: "GET",
      path: () => "/api/v1/agreements",
      permission: "agreement.read",
      ok: 200,
    },
    {
      name: "POST /agreements",
      method: "POST",
      path: () => "/api/v1/agreements",
      body: (fx) => ({ ...proposal(fx.free), ...stats }),
      permission: "agreement.manage",
      ok: 201,
    },
    {
      name: "POST /agreements/:id/decision",
      method: "POST",
      path: (fx) => `/api/v1/agreements/${fx.proposedId}/decision`,
      otherNationPath: (fx) => `/api/v1/agreements/${fx.otherId}/decision`,
      body: () => ({ decision: "accept", reason: "signed" }),
      permission: "agreement.manage",
      ok: 200,
    },
  ],
);
