// Flows benchmark: import every shared CBP and UNHCR file, then the dashboard's queries; on PGlite, on PostgreSQL
// (BENCH_DATABASE_URL), and the same queries on DuckDB over the same rows in the same run (the anchor).
// Usage: npm run bench:flows -- [--runs 30]. Wall and CPU seconds are both printed: the machine may be shared.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { dimensionColumns } from "../src/flows/engine/dimension-columns.ts";
import type { ParsedFlowFile } from "../src/flows/engine/flows-types.ts";
import { createFlowsService } from "../src/flows/flows.service.ts";
import { parseAll } from "../src/flows/flows-import.service.ts";
import { flowsMigrations, sharedDataDir } from "../src/flows/index.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { type Database, openDatabase } from "../src/platform/db/connect.ts";
import { migrate, platformMigrations } from "../src/platform/db/migrate.ts";
import { seedTenants } from "../src/platform/platform.ts";
import { adminQuery, withDatabase } from "../test/template-db.ts";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] || 30) || 30;
const dataDir = sharedDataDir();

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

function readSets(): { nation: string; parsed: ParsedFlowFile[] }[] {
  return [
    ["cbp", "USA"],
    ["unhcr", "REG"],
  ].map(([dir, nation]) => {
    const folder = path.join(dataDir, dir as string);
    const files = fs
      .readdirSync(folder)
      .filter((n) => /\.(csv|psv)$/.test(n))
      .sort();
    return {
      nation: nation as string,
      parsed: parseAll(
        files.map((name) => ({ name, content: fs.readFileSync(path.join(folder, name)) })),
        {},
      ),
    };
  });
}

/** The dashboard's queries, as service calls and as the equivalent DuckDB SQL over one table. */
const SW = "land_border_region=Southwest Land Border";
const queries: { name: string; service: Record<string, unknown>; duck: string }[] = [
  {
    name: "overview: monthly total",
    service: { source: "cbp-aor" },
    duck: "select period, sum(value) from obs where source='cbp-aor' and measure='encounters' group by 1 order by 1",
  },
  {
    name: "overview: top origins, latest month",
    service: { source: "cbp-aor", groupBy: "citizenship", from: "2023-09", to: "2023-09", limit: 10 },
    duck: "select citizenship, sum(value) v from obs where source='cbp-aor' and measure='encounters' and period='2023-09-01' group by 1 order by v desc limit 10",
  },
  {
    name: "explorer: Venezuelans, Southwest",
    service: { source: "cbp-aor", filter: [SW, "citizenship_iso=VEN"] },
    duck: "select period, sum(value) from obs where source='cbp-aor' and measure='encounters' and land_border_region='Southwest Land Border' and citizenship_iso='VEN' group by 1 order by 1",
  },
  {
    name: "explorer: Southwest by fiscal year",
    service: { source: "cbp-aor", filter: [SW], grain: "year", yearType: "fiscal" },
    duck: "select year(period + interval 3 month), sum(value) from obs where source='cbp-aor' and measure='encounters' and land_border_region='Southwest Land Border' group by 1 order by 1",
  },
  {
    name: "explorer: Southwest, top 10 origins by month",
    service: { source: "cbp-aor", filter: [SW], groupBy: "citizenship", limit: 10 },
    duck: "with t as (select citizenship from obs where source='cbp-aor' and measure='encounters' and land_border_region='Southwest Land Border' group by 1 order by sum(value) desc limit 10) select period, citizenship, sum(value) from obs where source='cbp-aor' and measure='encounters' and land_border_region='Southwest Land Border' and citizenship in (select * from t) group by 1, 2 order by 1, 2",
  },
  {
    name: "map: refugees by origin, 2024",
    service: {
      source: "unhcr-population",
      measure: "refugees",
      groupBy: "origin_iso",
      grain: "year",
      from: "2024",
      to: "2024",
      limit: 500,
    },
    duck: "select origin_iso, sum(value) v from obs where source='unhcr-population' and measure='refugees' and period='2024-01-01' group by 1 order by v desc limit 500",
  },
];

