// Placement benchmark: our solvers against HiGHS (WASM, in a worker) on the same seeded instances, same run.
// Usage: npm run bench:placement -- [--highs-seconds 60] [--skip-large] [--skip-milp] [--skip-solver]
//        [--skip-batches] [--skip-train]

import {
  type BatchPlan,
  type BatchSequence,
  planDynamic,
  planGreedy,
  planHindsight,
} from "../src/placement/engine/arrival-planner.ts";
import { bootstrapSampler, generateSequence } from "../src/placement/engine/arrival-sequence.ts";
import { buildLinearModel } from "../src/placement/engine/highs-model.ts";
import { generateInstance, type InstanceSpec } from "../src/placement/engine/instance-generator.ts";
import { evaluateOutcomes, formatEvaluation } from "../src/placement/engine/outcome-evaluation.ts";
import { generateHistory } from "../src/placement/engine/outcome-history.ts";
import { predictOutcome } from "../src/placement/engine/outcome-model.ts";
import { buildModel, type PlacementModel } from "../src/placement/engine/placement-model.ts";
import type { PlacementInput } from "../src/placement/engine/placement-types.ts";
import { splitRows, trainOutcomeModel } from "../src/placement/engine/train-scores.ts";
import { type HighsOutcome, runHighs } from "../src/placement/highs.pool.ts";
import { solvePlacement } from "../src/placement/solve-placement.pool.ts";
import { seededRandom } from "../src/shared/seeded-random.ts";

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

/**
 * Σ weight·x of HiGHS's primal vector, computed here: the comparison must not depend on the sign
 * convention HiGHS uses when it reports the objective (it minimises internally).
 */
function primalValue(model: PlacementModel, primal: ArrayLike<number> | undefined): number {
  if (!primal) return Number.NaN;
  let total = 0;
  for (let k = 0; k < model.weight.length; k++) total += model.weight[k]! * (primal[k] ?? 0);
  return total;
}

async function highs(
  spec: InstanceSpec,
  integer: boolean,
  seconds: number,
): Promise<(Timed<HighsOutcome> & { value: HighsOutcome; primalValue: number }) | undefined> {
  const model = buildModel(generateInstance(spec));
  const run = await timed(() =>
    runHighs(buildLinearModel(model), { integer, timeLimitSeconds: seconds }),
  ).catch((error: unknown) => {
    console.log(`  HiGHS ${integer ? "MILP" : "LP"} failed: ${(error as Error).message}`);
    return undefined;
  });
  if (!run) return undefined;
  const o = run.value;
  const value = primalValue(model, o.primal);
  // A maximisation bound is never below a feasible value; a reported bound of the other sign is flipped.
  const bound = !(o.bound < value - 1e-6 * Math.abs(value)) ? o.bound : -o.bound;
  console.log(
    `  HiGHS  ${(integer ? "MILP" : "LP").padEnd(9)} wall ${fmt(run.wall)}s cpu ${fmt(run.cpu)}s  status ${o.status}  ` +
      `Σw·x ${fmt(value, 6)} (reported ${fmt(o.objective, 6)})  bound ${fmt(bound, 6)}  (limit ${seconds}s)`,
  );
  return { ...run, value: { ...o, bound }, primalValue: value };
}

