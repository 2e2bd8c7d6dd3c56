import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";

// A smuggled client's or a victim's identifiers never leave the nation: never published as hashes, withdrawn the
// moment an entity is found to be one, and never released as details. Another nation — the one the person fled
// included — cannot learn from the network where they are.

let t: TestApp;
const api = "/api/v1/networks";
const RING_PHONE = "+57 300 555 0101";
const CLIENT_PHONE = "+57 310 222 3344";
const LATER_CLIENT_PHONE = "+57 315 999 8877";
let col: { token: string };
let gtm: { token: string };

async function call<T>(method: string, url: string, token: string, body?: unknown) {
  const res = await t.request(method, `${api}${url}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, json: (text.startsWith("{") ? JSON.parse(text) : null) as T, text };
}

const link = (person: string, phone: string, caseRef: string, role?: string) => ({
  source: { type: "person", value: person },
  target: { type: "phone", value: phone, ...(role ? { role } : {}) },
  kind: "uses_phone",
  observedAt: "2024-05-02",
  caseRef,
});

async function post(token: string, body: unknown) {
  const res = await call("POST", "/links", token, body);
  expect(res.status, res.text).toBe(201);
}

const publish = async (token: string) =>
  expect((await call("POST", "/shared-hashes/publish", token)).status).toBe(200);

const matchedValues = async (token: string) =>
  (await call<{ matches: { entity: { value: string } }[] }>("GET", "/shared-matches", token)).json.matches
    .map((m) => m.entity.value)
    .sort();

beforeAll(async () => {
  t = await startTestApp();
  col = await userWithToken(t, "COL", ["investigator"]);
  gtm = await userWithToken(t, "GTM", ["investigator"]);
  await post(col.token, link("P-1", RING_PHONE, "CASE-1", "suspect"));
  await post(col.token, link("C-1", CLIENT_PHONE, "CASE-2", "client"));
  await post(col.token, link("C-2", LATER_CLIENT_PHONE, "CASE-3"));
  for (const phone of [RING_PHONE, CLIENT_PHONE, LATER_CLIENT_PHONE])
    await post(gtm.token, link("G-1", phone, "GTM-CASE-1"));
  await publish(col.token);
  await publish(gtm.token);
}, 60_000);
afterAll(async () => {
  await t.close();
});

const publishedCount = (nation: string) =>
  t.database.asOwner(
    async (tx) =>
      (
        await sql<{ n: number }>`select count(*)::int as n from network_shared_hashes
          where tenant_id = ${nation} and entity_type = 'phone'`.execute(tx)
      ).rows[0]?.n,
  );

describe("clients' and victims' identifiers", () => {
  it("are not published: the partner matches the suspect's phone and the unknown one, never the client's", async () => {
    expect(await publishedCount("COL")).toBe(2);
    expect(await matchedValues(gtm.token)).toEqual(["+573005550101", "+573159998877"]);
  });

  it("are withdrawn in the same step that finds an entity to be a client, and the change is audited", async () => {
    const found = await call<{ matches: { id: string }[] }>(
      "GET",
      `/search?type=phone&value=${encodeURIComponent(LATER_CLIENT_PHONE)}`,
      col.token,
    );
    const id = found.json.matches[0]?.id;
    const matches = await call<{ matches: { hash: string; entity: { value: string } }[] }>(
      "GET",
      "/shared-matches",
      gtm.token,
    );
    const hash = matches.json.matches.find((m) => m.entity.value === "+573159998877")?.hash;
    // Guatemala asks for details while the phone is still published …
    const asked = await call<{ id: string }>("POST", "/detail-requests", gtm.token, {
      holder: "COL",
      type: "phone",
      hash,
      purpose: "this phone appears in our smuggling case",
    });
    expect(asked.status, asked.text).toBe(201);

    const set = await call("PUT", `/entities/${id}/role`, col.token, { role: "client" });
    expect(set.status, set.text).toBe(200);
    expect(await publishedCount("COL")).toBe(1);
    expect(await matchedValues(gtm.token)).toEqual(["+573005550101"]);
    const event = await t.database.asOwner(
      async (tx) =>
        (
          await sql<{ details: { to: string; hashWithdrawn: boolean } }>`select details from audit_events
            where tenant_id = 'COL' and action = 'network.entity.role.set' and target_id = ${id}`.execute(tx)
        ).rows[0]?.details,
    );
    expect(event).toMatchObject({ to: "client", hashWithdrawn: true });

    // … and Colombia can no longer release them, even by approving the request it received before.
    const decided = await call("POST", `/detail-requests/${asked.json.id}/decision`, col.token, {
      decision: "approve",
      note: "shared under the regional agreement",
    });
    expect(decided.status).toBe(409);
    const outgoing = await call("GET", "/detail-requests", gtm.token);
    expect(outgoing.text).not.toContain("CASE-3");
  });

  it("stay out of the next publication too", async () => {
    await publish(col.token);
    expect(await publishedCount("COL")).toBe(1);
  });
});
