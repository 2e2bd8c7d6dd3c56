// Audit benchmark: audited writes per second with 50 concurrent clients of one nation, on PGlite and on
// PostgreSQL (BENCH_DATABASE_URL, TEST_DATABASE_URL or DATABASE_URL: a fresh database is created there and
// dropped). Each write is one transaction: a row of the change plus its audit event, as a service writes them.
// The anchor, measured in the same run on the same database, is the same write with the audit log as it was
// before batching: one hash chain per nation, its head row locked by every writer. Then the sequencer drains
// what is pending and `verifyAuditChains` verifies everything: verification speed in events/s.
// A third run writes the change alone, with no audit event: the floor no audit design can beat.
//   npm run bench:audit -- [--duration 5] [--clients 50] [--verify-events 20000] [--databases pglite,postgres]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createTarget } from "../scripts/server-process.ts";
import { recordAudit } from "../src/platform/audit/audit.ts";
import { GENESIS_HASH } from "../src/platform/audit/audit-hash.ts";
import { chainedEventHash, legacyCanonicalJson } from "../src/platform/audit/audit-legacy-hash.ts";
import { integratePending, startAuditSequencer } from "../src/platform/audit/audit-sequencer.ts";
import { verifyAuditChains } from "../src/platform/audit/audit-verify.ts";
import { type Scope, systemScope } from "../src/platform/auth/scope.ts";
import { type Database, openDatabase, type Tx } from "../src/platform/db/connect.ts";
import { migrate, platformMigrations } from "../src/platform/db/migrate.ts";
import { inScope } from "../src/platform/db/scoped.ts";
import { seedTenants } from "../src/platform/platform.ts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: process.env.BENCH_DURATION ?? "5" },
    clients: { type: "string", default: "50" },
    "verify-events": { type: "string", default: "20000" },
    databases: { type: "string", default: "pglite,postgres" },
  },
});

const NATION = "USA";

/** The chained log as it was: a scratch copy of its tables, so the anchor runs on the same database. */
const ANCHOR_TABLES = `
create table bench_writes (tenant_id text not null, id bigserial, payload text not null, primary key (tenant_id, id));
create table bench_chain_events (
  tenant_id text not null references tenants (id), seq bigint not null, id uuid not null default gen_random_uuid(),
  occurred_at timestamptz not null, actor_tenant text, actor_user uuid, actor_label text not null,
  action text not null, target_type text, target_id text, request_id text, details jsonb not null default '{}',
  prev_hash text not null, hash text not null, primary key (tenant_id, seq));
create index bench_chain_events_action on bench_chain_events (tenant_id, action, occurred_at);
create index bench_chain_events_target on bench_chain_events (tenant_id, target_type, target_id);
create table bench_chain_heads (tenant_id text primary key references tenants (id), seq bigint not null, hash text not null);
select enable_tenant_isolation('bench_writes', 'bench_chain_events', 'bench_chain_heads');`;

/** The anchor: appends to the nation's chain under its head row lock, as recordAudit did before batching. */
async function appendChained(tx: Tx, scope: Scope, action: string, targetId: string, details: object) {
  const t = scope.tenantId;
  await sql`insert into bench_chain_heads values (${t}, 0, ${GENESIS_HASH}) on conflict do nothing`.execute(
    tx,
  );
  const head = (
    await sql<{ seq: number; hash: string }>`select seq, hash from bench_chain_heads
                 where tenant_id = ${t} for update`.execute(tx)
  ).rows[0] as { seq: number; hash: string };
  const seq = Number(head.seq) + 1;
  const occurredAt = new Date();
  const hash = chainedEventHash({
    ...{ tenantId: t, seq, occurredAt, actorTenant: t, actorUser: null, actorLabel: scope.actorLabel },
    ...{ action, targetType: "bench", targetId, requestId: null, details, prevHash: head.hash },
  });
  await sql`insert into bench_chain_events (tenant_id, seq, occurred_at, actor_tenant, actor_label, action,
              target_type, target_id, details, prev_hash, hash)
            values (${t}, ${seq}, ${occurredAt}, ${t}, ${scope.actorLabel}, ${action}, 'bench', ${targetId},
              ${legacyCanonicalJson(details)}, ${head.hash}, ${hash})`.execute(tx);
  await sql`update bench_chain_heads set seq = ${seq}, hash = ${hash} where tenant_id = ${t}`.execute(tx);
}