async function unitClass(): Promise<void> {
  const spec: InstanceSpec = { cases: 2000, places: 200, seed: 2000, kind: "unit" };
  console.log("\n[1] 2,000 cases × 200 places, dense, capacity in cases (target: optimal, < 1 s)");
  const mine = await ours(spec, 10);
  const lp = await highs(spec, false, highsSeconds);
  const milp = flag("--skip-milp") ? undefined : await highs(spec, true, highsSeconds);
  const objective = mine.run.value.result.objective;
  if (lp) {
    const same =
      lp.value.status === "optimal" && Math.abs(lp.primalValue - objective) <= 1e-6 * Math.abs(objective);
    console.log(
      `  LP optimum equals ours: ${same} (Σw·x ${fmt(lp.primalValue, 6)} vs ${fmt(objective, 6)}); ` +
        `speed-up vs HiGHS LP ×${fmt(lp.wall / mine.run.wall, 1)} wall, ×${fmt(lp.cpu / mine.run.cpu, 1)} cpu`,
    );
  }
  if (milp)
    console.log(
      `  speed-up vs HiGHS MILP ×${fmt(milp.wall / mine.run.wall, 1)} wall, ×${fmt(milp.cpu / mine.run.cpu, 1)} cpu ` +
        `(MILP status ${milp.value.status})`,
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
  const r = mine.run.value.result;
  if (!milp) {
    // Our bound is the LP bound, which no MILP bound exceeds: the gap to it is the honest upper estimate.
    console.log(
      `  HiGHS proved no bound within its limit; ours vs our own LP bound: ${fmt(r.gap * 100, 4)}% below ` +
        "(target ≤ 0.5%)",
    );
    return;
  }
  const best = Math.min(milp.value.bound, r.bound);
  console.log(
    `  ours vs HiGHS bound: ${fmt((1 - r.objective / milp.value.bound) * 100, 4)}% below; vs the best bound ` +
      `(min of HiGHS's and ours): ${fmt((1 - r.objective / best) * 100, 4)}% below (target ≤ 0.5%); vs HiGHS ` +
      `incumbent: ${fmt((r.objective / milp.primalValue - 1) * 100, 4)}%; time ratio ${fmt(mine.run.wall / milp.wall, 3)} ` +
      `wall, ${fmt(mine.run.cpu / milp.cpu, 3)} cpu (target ≤ 0.1)`,
  );
}

/** A policy with no information: each arrival goes to a uniformly random allowed place with room. */
function planRandom(sequence: BatchSequence, random: () => number): number {
  const remaining = Int32Array.from(sequence.capacity);
  let total = 0;
  for (const batch of sequence.batches) {
    for (let i = 0; i < batch.length / sequence.m; i++) {
      const open = [...remaining.keys()].filter(
        (p) => remaining[p]! > 0 && batch[i * sequence.m + p]! > -Infinity,
      );
      if (open.length === 0) continue;
      const p = open[Math.floor(random() * open.length)]!;
      remaining[p]!--;
      total += batch[i * sequence.m + p]!;
    }
  }
  return total;
}

async function batchesClass(): Promise<void> {
  const scenarios = value("--scenarios", 5);
  console.log(
    `\n[4] batches over time: 20 batches × 100 cases, 50 places, capacity = arrivals, ${scenarios} sampled futures`,
  );
  console.log("    (issue: dynamic > 98% of hindsight where greedy < 90%)");
  const share = (x: number, plan: BatchPlan, random: number) =>
    ((x - random) / (plan.objective - random)) * 100;
  for (const seed of [1, 2, 3]) {
    const { sequence, sampleFuture } = generateSequence({ batches: 20, batchSize: 100, places: 50, seed });
    const hindsight = planHindsight(sequence);
    const greedy = planGreedy(sequence).objective;
    const random = planRandom(sequence, seededRandom(seed + 50));
    const oracle = await timed(async () =>
      planDynamic(sequence, { sampleFuture, scenarios, random: seededRandom(seed + 100) }),
    );
    const boot = await timed(async () =>
      planDynamic(sequence, {
        sampleFuture: bootstrapSampler(sequence.m, sequence.batches),
        scenarios,
        random: seededRandom(seed + 100),
      }),
    );
    const ratio = (x: number) => `${fmt((x / hindsight.objective) * 100, 2)}%`;
    console.log(
      `  seed ${seed}: hindsight ${fmt(hindsight.objective, 2)}; dynamic (forecast = true distribution) ` +
        `${ratio(oracle.value.objective)} [${fmt(oracle.cpu, 1)} s cpu, ${fmt(oracle.wall, 1)} s wall]; dynamic ` +
        `(forecast = resampled arrivals so far) ${ratio(boot.value.objective)}; greedy ${ratio(greedy)}; random ${ratio(random)}`,
    );
    console.log(
      `          share of hindsight's gain over random: dynamic ${fmt(share(oracle.value.objective, hindsight, random), 1)}% / ` +
        `${fmt(share(boot.value.objective, hindsight, random), 1)}%, greedy ${fmt(share(greedy, hindsight, random), 1)}%`,
    );
  }
}

async function trainingClass(): Promise<void> {
  console.log(
    "\n[5] placement train: 20,000 past cases, 30 localities (synthetic, known signal), 20% held out",
  );
  const generated = generateHistory({ history: 20_000, newCases: 1000, localities: 30, seed: 77 });
  const columns = { size: true, education: true, workExperience: true };
  const settings = { holdout: 0.2, seed: 1, minCount: 20 };
  const run = await timed(async () => trainOutcomeModel(generated.records, columns, settings));
  console.log(
    `  trained in ${fmt(run.cpu, 2)} s cpu, ${fmt(run.wall, 2)} s wall; shrinkage ${run.value.shrinkage}`,
  );
  for (const line of formatEvaluation("  per-locality", run.value.evaluation!)) console.log(line);
  console.log(formatEvaluation("  pooled only", run.value.pooledEvaluation!)[0]);
  const { heldOut } = splitRows(generated.records, settings.holdout, settings.seed);
  const truth = Float64Array.from(heldOut, (r) =>
    generated.trueProbability(r, generated.localities.indexOf(r.locality)),
  );
  console.log(
    `${
      formatEvaluation(
        "  true probabilities (ceiling)",
        evaluateOutcomes(
          truth,
          Uint8Array.from(heldOut, (r) => r.outcome),
        ),
      )[0]
    }`,
  );
  await allocationGain(generated, run.value.model);
}

/** Expected outcomes (true probabilities) when the new cases are placed on learned scores, true scores, or at random. */
async function allocationGain(
  generated: ReturnType<typeof generateHistory>,
  model: ReturnType<typeof trainOutcomeModel>["model"],
): Promise<void> {
  const { cases, localities } = generated;
  const slots = Math.ceil((cases.length * 1.05) / localities.length);
  const truth = (i: number, p: number) => generated.trueProbability(cases[i]!, p);
  const input = (score: (i: number, p: number) => number): PlacementInput => {
    const caseIndex: number[] = [];
    const placeIndex: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < cases.length; i++) {
      for (let p = 0; p < localities.length; p++) {
        caseIndex.push(i);
        placeIndex.push(p);
        values.push(score(i, p));
      }
    }
    return {
      cases: cases.map((c) => ({
        id: c.id,
        size: 1,
        needs: [],
        languages: [],
        languageRequired: false,
        preferences: [],
        ties: [],
      })),
      places: localities.map((l, p) => ({
        id: l,
        nation: generated.nations[p]!,
        locality: l,
        capacityPersons: slots,
        capacityCases: slots,
        services: [],
        languages: [],
      })),
      scores: {
        caseIndex: Int32Array.from(caseIndex),
        placeIndex: Int32Array.from(placeIndex),
        score: Float64Array.from(values),
      },
    };
  };
  const expected = async (score: (i: number, p: number) => number) => {
    const { result } = await solvePlacement(input(score), {}, () => performance.now());
    return [...result.placeOf].reduce((sum, p, i) => sum + (p >= 0 ? truth(i, p) : 0), 0);
  };
  const learned = await expected((i, p) => predictOutcome(model, cases[i]!, localities[p]!));
  const oracle = await expected(truth);
  let random = 0;
  for (let i = 0; i < cases.length; i++)
    for (let p = 0; p < localities.length; p++) random += truth(i, p) / localities.length;
  console.log(
    `  placing ${cases.length} new cases (expected number with the outcome, true model): random ${fmt(random, 1)}; ` +
      `on learned scores ${fmt(learned, 1)} (+${fmt((learned / random - 1) * 100, 1)}%); on true scores ${fmt(oracle, 1)} ` +
      `(+${fmt((oracle / random - 1) * 100, 1)}%)`,
  );
}

console.log(`placement benchmark (Node ${process.version}; HiGHS limit ${highsSeconds}s)`);
if (!flag("--skip-solver")) {
  if (!flag("--skip-large")) await largeClass();
  await unitClass();
  await familyClass();
}
if (!flag("--skip-batches")) await batchesClass();
if (!flag("--skip-train")) await trainingClass();
console.log(
  `\npeak RSS of the whole run ${peakMb()} MB; load average ${(await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
