import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { networksEncryptedColumns, networksMigrations } from "./index.ts";

// Free text people write into networks records is encrypted at rest, readable only through the services;
// rows stored in plaintext before are encrypted by the migration that moved the columns to encryption.

let t: TestApp;
const api = "/api/v1/networks";
const PHONE = "+57 300 555 0199";
const MARKERS = {
  reason: "zyqxreason victim of forced labour",
  ingested: "zyqxingested trafficking victim",
  purpose: "zyqxpurpose identify the recruiter",
  authority: "zyqxauthority court order 12/2024",
  basisNote: "zyqxbasisnote order checked",
  requestPurpose: "zyqxrequest same phone in our cases",
  requestNote: "zyqxrequestnote shared under the agreement",
};

async function call<T>(method: string, url: string, token: string, body?: unknown) {
  const res = await t.request(method, `${api}${url}`, { token, ...(body === undefined ? {} : { body }) });
  expect(res.status, `${method} ${url}`).toBeLessThan(300);
  return (await res.json()) as T;
}

const link = (person: string, caseRef: string) => ({
  source: { type: "person", value: person },
  target: { type: "phone", value: PHONE },
  kind: "called",
  caseRef,
});

/** Every text and JSON value of every networks table, lower-cased. */
async function networksText(): Promise<string> {
  return t.database.asOwner(async (tx) => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name like 'network\\_%'
        and data_type in ('text', 'jsonb', 'json', 'ARRAY', 'character varying')`.execute(tx);
    const parts: string[] = [];
    for (const c of columns.rows) {
      const rows = await sql<{ v: string | null }>`
        select ${sql.ref(c.column_name)}::text as v from ${sql.table(c.table_name)}`.execute(tx);
      for (const r of rows.rows) if (r.v) parts.push(r.v);
    }
    return parts.join("\n").toLowerCase();
  });
}

let basisId = "";
beforeAll(async () => {
  t = await startTestApp();
  const col = await userWithToken(t, "COL", ["investigator"]);
  const gtm = await userWithToken(t, "GTM", ["investigator"]);
  const protection = await userWithToken(t, "COL", ["protection_officer"]);
  for (const l of [link("P-1", "CASE-1"), link("P-2", "CASE-2"), link("V", "CASE-R")])
    await call("POST", "/links", col.token, l);
  await call("POST", "/links", gtm.token, link("G-1", "GTM-1"));
  await call("POST", "/protection-records", protection.token, { caseRef: "CASE-R", reason: MARKERS.reason });
  await t.app.networks.ingest(systemScope("COL", "test", ["investigator"]), {
    origin: "case",
    observations: [link("W", "CASE-W")],
    protectionRecords: [{ caseRef: "CASE-W", reason: MARKERS.ingested }],
  });
  const basis = await call<{ id: string }>("POST", "/legal-bases", col.token, {
    caseRef: "CASE-R",
    purpose: MARKERS.purpose,
    authority: MARKERS.authority,
  });
  basisId = basis.id;
  await call("POST", `/legal-bases/${basisId}/decision`, protection.token, {
    decision: "approve",
    note: MARKERS.basisNote,
  });
  for (const token of [col.token, gtm.token]) await call("POST", "/shared-hashes/publish", token);
  const matches = await call<{ matches: { hash: string }[] }>("GET", "/shared-matches", gtm.token);
  const request = await call<{ id: string }>("POST", "/detail-requests", gtm.token, {
    holder: "COL",
    type: "phone",
    hash: matches.matches[0]?.hash,
    purpose: MARKERS.requestPurpose,
  });
  await call("POST", `/detail-requests/${request.id}/decision`, col.token, {
    decision: "reject",
    note: MARKERS.requestNote,
  });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe("networks free text at rest", () => {
  it("leaves no marker in plaintext in any text column of a networks table", async () => {
    const dump = await networksText();
    expect(dump).toContain("enc1:");
    expect(Object.values(MARKERS).filter((m) => dump.includes(m.split(" ")[0] as string))).toEqual([]);
  });

  it("reads every text back through the services", async () => {
    const officer = systemScope("COL", "test", ["protection_officer"]);
    const investigator = systemScope("COL", "test", ["investigator"]);
    const [basis] = (await t.app.networks.listLegalBases(officer, { pendingOnly: false })).legalBases;
    expect(basis).toMatchObject({
      purpose: MARKERS.purpose,
      authority: MARKERS.authority,
      decisionNote: MARKERS.basisNote,
    });
    expect((await t.app.networks.protectedRecord(investigator, basisId)).reason).toBe(MARKERS.reason);
    const { outgoing } = await t.app.networks.listRequests(systemScope("GTM", "test", ["investigator"]));
    expect(outgoing[0]).toMatchObject({ purpose: MARKERS.requestPurpose, decisionNote: MARKERS.requestNote });
  });

  it("registers every encrypted networks column for key rotation", async () => {
    const encColumns = await t.database.asOwner(async (tx) =>
      (
        await sql<{ name: string }>`select table_name || '.' || column_name as name
            from information_schema.columns
            where table_schema = 'public' and table_name like 'network\\_%' and column_name like '%\\_enc'`.execute(
          tx,
        )
      ).rows.map((r) => r.name),
    );
    const registered = networksEncryptedColumns.map((c) => `${c.table}.${c.column}`);
    expect(encColumns.length).toBeGreaterThan(1);
    expect(registered.sort()).toEqual(encColumns.sort());
  });
});

describe("the migration to encrypted text", () => {
  const step = networksMigrations().find((m) => m.id === "networks/0002-networks-encrypted-text.sql")?.data;
  const legacy = "zyqxlegacy reason written before encryption";

  async function insertLegacy(tx: Tx) {
    await sql`insert into network_protection_records (tenant_id, case_ref, reason_enc, flagged_by)
      values ('MEX', 'CASE-OLD', ${legacy}, 'someone')`.execute(tx);
    await sql`insert into network_legal_bases (tenant_id, case_ref, purpose_enc, authority_enc, requested_by_label,
      status, decision_note_enc) values ('MEX', 'CASE-OLD', 'zyqxlegacy purpose', 'zyqxlegacy authority', 'someone',
      'approved', null)`.execute(tx);
  }

  it("encrypts the rows stored in plaintext, leaves encrypted ones alone, and does it once", async () => {
    expect(step).toBeTypeOf("function");
    const before = await networksText();
    await t.database.asOwner(insertLegacy);
    expect(await networksText()).toContain("zyqxlegacy");
    await t.database.asOwner((tx) => step!(tx, t.app.platform.keyring));
    const after = await networksText();
    expect(after).not.toContain("zyqxlegacy");
    // The values encrypted already are byte for byte what they were.
    for (const line of before.split("\n").filter((l) => l.startsWith("enc1:"))) expect(after).toContain(line);
    const mex = systemScope("MEX", "test", ["protection_officer"]);
    const [basis] = (await t.app.networks.listLegalBases(mex, { pendingOnly: false })).legalBases;
    expect(basis).toMatchObject({ purpose: "zyqxlegacy purpose", authority: "zyqxlegacy authority" });
    const mexInvestigator = systemScope("MEX", "test", ["investigator"]);
    expect((await t.app.networks.protectedRecord(mexInvestigator, basis!.id)).reason).toBe(legacy);
    await t.database.asOwner((tx) => step!(tx, t.app.platform.keyring));
    expect(await networksText()).toBe(after);
  });
});
