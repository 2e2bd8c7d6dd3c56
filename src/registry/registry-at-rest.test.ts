import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { registryEncryptedColumns, registryMigrations } from "./index.ts";
import { giveConsent, personInput, registerPerson } from "./registry.test-support.ts";
import { ReviewQuery } from "./review.contract.ts";

// Free text people write into registry records (reasons, who gave consent) is encrypted at rest and readable
// only through the services; rows stored in plaintext before are encrypted by the migration that moved them.

let t: TestApp;
const M = {
  override: "zyqxoverride she came back with another card",
  merge: "zyqxmerge same passport",
  distinct: "zyqxdistinct twins after all",
  split: "zyqxsplit different people",
  givenBy: "zyqxguardian her aunt",
  assign: "zyqxassign workload",
  transfer: "zyqxtransfer moved south",
  referral: "zyqxreferral prior asylum claim",
  accept: "zyqxaccept consent on file",
  edit: "zyqxedit typo in the surname",
};
const usa = systemScope("USA", "test");
let ids: { person: string; caseId: string; referral: string; mergeId: string; reviews: string[] };

async function post(path: string, token: string, body: unknown, method = "POST") {
  const res = await t.request(method, `/api/v1/registry${path}`, { token, body });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** Every text and JSON value of every registry table, lower-cased. */
async function registryText(): Promise<string> {
  return t.database.asOwner(async (tx) => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name like 'registry\\_%'
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

beforeAll(async () => {
  t = await startTestApp();
  const admin = await userWithToken(t, "USA", ["nation_admin", "registrar", "caseworker"]);
  const worker = await userWithToken(t, "USA", ["caseworker"]);
  const input = personInput();
  const person = await registerPerson(t.app, "USA", input);
  await post("/people", admin.token, { ...input, overrideReason: M.override });
  const twin = personInput();
  await registerPerson(t.app, "USA", twin);
  await post("/people", admin.token, { ...twin, overrideReason: "second pair" });
  const queue = (await t.app.registry.review.queue(usa, ReviewQuery.parse({}))).items.map((r) => r.id);
  const merged = await post(`/reviews/${queue[0]}/decision`, admin.token, {
    decision: "merge",
    reason: M.merge,
  });
  await post(`/reviews/${queue[1]}/decision`, admin.token, { decision: "distinct", reason: M.distinct });
  await post(`/merges/${merged.mergeId}/split`, admin.token, { reason: M.split });
  await post(`/people/${person}/consents`, admin.token, {
    purpose: "cross_border_referral",
    given: true,
    givenBy: M.givenBy,
  });
  const opened = await post("/cases", admin.token, { personId: person, type: "protection" });
  await post(`/cases/${opened.id}/assign`, admin.token, { userId: worker.userId, reason: M.assign });
  await post(`/cases/${opened.id}/transfer`, admin.token, { officeId: "USA-02", reason: M.transfer });
  const held = await registerPerson(t.app, "MEX", input);
  await giveConsent(t.app, "MEX", held);
  const referral = await post("/referrals", admin.token, {
    personId: person,
    partner: "MEX",
    purpose: "cross_border_referral",
    reason: M.referral,
  });
  const holder = await userWithToken(t, "MEX", ["nation_admin"]);
  await post(`/referrals/${referral.id}/decision`, holder.token, { decision: "accept", reason: M.accept });
  await post(`/people/${person}`, admin.token, { surnames: ["Zeta"], reason: M.edit }, "PATCH");
  ids = {
    person,
    caseId: opened.id as string,
    referral: referral.id as string,
    mergeId: merged.mergeId as string,
    reviews: queue as string[],
  };
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** What the services read back for every free text written above. */
async function readBack() {
  const mex = systemScope("MEX", "test");
  const moves = (await t.app.registry.cases.getCase(usa, ids.caseId)).moves.map((m) => m.reason);
  const consents = (await t.app.registry.people.getPerson(usa, ids.person)).consents.map((c) => c.givenBy);
  const merge = (await t.app.registry.review.merges(usa)).find((m) => m.id === ids.mergeId)?.reason;
  const why = await Promise.all(
    ids.reviews.map(async (id) => (await t.app.registry.review.item(usa, id)).whyCreated),
  );
  const outgoing = (await t.app.registry.crossmatch.list(usa, "outgoing")).find((r) => r.id === ids.referral);
  const incoming = (await t.app.registry.crossmatch.list(mex, "incoming")).find((r) => r.id === ids.referral);
  const history = (await t.app.registry.edits.history(usa, ids.person)).map((v) => v.reason);
  return { moves, consents, merge, why, outgoing, incoming, history };
}

describe("registry free text at rest", () => {
  it("leaves no marker in plaintext in any text column of a registry table", async () => {
    const dump = await registryText();
    expect(dump).toContain("enc1:");
    expect(Object.values(M).filter((m) => dump.includes(m.split(" ")[0] as string))).toEqual([]);
  });

  it("reads every text back through the services", async () => {
    const back = await readBack();
    expect(back.moves).toEqual([M.assign, M.transfer]);
    expect(back.consents).toContain(M.givenBy);
    expect(back.merge).toBe(M.merge);
    expect(back.why).toContain(M.override);
    expect(back.outgoing).toMatchObject({ reason: M.referral, statusReason: M.accept });
    expect(back.incoming).toMatchObject({ reason: M.referral, statusReason: M.accept });
    expect(back.history).toEqual([M.edit]);
  });

  it("registers every encrypted registry column for key rotation", async () => {
    const encColumns = await t.database.asOwner(async (tx) =>
      (
        await sql<{ name: string }>`select table_name || '.' || column_name as name
            from information_schema.columns
            where table_schema = 'public' and table_name like 'registry\\_%' and column_name like '%\\_enc'`.execute(
          tx,
        )
      ).rows.map((r) => r.name),
    );
    const registered = registryEncryptedColumns.map((c) => `${c.table}.${c.column}`);
    expect([...new Set(registered)].sort()).toEqual(encColumns.sort());
  });
});

describe("the migration to encrypted text", () => {
  const step = registryMigrations().find((m) => m.id === "registry/0003-registry-encrypted-text.sql")?.data;

  it("encrypts the rows stored in plaintext and leaves the encrypted ones as they were", async () => {
    expect(step).toBeTypeOf("function");
    await t.database.asOwner(async (tx) => {
      await sql`update registry_case_moves set reason_enc = 'zyqxlegacy move' where kind = 'transfer'`.execute(
        tx,
      );
      await sql`update registry_consents set given_by_enc = 'zyqxlegacy guardian'
        where person_id = ${ids.person}`.execute(tx);
      await sql`update registry_referrals set status_reason_enc = 'zyqxlegacy decision'
        where id = ${ids.referral} and direction = 'incoming'`.execute(tx);
    });
    const before = await registryText();
    expect(before).toContain("zyqxlegacy");
    await t.database.asOwner((tx) => step!(tx, t.app.platform.keyring));
    const after = await registryText();
    expect(after).not.toContain("zyqxlegacy");
    for (const line of before.split("\n").filter((l) => l.startsWith("enc1:"))) expect(after).toContain(line);
    const back = await readBack();
    expect(back.moves).toEqual([M.assign, "zyqxlegacy move"]);
    expect(back.consents).toContain("zyqxlegacy guardian");
    expect(back.incoming?.statusReason).toBe("zyqxlegacy decision");
    expect(back.outgoing?.statusReason).toBe(M.accept);
  });
});
