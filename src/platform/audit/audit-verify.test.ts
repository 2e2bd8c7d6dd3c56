import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/harness.ts";
import { systemScope } from "../auth/scope.ts";
import { inScope } from "../db/scoped.ts";
import { recordAudit } from "./audit.ts";
import { integratePending } from "./audit-sequencer.ts";
import { type ChainReport, verifyAuditChains } from "./audit-verify.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

// Each test builds and breaks the log of a nation of its own, so one database serves the whole file.
const NATIONS = ["COL", "MEX", "USA", "GTM", "HND", "SLV", "CRI", "PAN", "ECU", "PER", "CHL", "BRA", "ARG"];
let nation = "";

async function write(from: number, to: number): Promise<number[]> {
  const scope = systemScope(nation, "test");
  const seqs: number[] = [];
  for (let i = from; i <= to; i++) {
    const { seq } = await inScope(app.database.db, scope, (tx) =>
      recordAudit(tx, scope, { action: "test.write", targetId: String(i), details: { i } }),
    );
    seqs.push(seq);
  }
  return seqs;
}

/** Ten events of the test's nation in two batches (positions 1–5 and 6–10); their event numbers. */
async function freshLog(): Promise<number[]> {
  const next = NATIONS.shift();
  if (!next) throw new Error("add a nation to NATIONS: each test needs one");
  nation = next;
  const seqs = await write(1, 5);
  await integratePending(app.database);
  seqs.push(...(await write(6, 10)));
  await integratePending(app.database);
  return seqs;
}

/** Edits the stored log as someone with database access would, bypassing the append-only triggers. */
async function tamper(...statements: ReturnType<typeof sql>[]) {
  await app.database.asOwner(async (tx) => {
    for (const table of ["audit_events", "audit_log", "audit_batches"])
      await sql`alter table ${sql.table(table)} disable trigger user`.execute(tx);
    for (const statement of statements) await statement.execute(tx);
    for (const table of ["audit_events", "audit_log", "audit_batches"])
      await sql`alter table ${sql.table(table)} enable trigger user`.execute(tx);
  });
}

async function verified(integrate = true): Promise<ChainReport | undefined> {
  return (await verifyAuditChains(app.database, { integrate })).find((r) => r.tenantId === nation);
}

