import type { EChartsOption } from "echarts";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { DimensionsResult, ForecastResult } from "../../../../src/flows/flows.contract.ts";
import { FlowsChart } from "./flows-chart.tsx";
import { flowsUrl, formatCount, useFlows } from "./use-flows-api.ts";

const FILTERS = ["land_border_region", "citizenship_iso", "component", "demographic"] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The filters and the month to read, taken from the address so a link can open a ready answer. */
function fromAddress(): { chosen: Record<string, string>; month: string } {
  const search = new URLSearchParams(window.location.search);
  const chosen: Record<string, string> = {};
  for (const name of FILTERS) chosen[name] = search.get(name) ?? "";
  const month = search.get("month") ?? "";
  return { chosen, month: MONTH.test(month) ? month : "" };
}

// Keeps the address in step with the choices (replace, not push: choosing is not navigating).
function toAddress(chosen: Record<string, string>, month: string): void {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(chosen)) if (v) search.set(k, v);
  if (month) search.set("month", month);
  const text = search.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${text ? `?${text}` : ""}`);
}

/** Pick filters, see the monthly series with its forecast band, read it as a table, download it as CSV. */
export function FlowsExplorer() {
  const { t, i18n } = useTranslation();
  const [initial] = useState(fromAddress);
  const [chosen, setChosen] = useState<Record<string, string>>(initial.chosen);
  const [month, setMonth] = useState(initial.month);
  useEffect(() => toAddress(chosen, month), [chosen, month]);
  const dims = useFlows(flowsUrl("/dimensions", { source: "cbp-aor" }), DimensionsResult);
  const filter = Object.entries(chosen)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`);
  const result = useFlows(flowsUrl("/forecast", { source: "cbp-aor", filter, horizon: 6 }), ForecastResult);
  const option = useMemo(
    () => chartOption(result.data, t("pages.flows.value"), t("pages.flows.forecast")),
    [result.data, t],
  );
  const csv = result.data ? toCsv(result.data) : "";
  const picked = result.data?.history.find((p) => p.month === month);
  return (
    <div>
      <form
        className="flows-filters"
        onSubmit={(e) => e.preventDefault()}
        style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}
      >
        <label>
          {t("pages.flows.highlight")}
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            <option value="">–</option>
            {[...(result.data?.history ?? [])].reverse().map((p) => (
              <option key={p.month} value={p.month}>
                {p.month}
              </option>
            ))}
            {month && !picked && <option value={month}>{month}</option>}
          </select>
        </label>
        {FILTERS.map((name) => (
          <DimensionSelect
            key={name}
            name={name}
            value={chosen[name] ?? ""}
            values={dims.data?.dimensions.find((d) => d.name === name)?.values ?? []}
            onChange={(value) => setChosen({ ...chosen, [name]: value })}
          />
        ))}
      </form>
      {result.error && <p role="alert">{result.error}</p>}
      {result.loading && <p aria-live="polite">{t("pages.flows.loading")}</p>}
      {picked && !result.loading && (
        <p className="flows-figure" aria-live="polite">
          <strong>
            {t("pages.flows.monthFigure", {
              month: picked.month,
              value: formatCount(picked.value, i18n.language),
            })}
          </strong>
        </p>
      )}
      {result.data && <FlowsChart option={option} label={t("pages.flows.chartLabel")} />}
      {csv && (
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download="flows-series.csv">
          {t("pages.flows.downloadCsv")}
        </a>
      )}
      <SeriesTable history={result.data?.history ?? []} month={month} />
    </div>
  );
}

function DimensionSelect(props: {
  name: (typeof FILTERS)[number];
  value: string;
  values: { value: string }[];
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t(`pages.flows.dims.${props.name}`)}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t("pages.flows.all")}</option>
        {props.values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.value}
          </option>
        ))}
      </select>
    </label>
  );
}

// Latest first; the month asked for is marked so it stands out.
function SeriesTable({ history, month }: { history: { month: string; value: number }[]; month: string }) {
  const { t, i18n } = useTranslation();
  return (
    <table>
      <caption>{t("pages.flows.tableCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("pages.flows.month")}</th>
          <th scope="col">{t("pages.flows.value")}</th>
        </tr>
      </thead>
      <tbody>
        {[...history].reverse().map((p) => (
          <tr key={p.month} className={p.month === month ? "flows-picked" : undefined}>
            <td>{p.month}</td>
            <td>{formatCount(p.value, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function toCsv(data: ForecastResult): string {
  const rows = data.history.map((p) => `${p.month},${p.value},,,,,`);
  const ahead = data.forecast.map(
    (f) =>
      `${f.month},,${f.mean.toFixed(0)},${f.lo80.toFixed(0)},${f.hi80.toFixed(0)},${f.lo95.toFixed(0)},${f.hi95.toFixed(0)}`,
  );
  return `month,value,forecast_mean,lo80,hi80,lo95,hi95\n${[...rows, ...ahead].join("\n")}\n`;
}

// A stacked pair of lines: an invisible floor at `lo` and a shaded area of height `hi - lo` above it.
function band(name: string, pad: null[], lo: number[], hi: number[], opacity: number) {
  const common = { type: "line" as const, stack: name, showSymbol: false, lineStyle: { opacity: 0 } };
  return [
    { ...common, name: `${name}-floor`, data: [...pad, ...lo] },
    {
      ...common,
      name,
      data: [...pad, ...hi.map((h, i) => h - (lo[i] ?? 0))],
      areaStyle: { opacity },
    },
  ];
}

// Up to two significant digits, so the axis ends on a readable figure.
function roundUp(value: number): number {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.ceil(value / step) * step;
}

function chartOption(
  data: ForecastResult | undefined,
  valueName: string,
  forecastName: string,
): EChartsOption {
  if (!data) return {};
  const months = [...data.history.map((p) => p.month), ...data.forecast.map((f) => f.month)];
  const pad = data.history.map(() => null);
  const f = data.forecast;
  // Wide 95% bands on volatile series would flatten the history: the axis stops at twice the largest mean.
  const cap = roundUp(2 * Math.max(1, ...data.history.map((p) => p.value), ...f.map((x) => x.mean)));
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: [valueName, forecastName, "80%", "95%"] },
    xAxis: { type: "category", data: months },
    yAxis: { type: "value", max: (extent: { max: number }) => Math.min(extent.max, cap) },
    series: [
      { name: valueName, type: "line", data: data.history.map((p) => p.value), showSymbol: false },
      {
        name: forecastName,
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
