import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";

// What leaves a nation never carries a victim's protection record, even after the protection side approved a
// legal basis at home: not in the published hashes, not in details released to another nation, not in a case
// file. And on the other nation's audit chain, the acting nation appears, never its officer.

let t: TestApp;
const api = "/api/v1/networks";
const RING_PHONE = "+57 300 555 0101";
const VICTIM_PHONE = "+57 311 777 2424";
let col: { token: string; email: string };
let gtm: { token: string; email: string };
let protection: { token: string };

async function call<T>(method: string, url: string, token: string, body?: unknown) {
  const res = await t.request(method, `${api}${url}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, json: (text.startsWith("{") ? JSON.parse(text) : null) as T, text };
}

const link = (person: string, value: string, caseRef: string, kind = "called") => ({
  source: { type: "person", value: person },
  target: { type: "phone", value },
  kind,
  observedAt: "2024-05-02",
  caseRef,
});

async function ok(status: number, expected: number, what: string) {
  expect(status, what).toBe(expected);
}

beforeAll(async () => {
  t = await startTestApp();
  col = await userWithToken(t, "COL", ["investigator"]);
  gtm = await userWithToken(t, "GTM", ["investigator"]);
  protection = await userWithToken(t, "COL", ["protection_officer"]);
  for (const l of [1, 2, 3, 4].map((i) => link(`P-${i}`, RING_PHONE, `CASE-${i}`)))
    await ok((await call("POST", "/links", col.token, l)).status, 201, "ring link");
  for (const l of [
    link("VICTIM", VICTIM_PHONE, "CASE-V", "uses_phone"),
    link("VICTIM", RING_PHONE, "CASE-V"),
  ])
    await ok((await call("POST", "/links", col.token, l)).status, 201, "victim link");
  const flag = { caseRef: "CASE-V", reason: "victim of trafficking" };
  await ok((await call("POST", "/protection-records", protection.token, flag)).status, 201, "flag");
  // A domestic legal basis, approved by the protection side: the victim's record is open at home.
  const asked = await call<{ id: string }>("POST", "/legal-bases", col.token, {
    caseRef: "CASE-V",
    purpose: "identify who recruited the victim",
    authority: "court_order: Fiscalía order 88/2024",
  });
  const approve = { decision: "approve", note: "order verified" };
  await ok(
    (await call("POST", `/legal-bases/${asked.json.id}/decision`, protection.token, approve)).status,
    200,
    "approve",
  );
  for (const l of [link("G-1", "0057-3005550101", "GTM-CASE-1"), link("G-2", "+573117772424", "GTM-CASE-2")])
    await ok((await call("POST", "/links", gtm.token, l)).status, 201, "partner link");
  for (const token of [col.token, gtm.token])
    await ok((await call("POST", "/shared-hashes/publish", token)).status, 200, "publish");
}, 60_000);
afterAll(async () => {
  await t.close();
});

const publishedBy = (nation: string) =>
  t.database.asOwner(
    async (tx) =>
      (
        await sql<{
          hash: string;
        }>`select hash from network_shared_hashes where tenant_id = ${nation}`.execute(tx)
      ).rows,
  );

describe("protection records stay home", () => {
  it("are open at home once the legal basis is approved (the starting point)", async () => {
    const found = await call<{ matches: { id: string }[] }>(
      "GET",
      `/search?type=phone&value=${encodeURIComponent(RING_PHONE)}`,
      col.token,
    );
    const around = await call<{ edges: { caseRef: string }[] }>(
      "GET",
      `/entities/${found.json.matches[0]?.id}/neighbourhood`,
      col.token,
    );
    expect(around.json.edges.map((e) => e.caseRef)).toContain("CASE-V");
  });

  it("publish no identifier that only a protection record holds", async () => {
    expect(await publishedBy("COL")).toHaveLength(1);
    const matches = await call<{ matches: { entity: { value: string } }[] }>(
      "GET",
      "/shared-matches",
      gtm.token,
    );
    expect(matches.json.matches.map((m) => m.entity.value)).toEqual(["+573005550101"]);
  });

  it("release no protected case in the details another nation receives", async () => {
    const matches = await call<{ matches: { hash: string }[] }>("GET", "/shared-matches", gtm.token);
    const opened = await call<{ id: string }>("POST", "/detail-requests", gtm.token, {
      holder: "COL",
      type: "phone",
      hash: matches.json.matches[0]?.hash,
      purpose: "this phone recruits in our cases",
    });
    expect(opened.status).toBe(201);
    const decide = { decision: "approve", note: "shared under the regional agreement" };
    expect(
      (await call("POST", `/detail-requests/${opened.json.id}/decision`, col.token, decide)).status,
    ).toBe(200);
    const answer = await call<{ outgoing: { details: { cases: string[]; linkedTypes: object } }[] }>(
      "GET",
      "/detail-requests",
      gtm.token,
    );
    expect(answer.json.outgoing[0]?.details.cases).toEqual(["CASE-1", "CASE-2", "CASE-3", "CASE-4"]);
    expect(answer.text).not.toMatch(/CASE-V|victim/i);
  });

  it("leave protected links out of a case file, approved or not", async () => {
    const found = await call<{ matches: { id: string }[] }>(
      "GET",
      `/search?type=phone&value=${encodeURIComponent(RING_PHONE)}`,
      col.token,
    );
    const file = await call("GET", `/entities/${found.json.matches[0]?.id}/case-file`, col.token);
    expect(file.status).toBe(200);
    expect(file.text).toContain("CASE-1");
    expect(file.text).toContain("Protected — withheld from every export.");
    expect(file.text).not.toMatch(/CASE-V|VICTIM|\+573117772424/);
  });

  it("name the acting nation, never its officer, on the other nation's audit chain", async () => {
    const events = await t.database.asOwner(
      async (tx) =>
        (
          await sql<{ tenant_id: string; action: string; actor_label: string; actor_user: string | null }>`
            select tenant_id, action, actor_label, actor_user::text as actor_user from audit_events
            where action like 'network.detail_request.%'`.execute(tx)
        ).rows,
    );
    const label = (chain: string, action: string) =>
      events.find((e) => e.tenant_id === chain && e.action === action);
    expect(label("GTM", "network.detail_request.open")?.actor_label).toBe(gtm.email);
    expect(label("COL", "network.detail_request.received")).toMatchObject({
      actor_label: "nation:GTM",
      actor_user: null,
    });
    expect(label("COL", "network.detail_request.approve")?.actor_label).toBe(col.email);
    expect(label("GTM", "network.detail_request.answered")).toMatchObject({
      actor_label: "nation:COL",
      actor_user: null,
    });
  });
});