describe("audit verify", () => {
  let seqs: number[];
  beforeEach(async () => {
    seqs = await freshLog();
  });
  const seq = (position: number) => seqs[position - 1] as number;

  it("accepts an untouched log and says how it is built", async () => {
    const report = await verified();
    expect(report).toMatchObject({
      tenantId: nation,
      events: 10,
      batches: 2,
      pending: 0,
      ok: true,
      brokenCount: 0,
    });
    expect(report?.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names the edited event by its number and position", async () => {
    await tamper(
      sql`update audit_events set canonical = replace(canonical, '"i":3', '"i":99') where tenant_id = ${nation} and seq = ${seq(3)}`,
    );
    const report = await verified();
    expect(report?.ok).toBe(false);
    expect(report?.broken).toEqual([
      {
        seq: seq(3),
        logIndex: 3,
        batch: 1,
        reason: expect.stringMatching(/does not match its hash/),
        code: "edited",
        params: {},
        pending: false,
      },
    ]);
  });

  it("notices a column edited behind its hashed text", async () => {
    await tamper(
      sql`update audit_events set action = 'test.harmless' where tenant_id = ${nation} and seq = ${seq(7)}`,
    );
    const report = await verified();
    expect(report?.broken).toEqual([
      {
        seq: seq(7),
        logIndex: 7,
        batch: 2,
        reason: expect.stringMatching(/column action differs/),
        code: "columns_differ",
        params: { columns: "action" },
        pending: false,
      },
    ]);
  });

  it("reports every edited event, not only the first", async () => {
    await tamper(
      sql`update audit_events set details = '{"i": 99}' where tenant_id = ${nation} and seq = ${seq(2)}`,
      sql`update audit_events set target_id = 'x' where tenant_id = ${nation} and seq = ${seq(9)}`,
    );
    const report = await verified();
    expect(report?.brokenCount).toBe(2);
    expect(report?.broken.map((b) => [b.seq, b.logIndex, b.batch])).toEqual([
      [seq(2), 2, 1],
      [seq(9), 9, 2],
    ]);
  });

  it("notices an event rewritten with a fresh hash: the log recorded the old one", async () => {
    const { leafHash } = await import("./audit-hash.ts");
    const row = await app.database.asOwner((tx) =>
      tx.selectFrom("audit_events").select("canonical").where("seq", "=", seq(4)).executeTakeFirstOrThrow(),
    );
    const forged = (row.canonical as string).replace('"targetId":"4"', '"targetId":"forged"');
    await tamper(
      sql`update audit_events set canonical = ${forged}, target_id = 'forged', hash = ${leafHash(forged)} where seq = ${seq(4)}`,
    );
    const report = await verified();
    expect(report?.broken).toEqual([
      {
        seq: seq(4),
        logIndex: 4,
        batch: 1,
        reason: expect.stringMatching(/changed after it was sequenced/),
        code: "changed_after_sequenced",
        params: {},
        pending: false,
      },
    ]);
  });

  it("notices the log's record rewritten too: the batch root no longer matches", async () => {
    await tamper(
      sql`update audit_log set leaf_hash = ${"0".repeat(64)} where tenant_id = ${nation} and log_index = 6`,
    );
    const report = await verified();
    expect(report?.broken.map((b) => [b.logIndex, b.batch, b.reason])).toEqual([
      [6, 2, expect.stringMatching(/changed after it was sequenced/)],
      [6, 2, expect.stringMatching(/Merkle root does not match/)],
    ]);
  });

  it("names a deleted event, and the positions a deleted log entry leaves empty", async () => {
    await tamper(
      sql`delete from audit_events where tenant_id = ${nation} and seq = ${seq(2)}`,
      sql`delete from audit_log where tenant_id = ${nation} and log_index = 8`,
    );
    const report = await verified();
    expect(report?.broken).toEqual([
      {
        seq: seq(2),
        logIndex: 2,
        batch: 1,
        reason: expect.stringMatching(/missing \(deleted\)/),
        code: "event_missing",
        params: {},
        pending: false,
      },
      {
        seq: null,
        logIndex: 8,
        batch: 2,
        reason: "log positions 8..8 are missing",
        code: "positions_missing",
        params: { from: 8, to: 8 },
        pending: false,
      },
      {
        seq: seq(8),
        logIndex: null,
        batch: null,
        reason: expect.stringMatching(/in no log position/),
        code: "not_queued",
        params: {},
        pending: true,
      },
    ]);
  });

  it("notices when the newest batch is removed, events and all", async () => {
    await tamper(
      sql`delete from audit_events where tenant_id = ${nation} and seq >= ${seq(6)}`,
      sql`delete from audit_log where tenant_id = ${nation} and batch_no = 2`,
      sql`delete from audit_batches where tenant_id = ${nation} and batch_no = 2`,
    );
    const report = await verified();
    expect(report?.ok).toBe(false);
    expect(report?.broken.map((b) => b.reason)).toEqual([
      "the log ends at batch 1 but its head says batch 2",
      "the log ends at position 5 but its head says 10",
      "the last batch's head does not match the log head",
    ]);
  });

  it("notices an edited batch root and the broken link to the next batch", async () => {
    await write(11, 12);
    await integratePending(app.database);
    await tamper(
      sql`update audit_batches set root = ${"1".repeat(64)} where tenant_id = ${nation} and batch_no = 2`,
    );
    const report = await verified();
    expect(report?.broken.map((b) => [b.batch, b.reason])).toEqual([
      [2, "its head does not match its range, root and previous head"],
      [2, "its Merkle root does not match the leaves the log recorded"],
    ]);
  });

  it("verifies pending events as leaves without sequencing them, and names a tampered one", async () => {
    const [pendingSeq] = await write(11, 12);
    expect((await verified(false))?.pending).toBe(2);
    await tamper(sql`update audit_events set actor_label = 'someone else' where seq = ${pendingSeq}`);
    const report = await verified(false);
    expect(report).toMatchObject({ events: 10, pending: 2, ok: false });
    expect(report?.broken).toEqual([
      {
        seq: pendingSeq,
        logIndex: null,
        batch: null,
        reason: expect.stringMatching(/pending: column actor_label/),
        code: "columns_differ",
        params: { columns: "actor_label" },
        pending: true,
      },
    ]);
  });

  it("names an event whose queue entry was removed before it was sequenced", async () => {
    const [lost] = await write(11, 11);
    await app.database.asOwner((tx) =>
      tx
        .deleteFrom("audit_pending")
        .where("seq", "=", lost as number)
        .execute(),
    );
    const report = await verified();
    expect(report?.broken).toEqual([
      {
        seq: lost,
        logIndex: null,
        batch: null,
        reason: expect.stringMatching(/not queued/),
        code: "not_queued",
        params: {},
        pending: true,
      },
    ]);
  });
});
