// The server half of the pathways benchmark: portal submissions end to end on loopback (challenge, proof of
// work, apply) on PGlite and on PostgreSQL (BENCH_DATABASE_URL), against GET /healthz in the same run, and
// appointment booking with 50 concurrent clients for the last 5 slots.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import pg from "pg";
import { createApplication } from "../src/app.ts";
import { solveChallenge } from "../src/pathways/bot-check.codec.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { loadConfig } from "../src/platform/config.ts";
import { newKeyFile } from "../src/platform/crypto/keyring.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CLIENTS = 16;

interface Target {
  name: string;
  url?: string;
  drop?: () => Promise<void>;
}

async function postgresTarget(url: string): Promise<Target> {
  const name = `hemisphere_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  return { name: "PostgreSQL", url: u.toString(), drop };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `CLIENTS` loops of `once` for SECONDS; returns requests/s and latencies. */
async function load(
  once: () => Promise<void>,
): Promise<{ rate: number; p50: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await once();
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return {
    rate: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

async function json(res: Response): Promise<unknown> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json();
}

async function runOn(target: Target): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hemisphere-bench-"));
  const config = loadConfig({
    HEMISPHERE_DATA_DIR: dataDir,
    HEMISPHERE_KEYS: JSON.stringify(newKeyFile("bench")),
    NODE_ENV: "test",
    PORT: "0",
    ...(target.url ? { DATABASE_URL: target.url } : {}),
  });
  const app = await createApplication(config);
  const service = app.pathways;
  const usa = systemScope("USA", "bench", ["pathway_officer"]);
  const pathway = {
    title: "Bench",
    capacity: { places: 1000, period: "month" },
    rules: [{ kind: "nationality", in: ["VEN", "HTI"] }],
  };
  await service.catalog.save(usa, "bench-pathway", pathway, "2020-01-01");
  await service.catalog.publish(usa, "bench-pathway", true);
  const server = serve({ fetch: app.http.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  // Idle keep-alive sockets must outlive the pauses between phases, or a client reuses a closed one.
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 120_000;
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  try {
    const health = await load(async () => void (await json(await fetch(`${base}/healthz`))));
    const submit = await load(async () => {
      const challenge = (await json(await fetch(`${base}/api/v1/portal/challenge`, { method: "POST" }))) as {
        token: string;
        difficulty: number;
      };
      const nonce = solveChallenge(challenge.token, challenge.difficulty);
      const body = {
        lang: "ht",
        nation: "USA",
        pathwayId: "bench-pathway",
        answers: { nationality: "HTI" },
        consent: true,
        fullName: "Bench Person",
        proof: { token: challenge.token, nonce },
      };
      await json(
        await fetch(`${base}/api/v1/portal/applications`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    });
    const f = (n: number) => n.toFixed(1);
    console.log(
      `portal   ${target.name}: anchor GET /healthz ${f(health.rate)} req/s, p99 ${f(health.p99)} ms`,
    );
    console.log(
      `portal   ${target.name}: submissions end to end (challenge + ${service.botCheck.difficulty}-bit proof + apply) ${f(submit.rate)} /s, p50 ${f(submit.p50)} ms, p99 ${f(submit.p99)} ms, errors ${submit.errors}, ratio to anchor ${(submit.rate / health.rate).toFixed(3)}`,
    );
    await bookingRace(app, base, target.name);
  } finally {
    server.close();
    await app.platform.close();
    await target.drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function bookingRace(
  app: Awaited<ReturnType<typeof createApplication>>,
  base: string,
  name: string,
): Promise<void> {
  const service = app.pathways;
  const usa = systemScope("USA", "bench");
  await app.platform.database.asOwner((tx) =>
    tx.insertInto("offices").values({ tenant_id: "USA", id: "USA-77", name: "bench office" }).execute(),
  );
  await service.workflow.setAppointmentDay(usa, { officeId: "USA-77", day: "2033-05-02", capacity: 5 });
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    ids.push(
      (
        await service.portal.apply(
          { lang: "es", nation: "USA", pathwayId: "bench-pathway", answers: { nationality: "VEN" } },
          null,
        )
      ).id,
    );
  }
  const user = await app.platform.users.createUser(usa, {
    email: `bench.${randomBytes(3).toString("hex")}@usa.test`,
    displayName: "Bench",
    roles: ["pathway_officer"],
    officeId: null,
  });
  const { token } = await app.platform.users.createToken(usa, {
    userId: user.id,
    name: "bench",
    expiresAt: null,
  });
  const answers = await Promise.all(
    ids.map((id) =>
      fetch(`${base}/api/v1/pathways/applications/${id}/appointment`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ officeId: "USA-77", day: "2033-05-02" }),
      }).then(
        async (r) => ({ status: r.status, text: await r.text() }),
        (error: Error) => ({ status: 0, text: error.message }),
      ),
    ),
  );
  const booked = answers.filter((a) => a.status === 201).length;
  const refused = answers.filter((a) => a.status === 409 && a.text.includes("no slot left")).length;
  const slots = await app.platform.database.asOwner((tx) =>
    tx.selectFrom("pathway_appointments").select("slot").where("office_id", "=", "USA-77").execute(),
  );
  const double = slots.length - new Set(slots.map((s) => s.slot)).size;
  console.log(
    `booking  ${name}: 50 concurrent clients, 5 last slots → ${booked} booked, ${refused} refused "no slot left", ${50 - booked - refused} other, ${double} double bookings`,
  );
}

/** Runs the server part on PGlite, then on PostgreSQL when BENCH_DATABASE_URL is set. */
export async function benchPortalServer(): Promise<void> {
  process.env.HEMISPHERE_PORTAL_POW_BITS ??= "8";
  process.env.HEMISPHERE_PORTAL_READS_PER_MIN ??= "0";
  process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN ??= "0";
  process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN ??= "0";
  await runOn({ name: "PGlite" });
  const url = process.env.BENCH_DATABASE_URL;
  if (url) await runOn(await postgresTarget(url));
  else console.log("portal   PostgreSQL: skipped (set BENCH_DATABASE_URL)");
}
