import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import type { AssignmentRow, RunDetail } from "./placement.contract.ts";

// Officers overriding at the same moment: a place never holds more than its capacity, the same move is made
// once, and every override's previous place is where the family really was.

let t: TestApp;
const officers: string[] = [];
beforeAll(async () => {
  t = await startTestApp();
  for (let i = 0; i < 5; i++) officers.push((await userWithToken(t, "USA", ["pathway_officer"])).token);
}, 60_000);
afterAll(async () => {
  await t.close();
});

const base = "/api/v1/placement/runs";
const families = ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"];
// Every family prefers P1 (three persons) to P2 (ten): the plan fills P1 and puts the rest at P2.
const files = {
  source: "csv",
  cases: `case_id,size\n${families.map((f) => `${f},1`).join("\n")}\n`,
  places: "place_id,nation,capacity_persons\nP1,CAN,3\nP2,MEX,10\n",
  scores: `case_id,place_id,score\n${families.map((f) => `${f},P1,0.9\n${f},P2,0.5`).join("\n")}\n`,
};

async function newRun(): Promise<string> {
  const res = await t.request("POST", base, { token: officers[0], body: files });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as RunDetail).run.id;
}

async function placesOf(runId: string): Promise<Map<string, string | null>> {
  const res = await t.request("GET", `${base}/${runId}/assignments?limit=500`, { token: officers[0] });
  const page = (await res.json()) as { rows: AssignmentRow[] };
  return new Map(page.rows.map((r) => [r.caseId, r.placeId]));
}

const override = (runId: string, caseId: string, placeId: string | null, token: string) =>
  t.request("POST", `${base}/${runId}/cases/${caseId}/override`, {
    token,
    body: { placeId, reason: "officers acting at the same moment" },
  });

async function overrideRows(runId: string) {
  return t.database.asOwner((tx) =>
    tx
      .selectFrom("placement_overrides")
      .select(["case_id", "previous_place_id", "place_id"])
      .where("run_id", "=", runId)
      .orderBy("created_at")
      .execute(),
  );
}

async function overrideEvents(runId: string): Promise<number> {
  const rows = await t.database.asOwner((tx) =>
    tx
      .selectFrom("audit_events")
      .select("seq")
      .where("tenant_id", "=", "USA")
      .where("action", "=", "placement.override")
      .where("target_id", "=", runId)
      .execute(),
  );
  return rows.length;
}

async function withinCapacity(runId: string): Promise<boolean> {
  const detail = await t.app.placement.getRun(systemScope("USA", "test", ["pathway_officer"]), runId);
  return detail.places.every((p) => p.assignedPersons <= p.capacityPersons);
}

describe("overrides at the same moment", () => {
  it("five families moved at once into a place with room for two: two moves, three 409s", async () => {
    const runId = await newRun();
    const placed = await placesOf(runId);
    const atP1 = families.filter((f) => placed.get(f) === "P1");
    const atP2 = families.filter((f) => placed.get(f) === "P2");
    expect([atP1.length, atP2.length]).toEqual([3, 5]);
    for (const f of atP1.slice(0, 2))
      expect((await override(runId, f, null, officers[0] as string)).status).toBe(200);
    const answers = await Promise.all(atP2.map((f, i) => override(runId, f, "P1", officers[i] as string)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 409, 409, 409]);
    expect(await withinCapacity(runId)).toBe(true);
    const after = await placesOf(runId);
    expect(families.filter((f) => after.get(f) === "P1")).toHaveLength(3);
    expect(await overrideRows(runId)).toHaveLength(4);
    expect(await overrideEvents(runId)).toBe(4);
  });

  it("the same move by two officers at once is made once", async () => {
    const runId = await newRun();
    const placed = await placesOf(runId);
    const out = families.find((f) => placed.get(f) === "P1") as string;
    const answers = await Promise.all(officers.slice(0, 2).map((token) => override(runId, out, null, token)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await overrideRows(runId)).toEqual([{ case_id: out, previous_place_id: "P1", place_id: null }]);
    expect(await overrideEvents(runId)).toBe(1);
  });

  it("different moves of one family at once: each override starts where the family was", async () => {
    const runId = await newRun();
    const placed = await placesOf(runId);
    const mover = families.find((f) => placed.get(f) === "P2") as string;
    const freed = families.find((f) => placed.get(f) === "P1") as string;
    expect((await override(runId, freed, null, officers[0] as string)).status).toBe(200);
    const answers = await Promise.all([
      override(runId, mover, "P1", officers[1] as string),
      override(runId, mover, null, officers[2] as string),
    ]);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const history = (await overrideRows(runId)).filter((o) => o.case_id === mover);
    let where: string | null = "P2";
    for (const o of history) {
      expect(o.previous_place_id).toBe(where);
      where = o.place_id;
    }
    expect((await placesOf(runId)).get(mover)).toBe(where);
    expect(await withinCapacity(runId)).toBe(true);
  });
});
