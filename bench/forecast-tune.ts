// The tuning report (`npm run bench:forecast -- --tune`): what the method and its calibration were chosen on.
// Every series is cut at the split before anything runs, so no evaluation outcome is loaded, let alone printed.
import {
  evaluate,
  firstOriginOf,
  hindsightBest,
  type PooledScore,
  pool,
  type SeriesScore,
  shareAboveCeiling,
} from "../src/flows/engine/evaluation.ts";
import { alignTable } from "../src/flows/engine/evaluation-report.ts";
import type { EvaluationSeries } from "../src/flows/engine/evaluation-series.ts";
import { evaluationShapedWindows, tuningPart } from "../src/flows/engine/evaluation-windows.ts";
import { ensembleMethod } from "../src/flows/engine/forecast.ts";
import { anchorMethods } from "../src/flows/engine/forecast-anchors.ts";
import { monthlyCalibration, yearlyCalibration } from "../src/flows/engine/forecast-calibration.ts";
import { formatQuantiles, tuneCalibration } from "../src/flows/engine/forecast-tuning.ts";
import {
  candidateMethods,
  globalCoefficients,
  globalLearnsBefore,
  inverseMseWeights,
} from "./forecast-candidates.bench-part.ts";

const horizons = [1, 3, 6];

/** Prints the calibration re-read, the candidates' accuracy and the ensemble's coverage, tuning set only. */
export function printTuningReport(
  monthly: EvaluationSeries[],
  sectors: EvaluationSeries[],
  yearly: EvaluationSeries[],
) {
  const evaluatedPart = monthly.map((s) => tuningPart(s));
  const sectorPart = sectors.map((s) => tuningPart(s));
  const yearlyPart = yearly.map((s) => tuningPart(s));
  printCalibration([...evaluatedPart, ...sectorPart], yearlyPart);
  const aggregate = evaluatedPart.find((s) => s.id === "sw-bp");
  if (aggregate === undefined) throw new Error("the Southwest Border Patrol series is missing");
  const windows = [aggregate, ...sectorPart].flatMap((s) => evaluationShapedWindows(s));
  const startsBy = (from: string, to: string) =>
    windows.filter((w) => (w.periods[0] ?? "") >= from && (w.periods[0] ?? "") < to);
  const groups: [string, EvaluationSeries[]][] = [
    ["all 43 tuning series (as the bench's tuning table)", [...evaluatedPart, ...sectorPart]],
    ["the 19 evaluated series, outcomes up to 2021-09", evaluatedPart],
    ["the 24 Border Patrol sector and region series, FY2000–FY2020", sectorPart],
    [
      "4-year windows starting FY2000–FY2009 (history 2–4 years, like the evaluation)",
      startsBy("", "2009-10"),
    ],
    ["4-year windows starting FY2010–FY2015", startsBy("2009-10", "2015-10")],
    ["4-year windows starting FY2016 or later (outcomes FY2018–FY2021)", startsBy("2015-10", "9999")],
  ];
  const weights = inverseMseWeights([...evaluatedPart, ...sectorPart], 6, firstOriginOf);
  const global = globalCoefficients([...evaluatedPart, ...sectorPart], 6);
  const candidates = candidateMethods(aggregate, weights, global);
  const methods = [ensembleMethod, ...anchorMethods, ...candidates];
  console.log(
    `Series cut at the split; ${windows.length} evaluation-shaped windows (48 months, scored from month 25)`,
  );
  console.log(
    "of the long series. Monthly MAE / naive MAE at 1 / 3 / 6 months (geometric mean over series):\n",
  );
  const results = groups.map(([label, series]) => ({
    label,
    series,
    scores: evaluate(series, methods, horizons, "tuning"),
  }));
  printAccuracy(
    results,
    methods.map((m) => m.name),
  );
  console.log(
    `  global model: learned from outcomes before ${globalLearnsBefore} only (out of sample in groups 2 and 6)`,
  );
  printCoverage(results);
  console.log(
    "\nfixed weights (1/MSE per horizon over the 43 series' tuning forecasts, in-sample there), 6 months:",
    weights.map((row) => (row[5] ?? 0).toFixed(2)).join(" "),
  );
}