type Audit = (tx: Tx, scope: Scope, targetId: string) => Promise<unknown>;
const unaudited: Audit = async () => undefined;
const chained: Audit = (tx, scope, id) => appendChained(tx, scope, "bench.write", id, { field: "payload" });
const batched: Audit = (tx, scope, id) =>
  recordAudit(tx, scope, {
    action: "bench.write",
    targetType: "bench",
    targetId: id,
    details: { field: "payload" },
  });

interface Throughput {
  writes: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per write: this process, and PostgreSQL's backends when they can be read from /proc. */
  nodeCpuMs: number;
  serverCpuMs: number | undefined;
}

/** CPU seconds used so far by the database server's backends of this database, read from /proc (same machine). */
async function serverCpuSeconds(database: Database): Promise<number | undefined> {
  if (database.kind !== "postgres") return 0;
  const pids = await database.asOwner((tx) =>
    sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(tx),
  );
  let ticks = 0;
  for (const { pid } of pids.rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]); // utime and stime, fields 14 and 15 of stat
    } catch {
      return undefined; // another machine, or not allowed to look
    }
  }
  return ticks / 100; // USER_HZ
}

/** `clients` loops each writing a change and its audit event in one transaction, for `seconds`. */
async function drive(
  database: Database,
  audit: Audit,
  clients: number,
  seconds: number,
): Promise<Throughput> {
  const scope = systemScope(NATION, "bench");
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let n = 0;
  const client = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const id = String(n++);
      await inScope(database.db, scope, async (tx) => {
        await sql`insert into bench_writes (tenant_id, payload) values (${NATION}, ${id})`.execute(tx);
        await audit(tx, scope, id);
      });
      latencies.push(performance.now() - started);
    }
  };
  const serverBefore = await serverCpuSeconds(database);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await serverCpuSeconds(database);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const writes = latencies.length;
  const serverCpuMs =
    serverBefore === undefined || serverAfter === undefined
      ? undefined
      : ((serverAfter - serverBefore) * 1000) / writes;
  return {
    writes,
    perSecond: writes / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    nodeCpuMs: (cpu.user + cpu.system) / 1000 / writes,
    serverCpuMs,
  };
}

/** Adds `count` more events (500 to a transaction, 4 at a time) and sequences them, so verify has a log to walk. */
async function topUp(database: Database, count: number): Promise<void> {
  if (count <= 0) return;
  process.stderr.write(`filling the log with ${count} more events for audit verify…\n`);
  const scope = systemScope(NATION, "bench");
  let left = count;
  const filler = async () => {
    while (left > 0) {
      const n = Math.min(500, left);
      left -= n;
      await inScope(database.db, scope, async (tx) => {
        for (let i = 0; i < n; i++) await batched(tx, scope, `fill-${left + i}`);
      });
    }
  };
  await Promise.all([filler(), filler(), filler(), filler()]);
  await integratePending(database, { wait: true });
}

interface Row {
  kind: string;
  floor: Throughput;
  anchor: Throughput;
  batched: Throughput;
  pendingAtEnd: number;
  drainSeconds: number;
  batches: number;
  verified: number;
  verifySeconds: number;
}

