// Registry benchmark: `registry import` of generated people (encrypted fields, blind indexes, regional CLKs), on a
// fresh embedded database and on a fresh PostgreSQL database, against sealing the same people in memory in one
// thread (the anchor, measured in the same run); then importing the same file again (idempotent), and searching:
// latency, and recall on the generator's planted duplicates (a duplicate's given name, surname and date of birth
// asked; found when another record of the same person is among the 20 hits). Each database runs in its own child
// process, so its peak RSS and CPU seconds are its own.
//   node --import tsx bench/registry.bench.ts                       (100,000 people; PostgreSQL when a URL is set)
//   REGISTRY_BENCH_N=20000 node --import tsx bench/registry.bench.ts
//   BENCH_DATABASE_URL=postgres://owner@127.0.0.1:5432/postgres … (or TEST_DATABASE_URL): a fresh database there
//   REGISTRY_BENCH_ONLY=postgresql …                                (with a URL: PostgreSQL alone, PGlite skipped)
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
/** Searches timed and scored per database. */
const QUERIES = Number(process.env.REGISTRY_BENCH_QUERIES ?? 300);

interface ChildFigures {
  importSeconds: number;
  importCpu: number;
  maxRssMiB: number;
  reimportSeconds: number;
  searchMedian: number;
  searchP95: number;
  recall: number;
  queries: number;
}

/** One search of the benchmark: what is asked, and the file ids of the other records of the same person. */
interface BenchQuery {
  given: string;
  surname: string;
  dob: string;
  others: string[];
}

const cpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** Child: imports the file, imports it again, then times searches; prints its figures as JSON. */
async function child(file: string, queriesFile: string): Promise<void> {
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
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8")) as BenchQuery[];
  const { latencies, found } = await searchAll(queries);
  const q = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))]!;
  const figures: ChildFigures = {
    importSeconds,
    importCpu,
    maxRssMiB,
    reimportSeconds,
    searchMedian: q(0.5),
    searchP95: q(0.95),
    recall: found / queries.length,
    queries: queries.length,
  };
  quiet(`${JSON.stringify(figures)}\n`);
}

/** Runs every query (after 10 unmeasured ones): the latencies, sorted, and how many found another record. */
async function searchAll(queries: BenchQuery[]): Promise<{ latencies: number[]; found: number }> {
  const latencies: number[] = [];
  let found = 0;
  await withRegistry(async (platform, keys) => {
    const service = createPeopleService(platform, keys);
    const scope = { ...systemScope("MEX", "bench", ["caseworker"]), reach: "nation" as const };
    for (const warm of queries.slice(0, 10)) await service.search(scope, warm);
    for (const { others, ...asked } of queries) {
      const started = performance.now();
      const hits = await service.search(scope, asked);
      latencies.push(performance.now() - started);
      if (hits.some((h) => h.externalId !== null && others.includes(h.externalId))) found++;
    }
  });
  return { latencies: latencies.sort((a, b) => a - b), found };
}

/**
 * Up to `count` planted duplicates, spread over the file: each asks with the duplicate's given name, surname and
 * date of birth as they are in the file (its slips kept), expecting the person's other records.
 */
function plantedQueries(people: GeneratedPerson[], csv: string, count: number): BenchQuery[] {
  const rows = csv
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  const byCluster = new Map<string, string[]>();
  for (const p of people) byCluster.set(p.cluster_id, [...(byCluster.get(p.cluster_id) ?? []), p.id]);
  const queries: BenchQuery[] = [];
  const step = Math.max(1, Math.floor(rows.length / (count * 4)));
  for (let i = 0; i < rows.length && queries.length < count; i += step) {
    const row = rows[i]!;
    const members = byCluster.get(people[i]!.cluster_id) ?? [];
    if (members.length < 2 || !row[1] || !row[3]) continue;
    queries.push({
      given: row[1],
      surname: row[3],
      dob: row[6] ?? "",
      others: members.filter((m) => m !== row[0]),
    });
  }
  return queries;
}

/** Runs the child for one database in its own process and reads its figures. */
function runChild(file: string, env: NodeJS.ProcessEnv): ChildFigures {
  const args = ["--import", "tsx", new URL(import.meta.url).pathname, file, `${file}.queries.json`];
  const out = execFileSync(process.execPath, args, {
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
    await dropWhenFree(admin, name);
    await admin.end();
  }
}

/**
 * Drops the benchmark's database. After a large import autovacuum may still be working on it, and its worker
 * belongs to the superuser, which the owner cannot end: wait for it (up to 2 minutes), then leave the database
 * with a warning rather than lose the figures.
 */
async function dropWhenFree(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
  process.stderr.write(`could not drop database ${name}: drop it by hand\n`);
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
      ` search median ${f.searchMedian.toFixed(1)} ms, p95 ${f.searchP95.toFixed(1)} ms;` +
      ` planted duplicates found ${(f.recall * 100).toFixed(1)} % of ${f.queries}`,
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
  const people = generatePeople(n, seededRandom(7), builtInNamePools());
  const csv = cleanCsv(people);
  const file = path.join(dir, "people.csv");
  fs.writeFileSync(file, csv);
  fs.writeFileSync(`${file}.queries.json`, JSON.stringify(plantedQueries(people, csv, QUERIES)));
  const env: NodeJS.ProcessEnv = { ...process.env, HEMISPHERE_KEYS: keyText };
  delete env.DATABASE_URL;
  // Each figure is printed when it is known: a failure later (or Ctrl-C) keeps what was measured.
  const lines = { push: (line: string) => process.stdout.write(`${line}\n`) };
  lines.push(`people: ${n.toLocaleString("en-US")}; load average ${os.loadavg()[0]?.toFixed(1)} at start`);
  const anchorRate = anchor(csv, keyText, n);
  lines.push(`anchor: parse + seal in memory, one thread: ${anchorRate.toFixed(0)} rows per CPU-second`);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url && process.env.REGISTRY_BENCH_ONLY === "postgresql")
    lines.push("PGlite: skipped (REGISTRY_BENCH_ONLY)");
  else {
    const lite = runChild(file, { ...env, HEMISPHERE_DATA_DIR: path.join(dir, "data") });
    lines.push(row("PGlite", n, lite, anchorRate));
  }
  if (url) {
    const server = await withFreshPostgres(url, (fresh) => runChild(file, { ...env, DATABASE_URL: fresh }));
    lines.push(`${row("PostgreSQL", n, server, anchorRate)}  (CPU: Node side only)`);
  } else lines.push("PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  lines.push(`load average ${os.loadavg()[0]?.toFixed(1)} at the end`);
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.env.REGISTRY_BENCH_CHILD) await child(process.argv[2]!, process.argv[3]!);
else await main();
