import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { integratePending } from "../audit/audit-sequencer.ts";
import { verifyAuditChains } from "../audit/audit-verify.ts";

// The audit log through real routes: what a request writes is what the log verifies, and the list shows
// events before and after the sequencer has placed them. (The role matrix is in platform-routes.test.ts.)

let t: TestApp;
let caseworker: string;
let auditor: string;
beforeAll(async () => {
  t = await startTestApp();
  caseworker = (await userWithToken(t, "ECU", ["caseworker"])).token;
  auditor = (await userWithToken(t, "ECU", ["auditor"])).token;
});
afterAll(async () => {
  await t.close();
});

interface Listed {
  events: {
    seq: number;
    action: string;
    targetId: string | null;
    logIndex: number | null;
    pending: boolean;
  }[];
}

async function flagCase(rawJsonBody: string): Promise<number> {
  const res = await t.request("POST", "/api/v1/networks/protection-records", {
    token: caseworker,
    body: rawJsonBody,
  });
  await res.arrayBuffer();
  return res.status;
}

async function listFlags(): Promise<Listed["events"]> {
  const res = await t.request("GET", "/api/v1/audit/events?action=network.protection.flag", {
    token: auditor,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as Listed).events;
}

async function ecuador() {
  return (await verifyAuditChains(t.database)).find((r) => r.tenantId === "ECU");
}

describe("a request cannot break the audit log", () => {
  it("a lone surrogate in a JSON string is refused and the log still verifies", async () => {
    // JSON.stringify keeps the lone surrogate as the escape \ud800, exactly what a hostile client sends.
    const status = await flagCase(
      JSON.stringify({ caseRef: "CASE-\ud800", reason: "victim of trafficking" }),
    );
    expect(status).toBe(400); // BAD_INPUT, whether the edge or the audit log refuses it
    expect(await flagCase(JSON.stringify({ caseRef: "CASE-OK-1", reason: "victim of trafficking" }))).toBe(
      201,
    );
    const report = await ecuador();
    expect(report?.broken).toEqual([]);
    expect(report?.ok).toBe(true);
  });

  it("keeps well-formed text from the request byte for byte: accents, emoji, U+FFFD itself", async () => {
    const refs = ["CASE-Núñez-🙂", "CASE-\ufffd", "CASE-e\u0301"];
    for (const caseRef of refs)
      expect(await flagCase(JSON.stringify({ caseRef, reason: "protección" }))).toBe(201);
    const listed = await listFlags();
    expect(listed.slice(0, 3).map((e) => e.targetId)).toEqual([...refs].reverse());
    expect((await ecuador())?.ok).toBe(true);
  });
});

describe("GET /audit/events", () => {
  it("lists an event at once, as pending, and with its log position once sequenced", async () => {
    expect(await flagCase(JSON.stringify({ caseRef: "CASE-LIST-1", reason: "victim" }))).toBe(201);
    const [fresh] = await listFlags();
    expect(fresh).toMatchObject({ targetId: "CASE-LIST-1", pending: true, logIndex: null });
    await integratePending(t.database);
    const [placed] = await listFlags();
    expect(placed).toMatchObject({ seq: fresh?.seq, targetId: "CASE-LIST-1", pending: false });
    expect(placed?.logIndex).toBeGreaterThan(0);
  });

  it("pages back through pending and sequenced events alike", async () => {
    for (let i = 0; i < 3; i++)
      await flagCase(JSON.stringify({ caseRef: `CASE-PAGE-${i}`, reason: "victim" }));
    const all = await listFlags();
    const res = await t.request(
      "GET",
      `/api/v1/audit/events?action=network.protection.flag&limit=2&before=${all[1]?.seq}`,
      { token: auditor },
    );
    const page = ((await res.json()) as Listed).events;
    expect(page.map((e) => e.seq)).toEqual(all.slice(2, 4).map((e) => e.seq));
  });
});

interface Verification {
  nation: string;
  ok: boolean;
  events: number;
  pending: number;
  brokenCount: number;
  broken: { seq: number | null; reason: string }[];
}

async function verification(token: string): Promise<Verification> {
  const res = await t.request("GET", "/api/v1/audit/verification", { token });
  expect(res.status).toBe(200);
  return (await res.json()) as Verification;
}

describe("GET /audit/verification", () => {
  it("verifies the caller's nation only, counting pending and sequenced events", async () => {
    expect(await flagCase(JSON.stringify({ caseRef: "CASE-VERIFY-1", reason: "victim" }))).toBe(201);
    const before = await verification(auditor);
    expect(before).toMatchObject({ nation: "ECU", ok: true, brokenCount: 0 });
    expect(before.pending).toBeGreaterThan(0);
    await integratePending(t.database);
    const after = await verification(auditor);
    expect(after).toMatchObject({ nation: "ECU", ok: true, pending: 0 });
    expect(after.events).toBeGreaterThanOrEqual(before.events + before.pending);
    // Another nation's auditor sees its own log, not Ecuador's.
    const peru = (await userWithToken(t, "PER", ["auditor"])).token;
    expect((await verification(peru)).nation).toBe("PER");
  });

  it("reports an altered event as a broken link, and another nation's log stays sound", async () => {
    expect(await flagCase(JSON.stringify({ caseRef: "CASE-VERIFY-2", reason: "victim" }))).toBe(201);
    await integratePending(t.database);
    const [latest] = await listFlags();
    // Edited as someone with database access would, past the append-only trigger.
    await t.database.asOwner(async (tx) => {
      await sql`alter table audit_events disable trigger user`.execute(tx);
      await sql`update audit_events set target_id = 'CASE-ALTERED' where tenant_id = 'ECU' and seq = ${latest?.seq}`.execute(
        tx,
      );
      await sql`alter table audit_events enable trigger user`.execute(tx);
    });
    const report = await verification(auditor);
    expect(report.ok).toBe(false);
    expect(report.brokenCount).toBeGreaterThan(0);
    expect(report.broken.map((b) => b.seq)).toContain(latest?.seq);
    const peru = (await userWithToken(t, "PER", ["auditor"])).token;
    expect((await verification(peru)).ok).toBe(true);
  });
});