interface GroupResult {
  label: string;
  series: EvaluationSeries[];
  scores: SeriesScore[];
}

function printAccuracy(results: GroupResult[], names: string[]) {
  const pooled = results.map((r) => pool(r.scores));
  const cell = (p: PooledScore[], method: string) =>
    horizons
      .map((h) => p.find((x) => x.method === method && x.horizon === h)?.relativeMae.toFixed(3))
      .join(" ");
  const header = ["method", ...results.map((_, i) => `group ${i + 1}`)];
  const rows = names.map((name) => [name, ...pooled.map((p) => cell(p, name))]);
  const single = names.filter(
    (n) => !["median of models", "ensemble + 3 members", "fixed weights", "global + ensemble"].includes(n),
  );
  rows.push([
    "best single method per series, in hindsight",
    ...results.map((r) => horizons.map((h) => hindsightBest(r.scores, single, h).toFixed(3)).join(" ")),
  ]);
  console.log(alignTable([header, ...rows]));
  results.forEach((r, i) => {
    console.log(`  group ${i + 1}: ${r.label} (${r.series.length} series)`);
  });
}

function printCoverage(results: GroupResult[]) {
  console.log(
    "\nThe ensemble's bands on the same forecasts (stored calibration), and the plausible ceiling:",
  );
  const header = [
    "group",
    "cover80 h1/h3/h6",
    "cover95 h1/h3/h6",
    `outcomes above ${monthlyCalibration.capRatio}× the largest seen`,
  ];
  const rows = results.map((r, i) => {
    const ours = pool(r.scores).filter((p) => p.method === "ensemble");
    const at = (h: number) => ours.find((p) => p.horizon === h) as PooledScore;
    const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
    const above = horizons.map((h) => {
      const { above, outcomes } = shareAboveCeiling(r.series, h, "tuning", monthlyCalibration.capRatio);
      return pct(above / outcomes);
    });
    return [
      `group ${i + 1}`,
      horizons.map((h) => pct(at(h).coverage80)).join(" "),
      horizons.map((h) => pct(at(h).coverage95)).join(" "),
      above.join(" "),
    ];
  });
  console.log(alignTable([header, ...rows]));
  printCeilingByHistory(results[0]?.series ?? []);
}

// Whether the ceiling should loosen for a short history: where in the tuning set outcomes rose above it.
function printCeilingByHistory(series: EvaluationSeries[]) {
  const lengths: [string, number, number][] = [
    ["< 24", 0, 24],
    ["24–35", 24, 36],
    ["36–59", 36, 60],
    ["≥ 60", 60, Number.POSITIVE_INFINITY],
  ];
  console.log(
    `\nOutcomes above ${monthlyCalibration.capRatio}× the largest seen, all 43 tuning series, by months of history at the origin:`,
  );
  const rows = lengths.map(([label, from, to]) => [
    label,
    ...horizons.map((h) => {
      const { above, outcomes } = shareAboveCeiling(
        series,
        h,
        "tuning",
        monthlyCalibration.capRatio,
        undefined,
        [from, to],
      );
      return `${above} of ${outcomes}`;
    }),
  ]);
  console.log(alignTable([["history", ...horizons.map((h) => `h = ${h}`)], ...rows]));
}

function printCalibration(monthly: EvaluationSeries[], yearly: EvaluationSeries[]) {
  const m = tuneCalibration(monthly, 12, monthlyCalibration, 12);
  const y = tuneCalibration(yearly, 1, yearlyCalibration, 6);
  for (const [name, tuned, stored] of [
    ["monthly", m, monthlyCalibration],
    ["yearly", y, yearlyCalibration],
  ] as const) {
    const same = formatQuantiles(tuned.quantiles) === formatQuantiles(stored.quantiles);
    console.log(`${name} calibration from the tuning set (${tuned.errors.join("/")} errors per horizon):`);
    console.log(`  quantiles: ${formatQuantiles(tuned.quantiles)}`);
    console.log(
      `  outcomes above ${stored.capRatio}× the largest value seen: ${(100 * tuned.aboveCeiling).toFixed(2)}%;` +
        ` stored table ${same ? "matches" : "DIFFERS: update src/flows/engine/forecast-calibration.ts"}\n`,
    );
  }
}