const defaults = { measure: "encounters", grain: "month", yearType: "calendar", limit: 20 };

async function benchPostgres(kind: string, database: Database): Promise<Map<string, Timing>> {
  await migrate(database, [...platformMigrations(), ...flowsMigrations()]);
  await seedTenants(database);
  const flows = createFlowsService({ database });
  const sets = readSets();
  const rows = sets.flatMap((s) => s.parsed).reduce((n, p) => n + p.rows.length, 0);
  const [w0, c0] = [performance.now(), cpuNow()];
  let stored = 0;
  for (const set of sets) {
    const scope = systemScope(set.nation, "bench", [
      set.nation === "REG" ? "regional_admin" : "nation_admin",
    ]);
    const result = await flows.importParsed(scope, set.parsed, { label: "bench", publish: true });
    stored += result.files.reduce((n, f) => n + f.stored, 0);
  }
  const [wall, cpu] = [(performance.now() - w0) / 1000, cpuNow() - c0];
  console.log(
    `${kind}: imported ${rows.toLocaleString("en-US")} figures (${stored.toLocaleString("en-US")} non-zero stored) in ${wall.toFixed(1)}s wall / ${cpu.toFixed(1)}s CPU: ${Math.round(rows / wall).toLocaleString("en-US")} rows/s`,
  );
  const again = performance.now();
  const scope = systemScope("USA", "bench", ["nation_admin"]);
  const repeat = await flows.importParsed(scope, sets[0]?.parsed ?? [], { label: "bench", publish: true });
  console.log(
    `${kind}: same files again: changed=${repeat.changed} in ${((performance.now() - again) / 1000).toFixed(2)}s`,
  );
  const reader = systemScope("MEX", "bench", ["analyst"]);
  // A long-running server answers from warm code: PGlite's WebAssembly tiers up over the first few dozen
  // queries (its compiler threads count as CPU), so every query runs 10 times before any is timed.
  for (const q of queries)
    for (let i = 0; i < 10; i++)
      await flows.series(reader, { ...defaults, ...q.service } as Parameters<typeof flows.series>[1]);
  const figures = new Map<string, Timing>();
  for (const q of queries) {
    const timing = await timed(runs, () =>
      flows.series(reader, { ...defaults, ...q.service } as Parameters<typeof flows.series>[1]),
    );
    figures.set(q.name, timing);
    console.log(`  ${q.name.padEnd(46)} ${show(timing)}`);
  }
  const dims = await timed(runs, () => flows.dimensions(reader, "cbp-aor"));
  console.log(`  ${"explorer: dimension lists".padEnd(46)} ${show(dims)}  (no anchor)`);
  for (const [name, call] of [
    [
      "overview: surges by origin, last 6 months",
      () =>
        flows.surges(reader, {
          source: "cbp-aor",
          measure: "encounters",
          groupBy: "citizenship",
          limit: 15,
          ratio: 1.5,
          minDelta: 500,
          recent: 6,
        }),
    ],
    [
      "surges: Southwest, top 10 origins",
      () =>
        flows.surges(reader, {
          source: "cbp-aor",
          measure: "encounters",
          filter: [SW],
          groupBy: "citizenship",
          limit: 10,
          ratio: 1.5,
          minDelta: 500,
          recent: 12,
        }),
    ],
    [
      "forecast: Venezuelans, Southwest, 6 months",
      () =>
        flows.forecast(reader, {
          source: "cbp-aor",
          measure: "encounters",
          filter: [SW, "citizenship_iso=VEN"],
          horizon: 6,
        }),
    ],
  ] as const) {
    const t = performance.now();
    await call();
    const cold = performance.now() - t;
    console.log(
      `  ${name.padEnd(46)} ${show(await timed(runs, call))}  first call ${cold.toFixed(0)} ms (computed, then stored; no anchor)`,
    );
  }
  return figures;
}

interface Timing {
  p50: number;
  p95: number;
  /** CPU ms of this process per call (DuckDB's threads included): steadier than wall time on a loaded machine. */
  cpu: number;
}

