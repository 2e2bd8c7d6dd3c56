import type { PooledScore, SeriesScore } from "./evaluation.ts";

/** The targets the evaluation set is held to (pooled over the monthly series). */
export const forecastTargets = {
  relativeMae: 0.92,
  worstRatioH1: 1.1,
  coverage80: [0.75, 0.88],
  coverage95: [0.9, 0.98],
} as const;

const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : "–");
const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : "–");

/** Pads columns to their widest cell (numbers right-aligned). */
export function alignTable(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "))
    .join("\n");
}

/** One row per method and horizon: relative MAE, MASE, coverage, relative width, worst series. */
export function pooledTable(pooled: PooledScore[]): string {
  const header = [
    "method",
    "h",
    "series",
    "forecasts",
    "MAE/naive",
    "MAE/snaive",
    "MASE",
    "cover80",
    "cover95",
    "width80/naive",
    "width95/naive",
    "worst MAE/naive",
  ];
  const rows = [...pooled]
    .sort((a, b) => a.horizon - b.horizon)
    .map((p) => [
      p.method,
      String(p.horizon),
      String(p.series),
      String(p.forecasts),
      fixed(p.relativeMae, 3),
      fixed(p.relativeMaeSeasonal, 3),
      fixed(p.mase, 3),
      pct(p.coverage80),
      pct(p.coverage95),
      fixed(p.relativeWidth80, 2),
      fixed(p.relativeWidth95, 2),
      `${fixed(p.worstRatio, 2)} ${p.worstSeries}`,
    ]);
  return alignTable([header, ...rows]);
}

/** Per series and horizon, one method beside the naive anchor. */
export function seriesTable(scores: SeriesScore[], method: string, naive = "naive"): string {
  const header = [
    "series",
    "h",
    "n",
    "MAE",
    "naive MAE",
    "ratio",
    "MASE",
    "MASE-s",
    "cover80",
    "cover95",
    "width95/naive",
  ];
  const rows = scores
    .filter((s) => s.method === method && s.forecasts > 0)
    .map((s) => {
      const anchor = scores.find(
        (x) => x.method === naive && x.series === s.series && x.horizon === s.horizon,
      );
      return [
        s.series,
        String(s.horizon),
        String(s.forecasts),
        fixed(s.mae, 0),
        fixed(anchor?.mae ?? Number.NaN, 0),
        fixed(s.mae / (anchor?.mae ?? Number.NaN), 3),
        fixed(s.mase, 3),
        fixed(s.maseSeasonal, 3),
        pct(s.covered80 / s.forecasts),
        pct(s.covered95 / s.forecasts),
        fixed(s.width95 / (anchor?.width95 ?? Number.NaN), 2),
      ];
    });
  return alignTable([header, ...rows]);
}

/** Each target at each horizon for one method: the measured figure and met or missed. */
export function targetChecks(pooled: PooledScore[], method: string): { line: string; met: boolean }[] {
  const t = forecastTargets;
  return pooled
    .filter((p) => p.method === method)
    .sort((a, b) => a.horizon - b.horizon)
    .flatMap((p) => {
      const checks = [
        {
          what: `MAE/naive ≤ ${t.relativeMae}`,
          value: fixed(p.relativeMae, 3),
          met: p.relativeMae <= t.relativeMae,
        },
        {
          what: `80% coverage in ${pct(t.coverage80[0])}–${pct(t.coverage80[1])}`,
          value: pct(p.coverage80),
          met: p.coverage80 >= t.coverage80[0] && p.coverage80 <= t.coverage80[1],
        },
        {
          what: `95% coverage in ${pct(t.coverage95[0])}–${pct(t.coverage95[1])}`,
          value: pct(p.coverage95),
          met: p.coverage95 >= t.coverage95[0] && p.coverage95 <= t.coverage95[1],
        },
      ];
      if (p.horizon === 1)
        checks.push({
          what: `no series above ${t.worstRatioH1}× naive MAE`,
          value: `${fixed(p.worstRatio, 2)} (${p.worstSeries})`,
          met: p.worstRatio <= t.worstRatioH1,
        });
      return checks.map((c) => ({
        line: `h=${p.horizon}  ${c.what}: ${c.value}  ${c.met ? "met" : "MISSED"}`,
        met: c.met,
      }));
    });
}
