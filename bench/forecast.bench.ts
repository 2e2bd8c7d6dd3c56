// Forecast evaluation: the rolling-origin protocol of ADR 0003 on every series the shared data supports, our
// ensemble beside the anchors (naive, seasonal naive, ETS, ARIMA) in the same run, against the targets.
// Usage: npm run bench:forecast [-- --tune] [--series]
//   --tune    tuning set only (nothing evaluated): re-reads the interval calibration and says whether the stored
//             table matches, compares the candidate methods, prints the ensemble's coverage there
//   --series  also prints every series at every horizon
import fs from "node:fs";
import path from "node:path";
import {
  evaluate,
  evaluationSplit,
  pool,
  type SeriesScore,
  shareAboveCeiling,
} from "../src/flows/engine/evaluation.ts";
import { pooledTable, seriesTable, targetChecks } from "../src/flows/engine/evaluation-report.ts";
import {
  type EvaluationSeries,
  monthlyEvaluationSeries,
  sectorTuningSeries,
  yearlyEvaluationSeries,
} from "../src/flows/engine/evaluation-series.ts";
import type { FlowRow } from "../src/flows/engine/flows-types.ts";
import { ensembleMethod, forecastSeries } from "../src/flows/engine/forecast.ts";
import { anchorMethods } from "../src/flows/engine/forecast-anchors.ts";
import type { ForecastMethod } from "../src/flows/engine/forecast-band.ts";
import { monthlyCalibration } from "../src/flows/engine/forecast-calibration.ts";
import { parseFlowFile } from "../src/flows/engine/parse-flow-file.ts";
import { sharedDataDir } from "../src/flows/index.ts";
import { printTuningReport } from "./forecast-tune.ts";

const args = process.argv.slice(2);
const dataDir = sharedDataDir();

function rowsOf(dir: string, match: RegExp): FlowRow[] {
  const folder = path.join(dataDir, dir);
  return fs
    .readdirSync(folder)
    .filter((name) => match.test(name))
    .sort()
    .flatMap((name) => parseFlowFile(fs.readFileSync(path.join(folder, name)), { file: name }).rows);
}

if (!fs.existsSync(path.join(dataDir, "cbp"))) {
  console.log(`forecast bench: no shared data at ${dataDir} (set HEMISPHERE_SHARED_DATA); nothing measured`);
  process.exit(0);
}
const aor = rowsOf("cbp", /^cbp_resp_aor_/);
const sectors = rowsOf("cbp", /^uwchr_usbp_monthly_/);
const monthly = monthlyEvaluationSeries(aor, sectors);
const tuningOnly = sectorTuningSeries(sectors);
const yearly = yearlyEvaluationSeries(rowsOf("unhcr", /^unhcr_population_/));
const methods: ForecastMethod[] = [ensembleMethod, ...anchorMethods];

console.log("Forecast evaluation (rolling origin, log scale, every method refitted causally at each origin)");
console.log(
  `Split fixed before choosing: targets up to ${evaluationSplit.month} (monthly) / ${evaluationSplit.year} (yearly) tune;` +
    ` forecasts made after them are evaluated. Tuning also uses ${tuningOnly.length} Border Patrol sector and` +
    " region series of FY2000–FY2020, which are never evaluated.",
);
console.log(`Monthly series evaluated (${monthly.length}): ${monthly.map((s) => s.id).join(", ")}`);
console.log(`Yearly series evaluated (${yearly.length}): ${yearly.map((s) => s.id).join(", ")}\n`);

if (args.includes("--tune")) {
  // Tuning only: the report cuts every series at the split and the evaluation below is not run.
  printTuningReport(monthly, tuningOnly, yearly);
  process.exit(0);
}

const timings = new Map<string, number>();
function timedEvaluate(
  series: EvaluationSeries[],
  horizons: number[],
  set: "tuning" | "evaluation",
): SeriesScore[] {
  return methods.flatMap((m) => {
    const started = process.cpuUsage();
    const scores = evaluate(series, [m], horizons, set);
    const used = process.cpuUsage(started);
    timings.set(m.name, (timings.get(m.name) ?? 0) + (used.user + used.system) / 1e6);
    return scores;
  });
}

const tuningScores = timedEvaluate([...monthly, ...tuningOnly], [1, 3, 6], "tuning");
const monthlyScores = timedEvaluate(monthly, [1, 3, 6], "evaluation");
const yearlyScores = timedEvaluate(yearly, [1, 2, 3], "evaluation");
const monthlyPooled = pool(monthlyScores);

console.log("== Tuning set, monthly (what the method and its calibration were chosen on) ==");
console.log(pooledTable(pool(tuningScores)));
console.log("\n== Evaluation set, monthly, FY2022–FY2023 outcomes (reported) ==");
console.log(pooledTable(monthlyPooled));
console.log("\n== Evaluation set, yearly UNHCR series, 2016–2025 outcomes, horizons in years ==");
console.log(pooledTable(pool(yearlyScores)));
if (args.includes("--series")) {
  console.log("\n== Evaluation set, monthly, per series: ensemble beside naive ==");
  console.log(seriesTable(monthlyScores, "ensemble"));
  console.log("\n== Evaluation set, yearly, per series: ensemble beside naive ==");
  console.log(seriesTable(yearlyScores, "ensemble"));
}

console.log("\n== Targets (evaluation set, monthly, pooled) ==");
const checks = targetChecks(monthlyPooled, "ensemble");
for (const c of checks) console.log(c.line);
console.log(`${checks.filter((c) => c.met).length} of ${checks.length} targets met`);
printCeilingShare();

const venezuelans = monthly.find((s) => s.id === "sw-ven");
if (venezuelans) {
  const points = venezuelans.periods.map((month, i) => ({ month, value: venezuelans.values[i] as number }));
  const last = points.at(-1);
  const ahead = forecastSeries(points, 6);
  console.log(`\nVenezuelans, Southwest, from ${last?.month} (last actual ${last?.value}):`);
  for (const f of ahead)
    console.log(
      `  ${f.month}: ${Math.round(f.mean)}  80% ${Math.round(f.lo80)}–${Math.round(f.hi80)}  95% ${Math.round(f.lo95)}–${Math.round(f.hi95)}`,
    );
}

console.log(
  "\nCPU seconds for the whole protocol per method (ratio to the ETS anchor, measured in this run):",
);
const ets = timings.get("ets") ?? Number.NaN;
for (const [name, seconds] of timings)
  console.log(`  ${name}: ${seconds.toFixed(2)} s (${(seconds / ets).toFixed(2)}× ets)`);

// No band reaches past the plausible ceiling, so an outcome above it is a miss whatever the quantiles: how much
// of the 95% shortfall is the ceiling's, and how the band covers the rest.
function printCeilingShare(): void {
  const { capRatio } = monthlyCalibration;
  console.log(
    `\nOutcomes above the ceiling (${capRatio}× the largest month seen before the forecast), evaluation set:`,
  );
  for (const h of [1, 3, 6]) {
    const { above, outcomes } = shareAboveCeiling(monthly, h, "evaluation", capRatio);
    const ours = monthlyPooled.find((p) => p.method === "ensemble" && p.horizon === h);
    const covered = (ours?.coverage95 ?? Number.NaN) * (ours?.forecasts ?? Number.NaN);
    console.log(
      `  h=${h}: ${above} of ${outcomes} (${((100 * above) / outcomes).toFixed(1)}%);` +
        ` 95% coverage of the others ${((100 * covered) / (outcomes - above)).toFixed(1)}%`,
    );
  }
}
