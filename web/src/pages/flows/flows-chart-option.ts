import type { EChartsOption } from "echarts";
import type { ForecastResult, PolicyEventView } from "../../../../src/flows/flows.contract.ts";

// A stacked pair of lines: an invisible floor at `lo` and a shaded area of height `hi - lo` above it.
function band(name: string, pad: null[], lo: number[], hi: number[], opacity: number) {
  const common = { type: "line" as const, stack: name, showSymbol: false, lineStyle: { opacity: 0 } };
  return [
    { ...common, name: `${name}-floor`, data: [...pad, ...lo] },
    { ...common, name, data: [...pad, ...hi.map((h, i) => h - (lo[i] ?? 0))], areaStyle: { opacity } },
  ];
}

/** Vertical dashed lines at the months of policy events that fall inside the chart (one per month). */
export function eventLines(months: string[], events: PolicyEventView[]) {
  const shown = new Set(months);
  const byMonth = new Map<string, string[]>();
  for (const e of events) {
    const month = e.date.slice(0, 7);
    if (shown.has(month)) byMonth.set(month, [...(byMonth.get(month) ?? []), e.title]);
  }
  return {
    symbol: "none",
    silent: false,
    lineStyle: { type: "dashed" as const, color: "#7a4b00" },
    label: { formatter: (p: { name?: string }) => (p.name ?? "").slice(0, 28), fontSize: 10 },
    data: [...byMonth].map(([month, titles]) => ({ xAxis: month, name: titles.join(" · ") })),
  };
}

/**
 * History, forecast and its 80%/95% bands, with policy events marked. The forecast's bands stay under twice
 * the largest month seen, so the axis fits all of them and nothing is clipped.
 */
export function forecastChartOption(
  data: ForecastResult | undefined,
  events: PolicyEventView[],
  names: { value: string; forecast: string },
): EChartsOption {
  if (!data) return {};
  const months = [...data.history.map((p) => p.month), ...data.forecast.map((f) => f.month)];
  const pad = data.history.map(() => null);
  const f = data.forecast;
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: [names.value, names.forecast, "80%", "95%"] },
    xAxis: { type: "category", data: months },
    yAxis: { type: "value" },
    series: [
      {
        name: names.value,
        type: "line",
        data: data.history.map((p) => p.value),
        showSymbol: false,
        markLine: eventLines(months, events),
      },
      {
        name: names.forecast,
        type: "line",
        data: [...pad, ...f.map((x) => x.mean)],
        lineStyle: { type: "dashed" },
      },
      ...band(
        "95%",
        pad,
        f.map((x) => x.lo95),
        f.map((x) => x.hi95),
        0.15,
      ),
      ...band(
        "80%",
        pad,
        f.map((x) => x.lo80),
        f.map((x) => x.hi80),
        0.3,
      ),
    ],
  };
}

/** Several monthly lines on one axis (for example Title 42 and Title 8), policy events marked on the first. */
export function linesChartOption(
  lines: { name: string; points: { period: string; value: number }[] }[],
  events: PolicyEventView[],
  stacked = false,
): EChartsOption {
  const months = [...new Set(lines.flatMap((l) => l.points.map((p) => p.period)))].sort();
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: lines.map((l) => l.name) },
    xAxis: { type: "category", data: months },
    yAxis: { type: "value" },
    series: lines.map((l, i) => {
      const byPeriod = new Map(l.points.map((p) => [p.period, p.value]));
      return {
        name: l.name,
        type: "line" as const,
        showSymbol: false,
        ...(stacked ? { stack: "total", areaStyle: { opacity: 0.4 } } : {}),
        data: months.map((m) => byPeriod.get(m) ?? 0),
        ...(i === 0 ? { markLine: eventLines(months, events) } : {}),
      };
    }),
  };
}

/** Bars per period (fiscal or calendar years). */
export function barsChartOption(points: { period: string; value: number }[], name: string): EChartsOption {
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: points.map((p) => p.period) },
    yAxis: { type: "value" },
    series: [{ name, type: "bar", data: points.map((p) => p.value) }],
  };
}
