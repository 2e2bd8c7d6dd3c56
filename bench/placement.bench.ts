// Placement benchmark: our solvers against HiGHS (WASM, in a worker) on the same seeded instances, same run.
// Usage: npm run bench:placement -- [--highs-seconds 60] [--skip-large] [--skip-milp]
import { buildLinearModel } from "../src/placement/highs-model.ts";
import { type HighsOutcome, runHighs } from "../src/placement/highs-runner.ts";
import { generateInstance, type InstanceSpec } from "../src/placement/instance-generator.ts";
import { buildModel } from "../src/placement/placement-model.ts";
import { solvePlacement } from "../src/placement/solve-placement.ts";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const highsSeconds = value("--highs-seconds", 60);

interface Timed<T> {
  value: T;
  wall: number;
  cpu: number;
}

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { value: result, wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function ours(spec: InstanceSpec, timeLimitSeconds: number) {
  const input = generateInstance(spec);
  const run = await timed(() => solvePlacement(input, { timeLimitSeconds }, () => performance.now()));
  const r = run.value.result;
  console.log(
    `  ours   ${r.method.padEnd(9)} wall ${fmt(run.wall)}s cpu ${fmt(run.cpu)}s  objective ${fmt(r.objective, 6)}  ` +
      `bound ${fmt(r.bound, 6)}  gap ${fmt(r.gap * 100, 4)}%  placed ${r.assigned}/${spec.cases}  peak RSS ${peakMb()} MB`,
  );
  return { input, run };
}

async function highs(
  spec: InstanceSpec,
  integer: boolean,
  seconds: number,
): Promise<Timed<HighsOutcome> | undefined> {
  const model = buildModel(generateInstance(spec));
  const run = await timed(() =>
    runHighs(buildLinearModel(model), { integer, timeLimitSeconds: seconds }),
  ).catch((error: unknown) => {
    console.log(`  HiGHS ${integer ? "MILP" : "LP"} failed: ${(error as Error).message}`);
    return undefined;
  });
  if (!run) return undefined;
  const o = run.value;
  console.log(
    `  HiGHS  ${(integer ? "MILP" : "LP").padEnd(9)} wall ${fmt(run.wall)}s cpu ${fmt(run.cpu)}s  status ${o.status}  ` +
      `objective ${fmt(o.objective, 6)}  bound ${fmt(o.bound, 6)}  (limit ${seconds}s)`,
  );
  return run;
}

async function unitClass(): Promise<void> {
  const spec: InstanceSpec = { cases: 2000, places: 200, seed: 2000, kind: "unit" };
  console.log("\n[1] 2,000 cases × 200 places, dense, capacity in cases (target: optimal, < 1 s)");
  const mine = await ours(spec, 10);
  const lp = await highs(spec, false, highsSeconds);
  const milp = flag("--skip-milp") ? undefined : await highs(spec, true, highsSeconds);
  const objective = mine.run.value.result.objective;
  if (lp) {
    const same = Math.abs(lp.value.objective - objective) <= 1e-6 * Math.abs(objective);
    console.log(
      `  LP optimum equals ours: ${same}; speed-up vs HiGHS LP ×${fmt(lp.wall / mine.run.wall, 1)}`,
    );
  }
  if (milp)
    console.log(
      `  speed-up vs HiGHS MILP ×${fmt(milp.wall / mine.run.wall, 1)} (MILP status ${milp.value.status})`,
    );
}

async function largeClass(): Promise<void> {
  console.log("\n[2] 10,000 cases × 500 places, dense, capacity in cases (target: optimal, < 10 s, < 2 GB)");
  console.log("  (HiGHS WASM is not run at this size: it runs out of memory here)");
  await ours({ cases: 10_000, places: 500, seed: 10_000, kind: "unit" }, 10);
}

async function familyClass(): Promise<void> {
  const spec: InstanceSpec = { cases: 2000, places: 200, seed: 2001, kind: "family" };
  console.log(
    `\n[3] 2,000 families (sizes 1–8) × 200 places, capacity in persons (target: within 0.5% of the`,
  );
  console.log(`    HiGHS bound after ${highsSeconds}s, in a tenth of the time)`);
  const mine = await ours(spec, highsSeconds / 10);
  const milp = await highs(spec, true, highsSeconds);
  if (!milp) return;
  const r = mine.run.value.result;
  const toBound = 1 - r.objective / milp.value.bound;
  console.log(
    `  ours vs HiGHS bound: ${fmt(toBound * 100, 4)}% below; vs HiGHS incumbent: ` +
      `${fmt((r.objective / milp.value.objective - 1) * 100, 4)}%; cpu-time ratio ${fmt(mine.run.cpu / milp.cpu, 3)}`,
  );
}

console.log(`placement benchmark (Node ${process.version}; HiGHS limit ${highsSeconds}s)`);
if (!flag("--skip-large")) await largeClass();
await unitClass();
await familyClass();
console.log(`\npeak RSS of the whole run ${peakMb()} MB`);
