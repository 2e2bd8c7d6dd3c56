import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { bindTenant } from "../platform/db/scoped.ts";

// The wall around victims' protection records, and discovery across nations, through the HTTP API.

let t: TestApp;
const api = "/api/v1/networks";
const RING_PHONE = "+57 300 555 0101";
const VICTIM_PHONE = "+57 311 777 2424";
let inv: { token: string; userId: string };
let protection: { token: string };

async function call<T>(
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; json: T; text: string }> {
  const res = await t.request(method, `${api}${url}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, json: (text.startsWith("{") ? JSON.parse(text) : null) as T, text };
}

const link = (person: string, type: string, value: string, caseRef: string, kind = "called") => ({
  source: { type: "person", value: person },
  target: { type, value },
  kind,
  observedAt: "2024-05-02",
  caseRef,
});

beforeAll(async () => {
  t = await startTestApp();
  inv = await userWithToken(t, "COL", ["investigator"]);
  protection = await userWithToken(t, "COL", ["protection_officer"]);
  const smuggling = [1, 2, 3, 4].map((i) => link(`P-${i}`, "phone", RING_PHONE, `CASE-${i}`));
  for (const l of smuggling) expect((await call("POST", "/links", inv.token, l)).status).toBe(201);
  // The victim's case: her own phone, and her call to the ring's phone. The protection side flags it.
  for (const l of [
    link("VICTIM", "phone", VICTIM_PHONE, "CASE-V", "uses_phone"),
    link("VICTIM", "phone", RING_PHONE, "CASE-V"),
  ])
    expect((await call("POST", "/links", inv.token, l)).status).toBe(201);
  const flagged = await call("POST", "/protection-records", protection.token, {
    caseRef: "CASE-V",
    reason: "victim of trafficking",
  });
  expect(flagged.status).toBe(201);
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function ringView() {
  const found = await call<{ matches: { id: string }[] }>(
    "GET",
    `/search?type=phone&value=${encodeURIComponent(RING_PHONE)}`,
    inv.token,
  );
  const id = found.json.matches[0]?.id as string;
  const around = await call<{
    edges: { caseRef: string }[];
    nodes: { value: string }[];
    protectedRecords: { ref: string }[];
  }>("GET", `/entities/${id}/neighbourhood`, inv.token);
  const file = await call("GET", `/entities/${id}/case-file`, inv.token);
  return { id, around: around.json, aroundText: around.text, file: file.text };
}

interface Basis {
  id: string;
  status: string;
  caseRef: string | null;
  protectedRef: string;
}

describe("the wall", () => {
  it("hides a victim's phone and case from investigators while no legal basis is approved", async () => {
    const victim = await call<{ matches: unknown[] }>(
      "GET",
      `/search?type=phone&value=${encodeURIComponent(VICTIM_PHONE)}`,
      inv.token,
    );
    expect(victim.json.matches).toEqual([]);
    const { around, aroundText, file } = await ringView();
    expect(around.edges.map((e) => e.caseRef).sort()).toEqual(["CASE-1", "CASE-2", "CASE-3", "CASE-4"]);
    expect(around.nodes.map((n) => n.value)).not.toContain("victim");
    // The ring phone says a protection record touches it, by an opaque reference and nothing more.
    expect(around.protectedRecords).toEqual([{ ref: expect.stringMatching(/^PR-[\w-]{16}$/) }]);
    expect(aroundText).not.toMatch(/case-v|victim|3117772424/i);
    expect(file).toContain("CASE-1");
    expect(file).toContain("Protected — withheld from every export.");
    expect(file).not.toContain("CASE-V");
    expect(file).not.toContain("+573117772424");
    const victimId = await t.database.asOwner(async (tx) => {
      const rows = await sql<{ id: string }>`select e.id from network_entities e
        join network_links l on l.target_id = e.id where l.case_ref = 'CASE-V' and l.kind = 'uses_phone'`.execute(
        tx,
      );
      return rows.rows[0]?.id as string;
    });
    expect((await call("GET", `/entities/${victimId}/neighbourhood`, inv.token)).status).toBe(404);
    await call("POST", "/shared-hashes/publish", inv.token);
    const published = await t.database.asOwner(
      async (tx) =>
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from network_shared_hashes where tenant_id = 'COL'`.execute(tx)
        ).rows[0]?.n,
    );
    expect(published).toBe(1);
  });

  it("opens only on a legal basis approved by the protection side, never by the requester", async () => {
    const marker = (await ringView()).around.protectedRecords[0]?.ref as string;
    const unknown = {
      protectedRef: "PR-0000000000000000",
      purpose: "identify the recruiter",
      authority: "x 1/2",
    };
    expect((await call("POST", "/legal-bases", inv.token, unknown)).status).toBe(404);
    const twice = {
      caseRef: "CASE-V",
      protectedRef: marker,
      purpose: "identify the recruiter",
      authority: "x 1/2",
    };
    expect((await call("POST", "/legal-bases", inv.token, twice)).status).toBe(400);
    const asked = await call<Basis>("POST", "/legal-bases", inv.token, {
      protectedRef: marker,
      purpose: "identify who recruited the victim",
      authority: "court_order: Fiscalía order 88/2024",
    });
    expect(asked.json).toMatchObject({ status: "pending", caseRef: null, protectedRef: marker });
    const listedPending = await call<{ legalBases: Basis[] }>("GET", "/legal-bases", inv.token);
    expect(listedPending.text).not.toContain("CASE-V");
    const pending = await call<{ legalBases: Basis[] }>("GET", "/legal-bases/pending", protection.token);
    expect(pending.json.legalBases.map((b) => b.caseRef)).toContain("CASE-V");
    expect((await ringView()).file).not.toContain("CASE-V");
    expect((await call("GET", `/legal-bases/${asked.json.id}/record`, inv.token)).status).toBe(403);
    const decide = { decision: "approve", note: "order verified" };
    expect((await call("POST", `/legal-bases/${asked.json.id}/decision`, inv.token, decide)).status).toBe(
      403,
    );
    // A caseworker sees protection details in the registry but does not decide who opens a protected case.
    const caseworker = await userWithToken(t, "COL", ["caseworker"]);
    const byCaseworker = await call(
      "POST",
      `/legal-bases/${asked.json.id}/decision`,
      caseworker.token,
      decide,
    );
    expect(byCaseworker.status).toBe(403);
    expect((await call("GET", "/legal-bases/pending", caseworker.token)).status).toBe(403);
    // Both sides can no longer be given to one person; rows written before that rule still meet this check.
    const both = await userWithToken(t, "COL", ["investigator"]);
    await t.database.asOwner((tx) =>
      tx
        .insertInto("user_roles")
        .values({ tenant_id: "COL", user_id: both.userId, role: "protection_officer" })
        .execute(),
    );
    const own = await call<{ id: string }>("POST", "/legal-bases", both.token, {
      caseRef: "CASE-V",
      purpose: "same order, own request",
      authority: "order 88/2024",
    });
    expect((await call("POST", `/legal-bases/${own.json.id}/decision`, both.token, decide)).status).toBe(403);
    const approved = await call<{ status: string; decidedBy: string }>(
      "POST",
      `/legal-bases/${asked.json.id}/decision`,
      protection.token,
      decide,
    );
    expect(approved.json.status).toBe("approved");
    const victim = await call<{ matches: { id: string }[] }>(
      "GET",
      `/search?type=phone&value=${encodeURIComponent(VICTIM_PHONE)}`,
      inv.token,
    );
    expect(victim.json.matches).toHaveLength(1);
    expect(
      (await call("GET", `/entities/${victim.json.matches[0]?.id}/neighbourhood`, inv.token)).status,
    ).toBe(200);
    const { around } = await ringView();
    expect(around.edges.map((e) => e.caseRef)).toContain("CASE-V");
    expect(around.protectedRecords).toEqual([]);
    const record = await call<{ caseRef: string; reason: string; nodes: { value: string }[] }>(
      "GET",
      `/legal-bases/${asked.json.id}/record`,
      inv.token,
    );
    expect(record.status).toBe(200);
    expect(record.json.caseRef).toBe("CASE-V");
    expect(record.json.reason).toBe("victim of trafficking");
    expect(record.json.nodes.map((n) => n.value).sort()).toEqual([
      "+573005550101",
      "+573117772424",
      "VICTIM",
    ]);
    const listed = await call<{ legalBases: Basis[] }>("GET", "/legal-bases", inv.token);
    expect(listed.json.legalBases.find((b) => b.id === asked.json.id)?.caseRef).toBe("CASE-V");
  });

  it("audits every view and export with who did it", async () => {
    const actions = await t.database.asOwner(async (tx) => {
      const rows = await sql<{
        action: string;
        actor_user: string;
      }>`select action, actor_user from audit_events
        where tenant_id = 'COL' and action like 'network.%'`.execute(tx);
      return rows.rows;
    });
    const byInvestigator = new Set(actions.filter((a) => a.actor_user === inv.userId).map((a) => a.action));
    for (const action of [
      "network.search",
      "network.neighbourhood.view",
      "network.case_file.export",
      "network.legal_basis.request",
      "network.protection_record.view",
    ])
      expect(byInvestigator).toContain(action);
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["network.protection.flag", "network.legal_basis.approve"]),
    );
  });
});

