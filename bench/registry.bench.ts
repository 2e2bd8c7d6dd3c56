// Registry benchmark: `registry import` of generated people (encrypted fields, blind indexes, regional CLKs), on a
// fresh embedded database and on a fresh PostgreSQL database, against sealing the same people in memory in one
// thread (the anchor, measured in the same run); then importing the same file again (idempotent) and search latency.
// Each database runs in its own child process, so its peak RSS and CPU seconds are its own.
//   node --import tsx bench/registry.bench.ts                       (100,000 people; PostgreSQL when a URL is set)
//   REGISTRY_BENCH_N=20000 node --import tsx bench/registry.bench.ts
//   BENCH_DATABASE_URL=postgres://owner@127.0.0.1:5432/postgres … (or TEST_DATABASE_URL): a fresh database there
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { builtInNamePools } from "../src/identity/engine/generator-names.ts";
import {
  GENERATED_COLUMNS,
  type GeneratedPerson,
  generatePeople,
} from "../src/identity/engine/people-generator.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { keyringFrom, newKeyFile } from "../src/platform/crypto/keyring.ts";
import { readRegistryCsv } from "../src/registry/engine/registry-csv.ts";
import { createPeopleService } from "../src/registry/people.service.ts";
import { regionalClkKeys, sealPerson } from "../src/registry/person-seal.codec.ts";
import { runImport, withRegistry } from "../src/registry/registry.command.ts";
import { seededRandom } from "../src/shared/seeded-random.ts";

const COLUMNS = GENERATED_COLUMNS;

interface ChildFigures {
  importSeconds: number;
  importCpu: number;
  maxRssMiB: number;
  reimportSeconds: number;
  searchMedian: number;
  searchP95: number;
}

const cpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** Child: imports the file, imports it again, then times searches; prints its figures as JSON. */
async function child(file: string): Promise<void> {
  const quiet = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const opts = { nation: "MEX", id: "id", map: "" };
  // The schema is created first, so the import figures are the import's own (not the first run's migrations).
  await withRegistry(async () => undefined);
  let t0 = performance.now();
  const c0 = cpuSeconds();
  await runImport(file, opts);
  const importSeconds = (performance.now() - t0) / 1000;
  const importCpu = cpuSeconds() - c0;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  t0 = performance.now();
  await runImport(file, opts);
  const reimportSeconds = (performance.now() - t0) / 1000;
  const latencies = await searchLatencies(file);
  const q = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))]!;
  const figures: ChildFigures = {
    importSeconds,
    importCpu,
    maxRssMiB,
    reimportSeconds,
    searchMedian: q(0.5),
    searchP95: q(0.95),
  };
  quiet(`${JSON.stringify(figures)}\n`);
}

async function searchLatencies(file: string): Promise<number[]> {
  const rows = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  const latencies: number[] = [];
  await withRegistry(async (platform, keys) => {
    const service = createPeopleService(platform, keys);
    const scope = { ...systemScope("MEX", "bench", ["caseworker"]), reach: "nation" as const };
    for (let i = 0; i < 60; i++) {
      const r = rows[(i * 7919) % rows.length]!;
      const started = performance.now();
      await service.search(scope, { given: r[1]!, surname: r[3]!, dob: r[6]! });
      if (i >= 10) latencies.push(performance.now() - started);
    }
  });
  return latencies.sort((a, b) => a - b);
}

/** Runs the child for one database in its own process and reads its figures. */
function runChild(file: string, env: NodeJS.ProcessEnv): ChildFigures {
  const out = execFileSync(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, file], {
    env: { ...env, REGISTRY_BENCH_CHILD: "1" },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.toString().trim().split("\n").at(-1)!) as ChildFigures;
}

async function withFreshPostgres<T>(url: string, fn: (url: string) => T): Promise<T> {
  const name = `registry_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const fresh = new URL(url);
    fresh.pathname = `/${name}`;
    return fn(fresh.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function anchor(csv: string, keyText: string, n: number): number {
  const keys = { keyring: keyringFrom(JSON.parse(keyText)), clkKeys: new Map<string, Buffer>() };
  keys.clkKeys = regionalClkKeys(keys.keyring);
  const c0 = cpuSeconds();
  const parsed = readRegistryCsv(csv, "id", new Map());
  for (const p of parsed.people) sealPerson(keys, p.person, p.externalId, "USA");
  return n / (cpuSeconds() - c0);
}

function row(label: string, n: number, f: ChildFigures, anchorRate: number): string {
  const rate = n / f.importSeconds;
  return [
    `${label}: import ${rate.toFixed(0)} rows/s (${f.importSeconds.toFixed(1)} s wall, ${f.importCpu.toFixed(1)} s CPU` +
      ` in this process, ${(n / f.importCpu).toFixed(0)} rows per CPU-second, ${(n / f.importCpu / anchorRate).toFixed(2)}× the anchor)`,
    `  peak RSS ${f.maxRssMiB.toFixed(0)} MiB; same file again ${f.reimportSeconds.toFixed(1)} s (nothing changed);` +
      ` search median ${f.searchMedian.toFixed(1)} ms, p95 ${f.searchP95.toFixed(1)} ms`,
  ].join("\n");
}

/**
 * The generated people as a CSV file the strict import accepts: the generator plants clerks' slips (a day 94, a
 * year 4992) to test matching; those values are left blank here, as a registrar would before importing.
 */
function cleanCsv(people: GeneratedPerson[]): string {
  const rows = people.map((p) => COLUMNS.map((c) => p[c]));
  const text = () => [COLUMNS.join(","), ...rows.map((r) => r.join(","))].join("\n");
  const today = new Date().toISOString().slice(0, 10);
  for (const problem of readRegistryCsv(text(), "id", new Map(), { today }).problems) {
    const column = COLUMNS.indexOf(problem.field as keyof GeneratedPerson);
    const row = rows[(problem.line ?? 0) - 2];
    if (row && column > 0) row[column] = "";
  }
  return text();
}

async function main(): Promise<void> {
  const n = Number(process.env.REGISTRY_BENCH_N ?? 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-bench-"));
  const keyText = JSON.stringify(newKeyFile("bench"));
  const csv = cleanCsv(generatePeople(n, seededRandom(7), builtInNamePools()));
  const file = path.join(dir, "people.csv");
  fs.writeFileSync(file, csv);
  const env: NodeJS.ProcessEnv = { ...process.env, HEMISPHERE_KEYS: keyText };
  delete env.DATABASE_URL;
  const lines = [
    `people: ${n.toLocaleString("en-US")}; load average ${os.loadavg()[0]?.toFixed(1)} at start`,
  ];
  const anchorRate = anchor(csv, keyText, n);
  lines.push(`anchor: parse + seal in memory, one thread: ${anchorRate.toFixed(0)} rows per CPU-second`);
  const lite = runChild(file, { ...env, HEMISPHERE_DATA_DIR: path.join(dir, "data") });
  lines.push(row("PGlite", n, lite, anchorRate));
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const server = await withFreshPostgres(url, (fresh) => runChild(file, { ...env, DATABASE_URL: fresh }));
    lines.push(`${row("PostgreSQL", n, server, anchorRate)}  (CPU: Node side only)`);
  } else lines.push("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  lines.push(`load average ${os.loadavg()[0]?.toFixed(1)} at the end`);
  process.stdout.write(`${lines.join("\n")}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.env.REGISTRY_BENCH_CHILD) await child(process.argv[2]!);
else await main();