async function measure(kind: "pglite" | "postgres", serverUrl: string | undefined): Promise<Row> {
  const target = await createTarget(serverUrl, "audit-bench");
  const database = await openDatabase({ dataDir: target.dataDir, databaseUrl: target.env.DATABASE_URL });
  try {
    await migrate(database, platformMigrations());
    await seedTenants(database);
    await database.asOwner((tx) => sql.raw(ANCHOR_TABLES).execute(tx));
    const clients = Number(values.clients);
    const seconds = Number(values.duration);
    await drive(database, chained, clients, Math.min(1, seconds)); // warm-up: JIT, pool, caches
    process.stderr.write(`${kind}: the change alone, no audit (floor)…\n`);
    const floor = await drive(database, unaudited, clients, seconds);
    process.stderr.write(`${kind}: per-nation chain (anchor)…\n`);
    const anchor = await drive(database, chained, clients, seconds);
    process.stderr.write(`${kind}: leaves + sequencer…\n`);
    const sequencer = startAuditSequencer(database);
    const result = await drive(database, batched, clients, seconds);
    const pendingAtEnd = Number(
      (
        await database.asOwner((tx) =>
          sql<{ n: number }>`select count(*)::int as n from audit_pending`.execute(tx),
        )
      ).rows[0]?.n,
    );
    const drainStarted = performance.now();
    await sequencer.stop();
    await integratePending(database, { wait: true });
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    await topUp(database, Number(values["verify-events"]) - result.writes);
    process.stderr.write(`${kind}: audit verify…\n`);
    const verifyStarted = performance.now();
    const reports = await verifyAuditChains(database);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (reports.some((r) => !r.ok)) throw new Error(`the log does not verify: ${JSON.stringify(reports)}`);
    const usa = reports.find((r) => r.tenantId === NATION);
    return {
      kind,
      floor,
      anchor,
      batched: result,
      pendingAtEnd,
      drainSeconds,
      batches: usa?.batches ?? 0,
      verified: reports.reduce((sum, r) => sum + r.events, 0),
      verifySeconds,
    };
  } finally {
    await database.close();
    await target.cleanup();
  }
}

/** CPU per write, and the writes per second two otherwise idle cores could then sustain. */
function cpuCell(t: Throughput): string {
  if (t.serverCpuMs === undefined) return `${t.nodeCpuMs.toFixed(2)} ms (server n/a)`;
  const total = t.nodeCpuMs + t.serverCpuMs;
  const split =
    t.serverCpuMs > 0 ? ` (Node ${t.nodeCpuMs.toFixed(2)} + server ${t.serverCpuMs.toFixed(2)})` : "";
  return `${total.toFixed(2)} ms${split} → ${(2000 / total).toFixed(0)}/s`;
}

function print(rows: Row[], clients: number, seconds: number): void {
  const load = fs.existsSync("/proc/loadavg")
    ? fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3)
    : [];
  const lines = [
    `Audit benchmark — ${clients} concurrent clients writing to one nation, ${seconds} s per design, ` +
      `${new Date().toISOString().slice(0, 10)}, load average ${load.join(" ") || "n/a"}`,
    "",
    "| database | design | writes/s | ratio | p50 / p99 ms | CPU per write → on 2 idle cores |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const ms = (t: Throughput) => `${t.p50.toFixed(0)} / ${t.p99.toFixed(0)}`;
    const ratio = (r.batched.perSecond / r.anchor.perSecond).toFixed(1);
    lines.push(
      `| ${r.kind} | the change alone, no audit (floor) | ${r.floor.perSecond.toFixed(0)} | — | ${ms(r.floor)} | ${cpuCell(r.floor)} |`,
      `| ${r.kind} | per-nation chain (anchor) | ${r.anchor.perSecond.toFixed(0)} | 1× | ${ms(r.anchor)} | ${cpuCell(r.anchor)} |`,
      `| ${r.kind} | leaves + sequencer | ${r.batched.perSecond.toFixed(0)} | ${ratio}× | ${ms(r.batched)} | ${cpuCell(r.batched)} |`,
    );
  }
  lines.push(
    "",
    "| database | pending when writes stopped | drained in | batches | audit verify |",
    "|---|---|---|---|---|",
  );
  for (const r of rows)
    lines.push(
      `| ${r.kind} | ${r.pendingAtEnd} | ${r.drainSeconds.toFixed(2)} s | ${r.batches} | ${r.verified} events in ${r.verifySeconds.toFixed(2)} s = ${(r.verified / r.verifySeconds).toFixed(0)} events/s |`,
    );
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const seconds = Number(values.duration);
  const clients = Number(values.clients);
  if (!(seconds > 0) || !(clients > 0)) throw new Error("--duration and --clients must be positive numbers");
  const wanted = new Set(values.databases.split(","));
  const rows: Row[] = [];
  if (wanted.has("pglite")) rows.push(await measure("pglite", undefined));
  const serverUrl =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (serverUrl && wanted.has("postgres")) rows.push(await measure("postgres", serverUrl));
  print(rows, clients, seconds);
  if (!serverUrl) process.stdout.write("PostgreSQL skipped: set BENCH_DATABASE_URL to a server URL\n");
}

await main();
