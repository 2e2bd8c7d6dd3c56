import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/harness.ts";
import { systemScope } from "../auth/scope.ts";
import { inScope } from "../db/scoped.ts";
import { recordAudit } from "./audit.ts";
import { batchHeadHash, GENESIS_HASH, merkleRoot } from "./audit-hash.ts";
import { integratePending, startAuditSequencer } from "./audit-sequencer.ts";
import { verifyAuditChains } from "./audit-verify.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function write(nation: string, n: number): Promise<number[]> {
  const scope = systemScope(nation, "test");
  const seqs: number[] = [];
  for (let i = 0; i < n; i++) {
    const { seq } = await inScope(t.database.db, scope, (tx) =>
      recordAudit(tx, scope, { action: "test.write" }),
    );
    seqs.push(seq);
  }
  return seqs;
}

async function logOf(nation: string) {
  return t.database.asOwner((tx) =>
    tx.selectFrom("audit_log").selectAll().where("tenant_id", "=", nation).orderBy("log_index").execute(),
  );
}

async function pendingOf(nation: string): Promise<number> {
  const rows = await t.database.asOwner((tx) =>
    tx.selectFrom("audit_pending").select("seq").where("tenant_id", "=", nation).execute(),
  );
  return rows.length;
}

describe("the sequencer", () => {
  it("gives pending events the next positions in write order, in batches chained head to head", async () => {
    const seqs = await write("COL", 7);
    expect(await integratePending(t.database, { maxBatch: 3 })).toBe(7);
    const log = await logOf("COL");
    expect(log.map((l) => [Number(l.log_index), Number(l.seq), Number(l.batch_no)])).toEqual(
      seqs.map((seq, i) => [i + 1, seq, Math.floor(i / 3) + 1]),
    );
    const batches = await t.database.asOwner((tx) =>
      tx.selectFrom("audit_batches").selectAll().where("tenant_id", "=", "COL").orderBy("batch_no").execute(),
    );
    let prev = GENESIS_HASH;
    for (const b of batches) {
      const leaves = log.filter((l) => Number(l.batch_no) === Number(b.batch_no)).map((l) => l.leaf_hash);
      expect(b.root).toBe(merkleRoot(leaves));
      expect(b.prev_head).toBe(prev);
      const fields = {
        batchNo: Number(b.batch_no),
        firstIndex: Number(b.first_index),
        lastIndex: Number(b.last_index),
      };
      expect(b.head).toBe(
        batchHeadHash({ tenantId: "COL", ...fields, root: String(b.root), prevHead: prev }),
      );
      prev = b.head;
    }
    const head = await t.database.asOwner((tx) =>
      tx.selectFrom("audit_heads").selectAll().where("tenant_id", "=", "COL").executeTakeFirstOrThrow(),
    );
    expect([Number(head.tree_size), Number(head.batch_no), head.hash]).toEqual([7, 3, prev]);
    expect(await pendingOf("COL")).toBe(0);
    expect(await integratePending(t.database)).toBe(0);
  });

  it("never gives one event two positions when sequencers race, and writes go on meanwhile", async () => {
    const writers = Promise.all(["MEX", "GTM"].map((nation) => write(nation, 12)));
    const racing = Promise.all([1, 2, 3].map(() => integratePending(t.database, { maxBatch: 4 })));
    await Promise.all([writers, racing]);
    await integratePending(t.database);
    for (const nation of ["MEX", "GTM"]) {
      const log = await logOf(nation);
      expect(log.map((l) => Number(l.log_index))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(new Set(log.map((l) => Number(l.seq))).size).toBe(12);
      expect(await pendingOf(nation)).toBe(0);
    }
    const reports = await verifyAuditChains(t.database, { integrate: false });
    expect(reports.filter((r) => ["MEX", "GTM"].includes(r.tenantId)).map((r) => [r.ok, r.events])).toEqual([
      [true, 12],
      [true, 12],
    ]);
  });

  it("runs in the background until stopped, and stops only after its batch has committed", async () => {
    await write("HND", 5);
    const sequencer = startAuditSequencer(t.database, { intervalMs: 10 });
    for (let i = 0; i < 200 && (await pendingOf("HND")) > 0; i++) await new Promise((r) => setTimeout(r, 25));
    await sequencer.stop();
    expect((await logOf("HND")).length).toBe(5);
    await write("HND", 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(await pendingOf("HND")).toBe(2);
  });
});