describe("across nations", () => {
  it("finds a shared phone without exchanging it; the holder approves the details; both sides audited", async () => {
    const gtm = await userWithToken(t, "GTM", ["investigator"]);
    await call("POST", "/links", gtm.token, link("G-1", "mobile", "0057-3005550101", "GTM-CASE-1"));
    await call("POST", "/links", gtm.token, link("G-2", "phone", "+502 5555 1234", "GTM-CASE-2"));
    for (const token of [inv.token, gtm.token])
      expect((await call("POST", "/shared-hashes/publish", token)).status).toBe(200);
    const shared = await t.database.asOwner(
      async (tx) => (await sql<Record<string, string>>`select * from network_shared_hashes`.execute(tx)).rows,
    );
    expect(JSON.stringify(shared)).not.toMatch(/3005550101|55551234/);
    const matches = await call<{ matches: { hash: string; nations: string[]; entity: { value: string } }[] }>(
      "GET",
      "/shared-matches",
      gtm.token,
    );
    expect(matches.json.matches.map((m) => [m.entity.value, m.nations])).toEqual([
      ["+573005550101", ["COL"]],
    ]);
    const hash = matches.json.matches[0]?.hash as string;
    const opened = await call<{ id: string }>("POST", "/detail-requests", gtm.token, {
      holder: "COL",
      type: "phone",
      hash,
      purpose: "this phone recruits in our cases",
    });
    expect(opened.status).toBe(201);
    const decide = { decision: "approve", note: "shared under the regional agreement" };
    expect(
      (await call("POST", `/detail-requests/${opened.json.id}/decision`, gtm.token, decide)).status,
    ).toBe(404);
    const incoming = await call<{ incoming: { id: string }[] }>("GET", "/detail-requests", inv.token);
    expect(incoming.json.incoming.map((r) => r.id)).toContain(opened.json.id);
    expect(
      (await call("POST", `/detail-requests/${opened.json.id}/decision`, inv.token, decide)).status,
    ).toBe(200);
    const answer = await call<{
      outgoing: { status: string; details: { cases: string[]; names: number } }[];
    }>("GET", "/detail-requests", gtm.token);
    expect(answer.json.outgoing[0]?.status).toBe("approved");
    expect(answer.json.outgoing[0]?.details.cases).toEqual(expect.arrayContaining(["CASE-1", "CASE-4"]));
    const audited = await t.database.asOwner(async (tx) =>
      (
        await sql<{
          tenant_id: string;
          action: string;
        }>`select tenant_id, action from audit_events where action like 'network.detail_request%'`.execute(tx)
      ).rows.map((r) => `${r.tenant_id}:${r.action}`),
    );
    expect(audited).toEqual(
      expect.arrayContaining(["GTM:network.detail_request.open", "COL:network.detail_request.approve"]),
    );
  });

  it("lets every tenant read the shared hashes but write only its own", async () => {
    const { db } = t.database;
    const seen = await db.transaction().execute(async (tx) => {
      await bindTenant(tx, "USA");
      return (await sql<{ n: number }>`select count(*)::int as n from network_shared_hashes`.execute(tx))
        .rows[0]?.n;
    });
    expect(seen).toBeGreaterThan(0);
    const forged = db.transaction().execute(async (tx) => {
      await bindTenant(tx, "USA");
      await sql`insert into network_shared_hashes (tenant_id, entity_type, hash) values ('COL', 'phone', 'forged')`.execute(
        tx,
      );
    });
    await expect(forged).rejects.toThrow(/row-level security/);
    const wiped = await db.transaction().execute(async (tx) => {
      await bindTenant(tx, "USA");
      return (await sql`delete from network_shared_hashes where tenant_id = 'COL'`.execute(tx))
        .numAffectedRows;
    });
    expect(Number(wiped)).toBe(0);
  });
});
