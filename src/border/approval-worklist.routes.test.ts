import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { referenceOf } from "../shared/reference-code.ts";
import { ApprovalQueuePage } from "./approval-worklist.contract.ts";
import { usPackText, venezuelanWhoLivedInColombia } from "./border.test-support.ts";
import type { EncounterRecord } from "./border-records.contract.ts";

// A border supervisor's queue (GET /border/my-queue): the decisions awaiting approval, never a superseded or an
// already reviewed one, the count and the page both from the database; filtered by disposition, citizenship and
// the needs the border itself records, searched by decision or encounter id, sorted and paged with a total.

let t: TestApp;
let supervisor: { token: string };
let mexSupervisor: { token: string };
const officer = (nation: string) => systemScope(nation, "test", ["border_officer"]);
const decisions: Record<string, string> = {};
const encounters: Record<string, string> = {};

/** The US pack with every Title 8 processing put to a supervisor, relabelled for `nation`. */
function packNeedingApproval(nation: string): string {
  const pack = JSON.parse(usPackText) as { jurisdiction: string; dispositions: Record<string, unknown>[] };
  return JSON.stringify({
    ...pack,
    jurisdiction: nation,
    dispositions: pack.dispositions.map((d) =>
      d.code === "title8_processing" ? { ...d, supervisorApproval: true } : d,
    ),
  });
}

async function decided(nation: string, key: string, change: Partial<EncounterRecord>) {
  const encounter = await t.app.border.recordEncounter(officer(nation), {
    ...venezuelanWhoLivedInColombia,
    ...change,
  });
  encounters[key] = encounter.id;
  const decision = await t.app.border.decide(officer(nation), encounter.id, {
    disposition: "title8_processing",
    reason: "processed under Title 8",
  });
  decisions[key] = decision.id;
  return decision.id;
}

async function get(query: string, token = supervisor.token) {
  const res = await t.request("GET", `/api/v1/border/my-queue${query}`, { token });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}
const page = async (query: string, token = supervisor.token) => {
  const res = await get(query, token);
  expect(res.status, res.text).toBe(200);
  return ApprovalQueuePage.parse(res.body);
};
const listed = (p: { decisions: { id: string }[] }) => p.decisions.map((d) => d.id);
const ids = (...keys: string[]) => keys.map((k) => decisions[k]);

beforeAll(async () => {
  t = await startTestApp();
  supervisor = await userWithToken(t, "USA", ["nation_admin"]);
  mexSupervisor = await userWithToken(t, "MEX", ["nation_admin"]);
  await t.app.border.loadPack(systemScope("USA", "test"), packNeedingApproval("USA"));
  await t.app.border.loadPack(systemScope("MEX", "test"), packNeedingApproval("MEX"));
  await decided("USA", "ven", {});
  await decided("USA", "child", { citizenship: "HTI", demographic: "unaccompanied_minor" });
  await decided("USA", "medical", { citizenship: "COL", medicalEmergency: true });
  await decided("USA", "trafficked", {
    citizenship: "HND",
    demographic: "family_unit",
    traffickingIndicators: ["debt bondage"],
  });
  // A decision corrected by a later one: only the correction waits.
  const first = await decided("USA", "corrected", { citizenship: "HTI" });
  decisions.superseded = first;
  const correction = await t.app.border.decide(officer("USA"), encounters.corrected as string, {
    disposition: "title8_processing",
    reason: "processed under Title 8, corrected",
    supersedes: first,
  });
  decisions.corrected = correction.id;
  // A decision already approved: no longer waiting.
  const done = await decided("USA", "approved", { citizenship: "VEN" });
  await t.app.border.approveDecision(
    { ...systemScope("USA", "test", ["nation_admin"]), userId: "00000000-0000-4000-8000-000000000001" },
    done,
    { approve: true, reason: "checked" },
  );
  await decided("MEX", "mex", {});
});
afterAll(async () => {
  await t.close();
});