/** p50 and p95 in ms of `runs` calls after 3 warm-up calls. */
async function timed(runs: number, call: () => Promise<unknown>): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) await call();
  const c0 = cpuNow();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 0.5), p95: pct(times, 0.95), cpu: ((cpuNow() - c0) * 1000) / runs };
}

const show = (t: Timing) =>
  `p50 ${t.p50.toFixed(1).padStart(6)} ms  p95 ${t.p95.toFixed(1).padStart(6)} ms  CPU ${t.cpu.toFixed(1).padStart(5)} ms/call`;

async function benchDuck(): Promise<Map<string, Timing>> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  await con.run(
    `create table obs (source varchar, period date, measure varchar, value double, ${dimensionColumns.map((c) => `${c} varchar`).join(", ")})`,
  );
  const appender = await con.createAppender("obs");
  const w0 = performance.now();
  let n = 0;
  for (const set of readSets())
    for (const p of set.parsed)
      for (const r of p.rows) {
        if (r.value === 0) continue;
        appender.appendVarchar(p.source as string);
        appender.appendVarchar(r.period.length === 4 ? `${r.period}-01-01` : `${r.period}-01`);
        appender.appendVarchar(r.measure);
        appender.appendDouble(r.value);
        for (const c of dimensionColumns) {
          const v = r.dims[c];
          if (v === undefined) appender.appendNull();
          else appender.appendVarchar(v);
        }
        appender.endRow();
        n++;
      }
  appender.closeSync();
  console.log(
    `duckdb: appended ${n.toLocaleString("en-US")} rows in ${((performance.now() - w0) / 1000).toFixed(1)}s (parse included)`,
  );
  const figures = new Map<string, Timing>();
  for (const q of queries) {
    const timing = await timed(runs, async () => (await con.runAndReadAll(q.duck)).getRows());
    figures.set(q.name, timing);
    console.log(`  ${q.name.padEnd(46)} ${show(timing)}`);
  }
  con.closeSync();
  return figures;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(dataDir, "cbp"))) {
    console.log(`no shared data at ${dataDir}; set HEMISPHERE_SHARED_DATA`);
    return;
  }
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const [w0, c0] = [performance.now(), cpuNow()];
  readSets();
  console.log(
    `parse only: ${((performance.now() - w0) / 1000).toFixed(1)}s wall / ${(cpuNow() - c0).toFixed(1)}s CPU`,
  );
  const results: [string, Map<string, Timing>][] = [];
  const pglite = await openDatabase({ dataDir: "", inMemory: true });
  results.push(["pglite", await benchPostgres("pglite", pglite)]);
  await pglite.close();
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    // A fresh database per run on that server, dropped afterwards.
    const name = `hemisphere_flows_bench_${process.pid}`;
    await adminQuery(url, `create database ${name}`);
    try {
      const pg = await openDatabase({ dataDir: "", databaseUrl: withDatabase(url, name) });
      results.push(["postgres", await benchPostgres("postgres", pg)]);
      await pg.close();
    } finally {
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    }
  } else console.log("postgres: skipped (set BENCH_DATABASE_URL to an empty database)");
  const duck = await benchDuck();
  console.log(
    "p95 against DuckDB's p95 (target ≤ 2x) and the 50 ms p95 target on PGlite; CPU per call vs DuckDB's:",
  );
  for (const q of queries) {
    const anchor = duck.get(q.name)?.p95 ?? NaN;
    const cells = results.map(([kind, m]) => {
      const p95 = m.get(q.name)?.p95 ?? NaN;
      const ok = p95 / anchor <= 2 && (kind !== "pglite" || p95 < 50);
      const cpu = (m.get(q.name)?.cpu ?? NaN) / (duck.get(q.name)?.cpu ?? NaN);
      return `${kind} ${(p95 / anchor).toFixed(1)}x ${ok ? "ok    " : "MISSED"} (CPU ${cpu.toFixed(1)}x)`;
    });
    console.log(`  ${q.name.padEnd(46)} ${cells.join("  ")}`);
  }
  console.log(
    `total: ${(cpuNow() - c0).toFixed(1)}s CPU, ${((performance.now() - w0) / 1000).toFixed(1)}s wall; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
}

await main();
