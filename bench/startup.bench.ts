// Start-up benchmark: how long a `hemisphere` command takes end to end before and while it works, the compiled
// command (dist/, built by `npm ci`) against the same command run from the sources through tsx
// (HEMISPHERE_FROM_SOURCES=1), in the same run. The anchor is Node starting and exiting with nothing to do: no
// command can start faster. Each figure is the median of --runs runs (wall time, from spawn to exit), with the
// child's CPU time. Then the server: spawn to the first 200 from /healthz on an already migrated PGlite data
// directory (and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set), compiled and from sources.
//   npm run bench:startup -- [--runs 9]
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createTarget, type Target } from "../scripts/server-process.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "9" } } });
const RUNS = Math.max(1, Number(values.runs));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "bin", "hemisphere");
const DATA = process.env.HEMISPHERE_SHARED_DATA || path.join(ROOT, "..", "shared", "data");

const built = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.mjs")], { encoding: "utf8" });
if (built.status !== 0) throw new Error(`the build failed:\n${built.stderr}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hemisphere-startup-"));

/** A month,value series from the shared CBP files: the Southwest land border, fiscal years 2020–2023. */
function seriesFile(): string {
  const files = [2020, 2021, 2022, 2023].map((fy) => path.join(DATA, "cbp", `cbp_resp_aor_fy${fy}.csv`));
  const out = spawnSync(
    process.execPath,
    [BIN, "flows", "series", ...files, "--filter", "land_border_region=Southwest Land Border"],
    { encoding: "utf8" },
  );
  if (out.status !== 0) throw new Error(`flows series failed:\n${out.stderr}`);
  const file = path.join(work, "southwest.csv");
  fs.writeFileSync(file, out.stdout);
  return file;
}

function encounterFile(): string {
  const file = path.join(work, "encounter.json");
  const encounter = {
    date: "2022-03-15",
    citizenship: "VEN",
    demographic: "single_adult",
    border: "US-southwest",
    fearClaim: false,
    medicalEmergency: false,
    traffickingIndicators: [],
    priorResidences: [{ country: "COL", from: "2019-01-01", to: "2021-12-31" }],
  };
  fs.writeFileSync(file, JSON.stringify(encounter));
  return file;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** Runs a command to its end: wall time around the spawn, CPU time (user + system) from /usr/bin/time if any. */
function timeRun(args: string[], env: NodeJS.ProcessEnv): Timing {
  const [command, commandArgs] = TIME
    ? [TIME, ["-f", "cpu %U %S", process.execPath, ...args]]
    : [process.execPath, args];
  const started = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { env, encoding: "utf8" });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function measure(args: string[], env: NodeJS.ProcessEnv): Timing {
  timeRun(args, env); // warm the file cache (and tsx's transform cache) once
  const runs = Array.from({ length: RUNS }, () => timeRun(args, env));
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

const compiled = { ...process.env, HEMISPHERE_FROM_SOURCES: "0" };
const sources = { ...process.env, HEMISPHERE_FROM_SOURCES: "1" };
const series = seriesFile();
const encounter = encounterFile();
const pack = path.join(ROOT, "packs", "border", "us-2020-2025.json");
const commands: Array<[string, string[], number]> = [
  ["hemisphere --help", ["--help"], 300],
  ["flows forecast (Southwest, 6 months)", ["flows", "forecast", "--csv", series, "--horizon", "6"], 700],
  ["border assess (US pack)", ["border", "assess", "--pack", pack, "--encounter", encounter], 700],
];

const anchor = measure(["-e", ""], process.env);
const fmt = (ms: number) => `${Math.round(ms)} ms`;
console.log(`start-up, median of ${RUNS} runs; anchor: node -e "" ${fmt(anchor.wallMs)} wall\n`);
console.log("| command | compiled wall | CPU | from sources wall | CPU | sources / compiled | target |");
console.log("|---|---|---|---|---|---|---|");
for (const [label, args, target] of commands) {
  const fast = measure([BIN, ...args], compiled);
  const slow = measure([BIN, ...args], sources);
  const met = fast.wallMs < target ? "met" : "NOT met";
  console.log(
    `| ${label} | ${fmt(fast.wallMs)} | ${fmt(fast.cpuMs)} | ${fmt(slow.wallMs)} | ${fmt(slow.cpuMs)} | ${(slow.wallMs / fast.wallMs).toFixed(1)}× | < ${target} ms (${met}) |`,
  );
}

/** Spawn to the first 200 from /healthz, in ms. */
async function serverReady(target: Target, env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "serve", "--port", String(port)], {
    env: { ...target.env, ...env, HEMISPHERE_DATA_DIR: target.dataDir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode}:\n${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const targets: Target[] = [await createTarget(undefined, "startup")];
if (serverUrl) targets.push(await createTarget(serverUrl, "startup"));
console.log(`\nserver: spawn to the first 200 from /healthz, median of ${Math.min(RUNS, 5)} starts\n`);
console.log("| database | compiled | from sources | sources / compiled |");
console.log("|---|---|---|---|");
try {
  let port = 18_700;
  for (const target of targets) {
    await serverReady(target, compiled, port++); // the first start migrates the new database
    const times = async (env: NodeJS.ProcessEnv) => {
      const all: number[] = [];
      for (let i = 0; i < Math.min(RUNS, 5); i++) all.push(await serverReady(target, env, port++));
      return median(all);
    };
    const fast = await times(compiled);
    const slow = await times(sources);
    console.log(`| ${target.kind} | ${fmt(fast)} | ${fmt(slow)} | ${(slow / fast).toFixed(1)}× |`);
  }
} finally {
  for (const target of targets) await target.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
}
