import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { AssignmentPage, CaseExplanation, RunDetail, RunList } from "./placement.contract.ts";
import { steeringHistory } from "./placement.test-support.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  await t.close();
});

const base = "/api/v1/placement";
const files = {
  source: "csv",
  cases: "case_id,size\nA,2\nB,3\nC,1\n",
  places: "place_id,nation,capacity_persons\nP1,CAN,3\nP2,MEX,4\n",
  scores: "case_id,place_id,score\nA,P1,0.9\nA,P2,0.5\nB,P1,0.8\nB,P2,0.7\nC,P1,0.6\n",
} as const;

interface Fixture {
  runId: string;
  otherRunId: string;
}

// One run per calling nation and one of a partner nation; only pathway officers may override, so the one
// successful override per fixture changes nothing another call depends on.
const fixtures = new Map<string, Promise<Fixture>>();
function fixture(app: TestApp, nation: string): Promise<Fixture> {
  let found = fixtures.get(nation);
  if (!found) {
    found = (async () => {
      const partner = nation === "MEX" ? "GTM" : "MEX";
      const own = await app.app.placement.createRun(systemScope(nation, "test"), files);
      const other = await app.app.placement.createRun(systemScope(partner, "test"), files);
      return { runId: own.run.id, otherRunId: other.run.id };
    })();
    fixtures.set(nation, found);
  }
  return found;
}

describeRoleMatrix("placement", () => t, fixture, [
  {
    name: "GET /placement/runs",
    method: "GET",
    path: () => `${base}/runs`,
    permission: "placement.read",
    ok: 200,
  },
  {
    name: "POST /placement/runs",
    method: "POST",
    path: () => `${base}/runs`,
    body: () => files,
    permission: "placement.run",
    ok: 201,
  },
  {
    name: "GET /placement/runs/:id",
    method: "GET",
    path: (fx) => `${base}/runs/${fx.runId}`,
    otherNationPath: (fx) => `${base}/runs/${fx.otherRunId}`,
    permission: "placement.read",
    ok: 200,
  },
  {
    name: "GET /placement/runs/:id/assignments",
    method: "GET",
    path: (fx) => `${base}/runs/${fx.runId}/assignments?limit=10`,
    otherNationPath: (fx) => `${base}/runs/${fx.otherRunId}/assignments`,
    permission: "placement.read",
    ok: 200,
  },
  {
    name: "GET /placement/runs/:id/cases/:caseId",
    method: "GET",
    path: (fx) => `${base}/runs/${fx.runId}/cases/A`,
    otherNationPath: (fx) => `${base}/runs/${fx.otherRunId}/cases/A`,
    permission: "placement.read",
    ok: 200,
  },
  {
    name: "POST /placement/runs/:id/cases/:caseId/override",
    method: "POST",
    path: (fx) => `${base}/runs/${fx.runId}/cases/A/override`,
    otherNationPath: (fx) => `${base}/runs/${fx.otherRunId}/cases/A/override`,
    body: () => ({ placeId: null, reason: "the family withdrew from resettlement" }),
    permission: "placement.override",
    ok: 200,
  },
]);

describe("placement over HTTP", () => {
  let token = "";
  beforeAll(async () => {
    token = (await userWithToken(t, "CAN", ["pathway_officer"])).token;
  });

  it("runs the demo batch, lists it, pages its cases and explains one", async () => {
    const created = await t.request("POST", `${base}/runs`, { token, body: { source: "demo", cases: 40 } });
    expect(created.status, await created.clone().text()).toBe(201);
    const detail = RunDetail.parse(await created.json());
    expect(detail.run.assigned + detail.run.unassigned).toBe(40);
    const list = RunList.parse(await (await t.request("GET", `${base}/runs`, { token })).json());
    expect(list.runs[0]?.id).toBe(detail.run.id);
    const page = AssignmentPage.parse(
      await (await t.request("GET", `${base}/runs/${detail.run.id}/assignments?limit=5`, { token })).json(),
    );
    expect(page).toMatchObject({ total: 40, offset: 0 });
    expect(page.rows).toHaveLength(5);
    const first = page.rows[0]!;
    const why = await t.request("GET", `${base}/runs/${detail.run.id}/cases/${first.caseId}`, { token });
    const explanation = CaseExplanation.parse(await why.json());
    expect(explanation.current?.placeId ?? null).toBe(first.placeId);
  });

  it("answers 409 with the reason when an override would overfill a place", async () => {
    const { run } = await t.app.placement.createRun(systemScope("CAN", "test"), files);
    const res = await t.request("POST", `${base}/runs/${run.id}/cases/B/override`, {
      token,
      body: { placeId: "P1", reason: "closer to the family's relatives" },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("CONFLICT");
    expect(body.error.message).toMatch(/P1 is full for this family: 0 person\(s\) left, the family has 3/);
  });

  it("answers 400 naming the file, line and field of bad input, and for an override without a reason", async () => {
    const bad = await t.request("POST", `${base}/runs`, {
      token,
      body: { ...files, scores: "case_id,place_id,score\nA,P9,0.5\n" },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/scores\.csv, line 2, field place_id/);
    const { run } = await t.app.placement.createRun(systemScope("CAN", "test"), files);
    const noReason = await t.request("POST", `${base}/runs/${run.id}/cases/A/override`, {
      token,
      body: { placeId: null, reason: "" },
    });
    expect(noReason.status).toBe(400);
  });

  it("answers 400 naming body.scores when both scores and a history are sent, or neither", async () => {
    for (const body of [
      { ...files, history: "locality,outcome\nL1,1\n" },
      { ...files, scores: undefined },
    ]) {
      const res = await t.request("POST", `${base}/runs`, { token, body });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/body\.scores/);
    }
  });

  it("answers 409 naming body.acknowledgeFlaggedModel when the trained model is flagged", async () => {
    const res = await t.request("POST", `${base}/runs`, {
      token,
      body: {
        source: "csv",
        cases: "case_id,size,languages\nX,1,ar\n",
        places: "place_id,nation,capacity_persons,locality\nP1,CAN,5,L1\nP2,MEX,5,L2\n",
        history: steeringHistory(),
      },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details: { issues: { field: string }[] } } };
    expect(body.error.details.issues[0]?.field).toBe("body.acknowledgeFlaggedModel");
  });
});