describe("GET /border/my-queue", () => {
  it("lists what awaits approval, oldest first: never a superseded, a reviewed or another nation's decision", async () => {
    const all = await page("");
    expect(listed(all)).toEqual(ids("ven", "child", "medical", "trafficked", "corrected"));
    expect(all.total).toBe(5);
    expect(listed(all)).not.toContain(decisions.superseded);
    expect(listed(all)).not.toContain(decisions.approved);
    expect(listed(await page("", mexSupervisor.token))).toEqual(ids("mex"));
    // The older list agrees: superseded decisions are left out by the database there too.
    const older = await t.request("GET", "/api/v1/border/decisions/awaiting-approval", {
      token: supervisor.token,
    });
    const olderBody = (await older.json()) as {
      decisions: {
        id: string;
        assessment: { dispositions: { reasons: string[]; explained?: unknown[] }[] };
      }[];
      packLanguage: string;
    };
    expect(olderBody.decisions.map((d) => d.id)).toEqual(listed(all));
    // The reasons come coded beside their English, and the pack's words are said to be English.
    expect(olderBody.packLanguage).toBe("en");
    for (const option of olderBody.decisions[0]?.assessment.dispositions ?? [])
      expect(option.explained).toHaveLength(option.reasons.length);
  });

  it("sorts newest first and pages past a superseded decision: page 2 is the rest, the total right", async () => {
    expect(listed(await page("?sort=newest"))).toEqual(
      ids("corrected", "trafficked", "medical", "child", "ven"),
    );
    const first = await page("?limit=2");
    const second = await page("?limit=2&offset=2");
    const third = await page("?limit=2&offset=4");
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect([first.decisions.length, second.decisions.length, third.decisions.length]).toEqual([2, 2, 1]);
    expect([...listed(first), ...listed(second), ...listed(third)]).toEqual(listed(await page("")));
  });

  it("filters by disposition, citizenship and the needs the border records", async () => {
    expect((await page("?disposition=title8_processing")).total).toBe(5);
    expect((await page("?disposition=third_country_return")).total).toBe(0);
    expect(listed(await page("?nationality=HTI"))).toEqual(ids("child", "corrected"));
    expect(listed(await page("?needs=unaccompanied_child"))).toEqual(ids("child"));
    expect(listed(await page("?needs=serious_medical_condition"))).toEqual(ids("medical"));
    expect(listed(await page("?needs=victim_of_trafficking"))).toEqual(ids("trafficked"));
    expect((await page("?needs=victim_of_trafficking,serious_medical_condition")).total).toBe(0);
    const item = (await page("?needs=unaccompanied_child")).decisions[0];
    expect(item).toMatchObject({
      citizenship: "HTI",
      demographic: "unaccompanied_minor",
      status: "awaiting_approval",
    });
  });

  it("finds a decision by its id or its encounter's id, whole or its first characters", async () => {
    expect(listed(await page(`?code=${decisions.medical}`))).toEqual(ids("medical"));
    expect(listed(await page(`?code=${encounters.trafficked}`))).toEqual(ids("trafficked"));
    expect(listed(await page(`?code=${(decisions.child as string).slice(0, 8)}`))).toContain(decisions.child);
    expect((await page(`?code=${decisions.mex}`)).total).toBe(0);
    expect((await page(`?code=${decisions.superseded}`)).total).toBe(0);
  });

  it("shows each decision's encounter reference and finds it by that reference or its first characters", async () => {
    const id = encounters.trafficked as string;
    const reference = referenceOf("encounter", id);
    const item = (await page("")).decisions.find((d) => d.id === decisions.trafficked);
    expect(item?.encounterReference).toBe(reference);
    const code = reference.slice(2).replace("-", "");
    for (const search of [
      reference,
      reference.toLowerCase(),
      code,
      `E-${code.slice(0, 4)}`,
      code.slice(0, 4),
    ])
      expect(listed(await page(`?code=${encodeURIComponent(search)}`)), search).toContain(
        decisions.trafficked,
      );
    expect(listed(await page(`?code=${reference}`))).toEqual(ids("trafficked"));
    // Another nation's encounter whose id starts with the same 40 bits, awaiting approval: never listed here.
    const twin = `${id.slice(0, 11)}${id[11] === "0" ? "1" : "0"}${id.slice(12)}`;
    const copy = (table: string, match: string, changes: Record<string, string>) =>
      t.app.platform.database.asOwner((tx) =>
        sql`insert into ${sql.table(table)}
          select (jsonb_populate_record(null::${sql.table(table)}, to_jsonb(r) || ${JSON.stringify(changes)}::jsonb)).*
          from ${sql.table(table)} r where tenant_id = 'MEX' and ${sql.ref(match)} = ${encounters.mex}::uuid`.execute(
          tx,
        ),
      );
    await copy("border_encounters", "id", { id: twin });
    await copy("border_decisions", "encounter_id", { id: crypto.randomUUID(), encounter_id: twin });
    expect(referenceOf("encounter", twin)).toBe(reference);
    const mex = await page(`?code=${reference}`, mexSupervisor.token);
    expect(mex.decisions.map((d) => d.encounterId)).toEqual([twin]);
    expect(listed(await page(`?code=${reference}`))).toEqual(ids("trafficked"));
    expect((await page(`?code=${code.slice(0, 4)}`)).decisions.map((d) => d.encounterId)).not.toContain(twin);
    expect(
      (await page(`?code=${code.slice(0, 4)}`, mexSupervisor.token)).decisions.map((d) => d.encounterId),
    ).toEqual([twin]);
  });

  it("refuses a case's reference or a character references do not use, naming code", async () => {
    for (const search of ["C-7KQ2-M9XD", "E-7KQO", "E-7K"]) {
      const res = await get(`?code=${search}`);
      expect(res.status, search).toBe(400);
      expect(res.text, search).toContain("code");
    }
    expect((await get("?code=C-7KQ2")).text).toContain("E-");
  });

  it("refuses what it cannot answer honestly, and bad parameters, with 400 naming them", async () => {
    for (const [query, field] of [
      ["?age=18-59", "age"],
      ["?needs=woman_at_risk", "needs"],
      ["?disposition=deport", "disposition"],
      ["?nationality=hti", "nationality"],
      ["?sort=due", "sort"],
      ["?offset=10001", "offset"],
      ["?code=not-an-id", "code"],
      ["?stage=open", "stage"],
      // Hostile input: a NUL, bytes that are not UTF-8, a value far too long.
      ["?code=a%00b", "code"],
      ["?nationality=%FF%FE", "nationality"],
      [`?code=${"a".repeat(5000)}`, "code"],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toContain(field);
    }
    expect((await get("?age=18-59")).text).toContain("registry");
  });
});

describeRoleMatrix(
  "border queue",
  () => t,
  async () => ({}),
  [
    {
      name: "GET /border/my-queue",
      method: "GET",
      path: () => "/api/v1/border/my-queue",
      permission: "border.approve",
      ok: 200,
    },
  ],
);
