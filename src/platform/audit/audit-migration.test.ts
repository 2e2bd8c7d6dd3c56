import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, dropDatabase, withDatabase } from "../../../test/template-db.ts";
import { systemScope } from "../auth/scope.ts";
import { type Database, openDatabase } from "../db/connect.ts";
import { migrate, platformMigrations } from "../db/migrate.ts";
import { inScope } from "../db/scoped.ts";
import { seedTenants } from "../platform.ts";
import { recordAudit } from "./audit.ts";
import { GENESIS_HASH } from "./audit-hash.ts";
import { chainedEventHash } from "./audit-legacy-hash.ts";
import { integratePending } from "./audit-sequencer.ts";
import { verifyAuditChains } from "./audit-verify.ts";

// A database that kept its audit log as one hash chain per tenant (before platform/0003) moves to the batched
// log: its chained events become batch 0 and stay verifiable, and new batches chain on from their last hash.

let database: Database;
let drop = async () => {};
beforeAll(async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `hemisphere_audit_mig_${randomBytes(4).toString("hex")}`;
    await adminQuery(server, `create database ${name}`);
    database = await openDatabase({ dataDir: "", databaseUrl: withDatabase(server, name) });
    drop = () => dropDatabase(server, name);
  } else {
    database = await openDatabase({ dataDir: "", inMemory: true });
  }
  const before = platformMigrations().filter((m) => m.id < "platform/0003");
  await migrate(database, before);
  await seedTenants(database);
});
afterAll(async () => {
  await database.close();
  await drop();
});

/** Appends one event the way the chained log did: lock the head, hash over the previous hash, move the head. */
async function writeChained(tenantId: string, action: string, details: Record<string, unknown>) {
  await database.asOwner(async (tx) => {
    await sql`insert into audit_heads (tenant_id, seq, hash) values (${tenantId}, 0, ${GENESIS_HASH})
              on conflict (tenant_id) do nothing`.execute(tx);
    const head = (
      await sql<{ seq: number; hash: string }>`select seq, hash from audit_heads where tenant_id = ${tenantId}
                                               for update`.execute(tx)
    ).rows[0] as { seq: number; hash: string };
    const seq = Number(head.seq) + 1;
    const occurredAt = new Date();
    const fields = {
      tenantId,
      seq,
      occurredAt,
      actorTenant: tenantId,
      actorUser: null,
      actorLabel: "system:old",
      action,
      targetType: null,
      targetId: null,
      requestId: null,
      details,
      prevHash: head.hash,
    };
    const hash = chainedEventHash(fields);
    await sql`insert into audit_events (tenant_id, seq, occurred_at, actor_tenant, actor_label, action, details,
                prev_hash, hash)
              values (${tenantId}, ${seq}, ${occurredAt}, ${tenantId}, 'system:old', ${action},
                ${JSON.stringify(details)}, ${head.hash}, ${hash})`.execute(tx);
    await sql`update audit_heads set seq = ${seq}, hash = ${hash} where tenant_id = ${tenantId}`.execute(tx);
  });
}

describe("migrating a chained audit log", () => {
  it("keeps the chained events verifiable as batch 0 and chains new batches on from them", async () => {
    for (let i = 1; i <= 4; i++) await writeChained("BRB", "old.write", { i });
    await writeChained("JAM", "old.write", { i: 1 });
    await migrate(database, platformMigrations());

    const scope = systemScope("BRB", "test");
    for (let i = 5; i <= 7; i++)
      await inScope(database.db, scope, (tx) =>
        recordAudit(tx, scope, { action: "new.write", details: { i } }),
      );
    await integratePending(database);

    const reports = await verifyAuditChains(database);
    expect(reports.find((r) => r.tenantId === "BRB")).toMatchObject({
      ok: true,
      events: 7,
      batches: 2,
      pending: 0,
    });
    expect(reports.find((r) => r.tenantId === "JAM")).toMatchObject({ ok: true, events: 1, batches: 1 });
    const log = await database.asOwner((tx) =>
      tx
        .selectFrom("audit_log")
        .select(["log_index", "batch_no"])
        .where("tenant_id", "=", "BRB")
        .orderBy("log_index")
        .execute(),
    );
    expect(log.map((l) => [Number(l.log_index), Number(l.batch_no)])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
      [5, 1],
      [6, 1],
      [7, 1],
    ]);
  });

  it("still names an edited event of the chained history", async () => {
    await database.asOwner(async (tx) => {
      await sql`alter table audit_events disable trigger user`.execute(tx);
      await sql`update audit_events set details = '{"i": 99}' where tenant_id = 'BRB' and seq = 2`.execute(
        tx,
      );
      await sql`alter table audit_events enable trigger user`.execute(tx);
    });
    const brb = (await verifyAuditChains(database)).find((r) => r.tenantId === "BRB");
    expect(brb?.broken).toEqual([
      {
        seq: 2,
        logIndex: 2,
        batch: 0,
        reason: expect.stringMatching(/does not match its hash/),
        code: "edited",
        params: {},
        pending: false,
      },
    ]);
  });
});
