// Border bulk-import benchmark: an encounter CSV of N rows imported in one transaction with the monthly
// aggregate refresh, on PGlite (always) and PostgreSQL (when a server URL is given). Anchor, measured in the
// same run: parsing the same file with csv-parse alone, the floor any import must pay.
import { randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse";
import pg from "pg";
import { createApplication } from "../src/app.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { loadConfig } from "../src/platform/config.ts";
import { newKeyFile } from "../src/platform/crypto/keyring.ts";

const citizenships = ["MEX", "GTM", "HND", "SLV", "VEN", "CUB", "HTI", "NIC", "COL", "ECU"];
const demographics = ["single_adult", "family_unit", "accompanied_minor", "unaccompanied_minor"];
const sectors = [
  "Rio Grande Valley Sector",
  "El Paso Sector",
  "Tucson Sector",
  "San Diego Sector",
  "Del Rio Sector",
];
const given = ["María José", "Luis", "Ana", "Carlos", "Yolanda", "José Miguel", "Daniela", "Pedro"];
const family = ["Pérez Rodríguez", "González", "Hernández López", "Ramírez", "Castillo Mora", "Díaz"];

/** A deterministic encounter CSV with personal fields (so encryption is part of the cost). */
function writeCsv(file: string, rows: number): void {
  const lines = [
    "date,border,sector,demographic,citizenship,fear_claim,prior_residences,given_names,family_names,birth_date,document_type,document_number",
  ];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2020, 2, 1) + ((i * 7919) % 1250) * 86_400_000).toISOString().slice(0, 10);
    const birth = `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    lines.push(
      [
        day,
        "Southwest Land Border",
        sectors[i % 5],
        demographics[(i >> 2) % 4],
        citizenships[i % 10],
        i % 11 === 0 ? "yes" : "no",
        i % 3 === 0 ? "COL:2018-01-01:2021-06-30" : "",
        given[i % 8],
        family[i % 6],
        birth,
        "passport",
        `P${1_000_000 + i}`,
      ].join(","),
    );
    if (lines.length >= 50_000) {
      writeFileSync(file, `${lines.join("\n")}\n`, { flag: i < 50_000 ? "w" : "a" });
      lines.length = 0;
    }
  }
  if (lines.length > 0) writeFileSync(file, `${lines.join("\n")}\n`, { flag: "a" });
}

const loadText = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

function peakRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function parseOnly(file: string): Promise<number> {
  const start = performance.now();
  let n = 0;
  for await (const _ of createReadStream(file).pipe(parse({ bom: true }))) n++;
  return (n - 1) / ((performance.now() - start) / 1000);
}

async function importOnce(label: string, file: string, rows: number, dataDir: string, databaseUrl?: string) {
  const config = loadConfig({
    HEMISPHERE_DATA_DIR: dataDir,
    HEMISPHERE_KEYS: JSON.stringify(newKeyFile("bench")),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const app = await createApplication(config);
  try {
    const pack = await import("node:fs").then((fs) =>
      fs.readFileSync(new URL("../packs/border/us-2020-2025.json", import.meta.url), "utf8"),
    );
    await app.border.loadPack(systemScope("USA", "bench"), pack);
    const baseline = process.memoryUsage().rss;
    const memory = peakRss();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const result = await app.border.importEncounters(systemScope("USA", "bench", ["border_officer"]), {
      fileName: file,
      contentHash: randomBytes(16).toString("hex"),
      open: () => createReadStream(file),
    });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const peak = memory.stop();
    const months = (await app.border.cbpMonthly(systemScope("USA", "bench"))).reduce(
      (sum, r) => sum + r.encounter_count,
      0,
    );
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    console.log(
      `${label.padEnd(12)} ${result.rows.toLocaleString("en")} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString("en")} rows/s; this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s; peak RSS ${mib(peak)} (${mib(baseline)} before the import); monthly counts sum ${months.toLocaleString("en")}; load ${loadText()}`,
    );
    return rows / seconds;
  } finally {
    await app.platform.close();
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Runs the import benchmark on PGlite and, when `serverUrl` is set, on PostgreSQL. */
export async function runImportBench(rows: number, serverUrl: string | undefined): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "border-bench-"));
  try {
    const file = path.join(dir, "encounters.csv");
    writeCsv(file, rows);
    console.log(
      `\nbulk import of ${rows.toLocaleString("en")} encounters (one transaction, with the monthly aggregate refresh); ${os.cpus().length} cores, load ${loadText()}`,
    );
    const anchor = await parseOnly(file);
    console.log(`${"anchor".padEnd(12)} csv-parse alone: ${Math.round(anchor).toLocaleString("en")} rows/s`);
    const embedded = await importOnce("PGlite", file, rows, path.join(dir, "pglite"));
    console.log(`ratio PGlite import / csv-parse anchor: ${(embedded / anchor).toFixed(3)}`);
    if (!serverUrl) return console.log("PostgreSQL: skipped (set BORDER_BENCH_DATABASE_URL)");
    const name = `hemisphere_bench_${randomBytes(4).toString("hex")}`;
    await adminQuery(serverUrl, `create database ${name}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const server = await importOnce("PostgreSQL", file, rows, path.join(dir, "pg"), url.toString());
      console.log(
        `ratio PostgreSQL import / csv-parse anchor: ${(server / anchor).toFixed(3)} (peak RSS is this process only)`,
      );
    } finally {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
