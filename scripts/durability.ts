// Durability check: a stream of audited writes, a SIGKILL of the server midway, a restart on the same data, then
// proof that every write the server acknowledged with 2xx is still there with its audit event, and that every
// audit log verifies.
//   node --import tsx scripts/durability.ts [--writes N] [--concurrency N] [--database-url URL] [--keep]
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import {
  createTarget,
  provisionAdminToken,
  runHemisphere,
  type ServerProcess,
  startServer,
  type Target,
} from "./server-process.ts";

export interface DurabilityOptions {
  writes: number;
  concurrency: number;
  /** A PostgreSQL server URL; a fresh database is created there. PGlite in a temporary directory otherwise. */
  databaseUrl?: string | undefined;
  /** A dump of a migrated PGlite database to start from (tests), instead of initialising a new one. */
  loadDataDir?: Blob | undefined;
  /** Keep the data directory / database afterwards. */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface DurabilityResult {
  database: "pglite" | "postgres";
  sent: number;
  acknowledged: number;
  acknowledgedBeforeKill: number;
  /** Requests that got no 2xx answer because the server died under them (either outcome is correct). */
  inFlightAtKill: number;
  /** Of those, how many had committed anyway. */
  inFlightCommitted: number;
  /** Acknowledged writes missing after the restart: must be empty. */
  lost: string[];
  /** Writes answered with an error status (before the kill, or by the recovered server): must be empty. */
  refused: string[];
  auditOk: boolean;
  auditOutput: string;
  /** Acknowledged writes whose audit event is missing after the restart: must be empty. */
  unaudited: string[];
  passed: boolean;
}

/** Acknowledged e-mails missing from what the restarted server lists. */
export function findLostWrites(acknowledged: readonly string[], present: ReadonlySet<string>): string[] {
  return acknowledged.filter((email) => !present.has(email));
}

interface WriteOutcome {
  email: string;
  status: "acknowledged" | "refused" | "no-answer";
}

/** Sends the writes `emails` with `concurrency` workers until all are sent or `shouldStop` says so. */
async function sendWrites(
  server: ServerProcess,
  token: string,
  emails: string[],
  concurrency: number,
  onOutcome: (outcome: WriteOutcome) => void,
  shouldStop: () => boolean,
): Promise<string[]> {
  let next = 0;
  const worker = async () => {
    while (next < emails.length && !shouldStop()) {
      const email = emails[next++] as string;
      onOutcome({ email, status: await createUser(server.url, token, email) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return emails.slice(next);
}

async function createUser(baseUrl: string, token: string, email: string): Promise<WriteOutcome["status"]> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ email, displayName: `Durability ${email}`, roles: ["registrar"] }),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.ok ? "acknowledged" : "refused";
  } catch {
    return "no-answer";
  }
}

async function listEmails(baseUrl: string, token: string): Promise<Set<string>> {
  const response = await fetch(`${baseUrl}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok)
    throw new Error(`GET /api/v1/users answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { users: { email: string }[] };
  return new Set(body.users.map((u) => u.email));
}

interface Tally {
  acknowledged: string[];
  /** No answer because the server died under the request (either outcome is correct). */
  inFlight: string[];
  refused: string[];
}

/** Phase 1: writes until half are acknowledged, then SIGKILL with requests still in flight. */
async function writeUntilKilled(target: Target, token: string, emails: string[], concurrency: number) {
  const tally: Tally = { acknowledged: [], inFlight: [], refused: [] };
  const killAt = Math.max(1, Math.floor(emails.length / 2));
  const server = await startServer(target);
  let killed: Promise<void> | undefined;
  const remaining = await sendWrites(
    server,
    token,
    emails,
    concurrency,
    (o) => {
      if (o.status === "acknowledged") tally.acknowledged.push(o.email);
      else (killed ? tally.inFlight : tally.refused).push(o.email);
      if (!killed && tally.acknowledged.length >= killAt) killed = server.stop("SIGKILL");
    },
    () => killed !== undefined,
  );
  await (killed ?? server.stop("SIGKILL"));
  return { tally, remaining };
}

/** Phase 2: restarts on the same data, sends the writes never sent, and lists what the server holds. */
async function restartAndFinish(
  target: Target,
  token: string,
  remaining: string[],
  tally: Tally,
  concurrency: number,
) {
  const server = await startServer(target);
  try {
    await sendWrites(
      server,
      token,
      remaining,
      concurrency,
      (o) => (o.status === "acknowledged" ? tally.acknowledged : tally.refused).push(o.email),
      () => false,
    );
    return await listEmails(server.url, token);
  } finally {
    await server.stop("SIGTERM");
  }
}

/** Acknowledged e-mails whose user has no `user.create` audit event, read from the stopped server's database. */
async function findUnaudited(target: Target, acknowledged: readonly string[]): Promise<string[]> {
  const { openDatabase } = await import("../src/platform/db/connect.ts");
  const { loadConfig } = await import("../src/platform/config.ts");
  const config = loadConfig(target.env);
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const audited = await database.asOwner((tx) =>
      tx
        .selectFrom("users as u")
        .innerJoin("audit_events as e", (j) =>
          j.onRef("e.tenant_id", "=", "u.tenant_id").onRef("e.target_id", "=", sql`u.id::text`),
        )
        .select("u.email")
        .where("e.action", "=", "user.create")
        .execute(),
    );
    const found = new Set(audited.map((r) => r.email));
    return acknowledged.filter((email) => !found.has(email));
  } finally {
    await database.close();
  }
}

/** Runs the whole check; a loss is reported in the result, an error only when the check itself cannot run. */
export async function runDurabilityCheck(options: DurabilityOptions): Promise<DurabilityResult> {
  const started = performance.now();
  const print = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (line: string) => print(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`);
  const target = await createTarget(options.databaseUrl, "durability");
  let passed = false;
  try {
    log(`${target.kind}: data in ${target.dataDir}${target.env.DATABASE_URL ? " and a fresh database" : ""}`);
    const token = await provisionAdminToken(target, { loadDataDir: options.loadDataDir });
    const run = randomBytes(3).toString("hex");
    const emails = Array.from({ length: options.writes }, (_, i) => `durability.${run}.${i}@usa.test`);
    log(`sending ${emails.length} writes; SIGKILL once half are acknowledged`);
    const { tally, remaining } = await writeUntilKilled(target, token, emails, options.concurrency);
    const acknowledgedBeforeKill = tally.acknowledged.length;
    log(`killed: ${acknowledgedBeforeKill} acknowledged, ${tally.inFlight.length} in flight; restarting`);
    const present = await restartAndFinish(target, token, remaining, tally, options.concurrency);
    log(
      `restarted: ${remaining.length} more writes sent, ${present.size} users listed; running audit verify`,
    );
    const audit = await runHemisphere(target, ["audit", "verify"]);
    const lost = findLostWrites(tally.acknowledged, present);
    const unaudited = await findUnaudited(target, tally.acknowledged);
    passed = lost.length === 0 && unaudited.length === 0 && tally.refused.length === 0 && audit.code === 0;
    return {
      database: target.kind,
      sent: tally.acknowledged.length + tally.inFlight.length + tally.refused.length,
      acknowledged: tally.acknowledged.length,
      acknowledgedBeforeKill,
      inFlightAtKill: tally.inFlight.length,
      inFlightCommitted: tally.inFlight.filter((e) => present.has(e)).length,
      lost,
      refused: tally.refused,
      auditOk: audit.code === 0,
      auditOutput: `${audit.stdout}${audit.stderr}`.trim(),
      unaudited,
      passed,
    };
  } finally {
    if (options.keep || !passed)
      log(`kept for inspection: ${target.dataDir} ${target.env.DATABASE_URL ?? ""}`);
    else await target.cleanup();
  }
}

/** The human-readable verdict. */
export function describeResult(r: DurabilityResult): string {
  const lines = [
    `database: ${r.database}`,
    `writes sent: ${r.sent}; acknowledged with 2xx: ${r.acknowledged} (${r.acknowledgedBeforeKill} before the SIGKILL)`,
    `in flight when the server was killed: ${r.inFlightAtKill} (${r.inFlightCommitted} of them committed anyway)`,
    `acknowledged writes missing after restart: ${r.lost.length}${r.lost.length ? ` — ${r.lost.slice(0, 5).join(", ")}…` : ""}`,
    `writes refused with an error status: ${r.refused.length}`,
    `acknowledged writes without their audit event: ${r.unaudited.length}${r.unaudited.length ? ` — ${r.unaudited.slice(0, 5).join(", ")}…` : ""}`,
    `audit verify: ${r.auditOk ? "every audit log verifies" : "FAILED"}`,
    r.passed ? "RESULT: PASS — no acknowledged write was lost" : "RESULT: FAIL",
  ];
  if (!r.auditOk) lines.splice(-1, 0, r.auditOutput);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      writes: { type: "string", default: "300" },
      concurrency: { type: "string", default: "4" },
      "database-url": { type: "string" },
      keep: { type: "boolean", default: false },
    },
  });
  const writes = Number(values.writes);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(writes) || writes < 2 || !Number.isInteger(concurrency) || concurrency < 1) {
    process.stderr.write("--writes must be a whole number ≥ 2 and --concurrency ≥ 1\n");
    process.exit(2);
  }
  const result = await runDurabilityCheck({
    writes,
    concurrency,
    databaseUrl: values["database-url"],
    keep: values.keep,
  });
  process.stdout.write(`${describeResult(result)}\n`);
  process.exit(result.passed ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `durability check could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
