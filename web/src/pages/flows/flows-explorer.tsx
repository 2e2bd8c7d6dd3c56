import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { DimensionsResult, ForecastResult } from "../../../../src/flows/flows.contract.ts";
import { csvDocument } from "../../../../src/shared/csv-write.ts";
import { FlowsChart } from "./flows-chart.tsx";
import { forecastChartOption } from "./flows-chart-option.ts";
import { PolicyEventList, usePolicyEvents } from "./flows-events.tsx";
import { AuthoritySplit, FiscalYearView } from "./flows-explorer-views.tsx";
import { readableValue, valueHint } from "./flows-labels.ts";
import { flowsUrl, formatCount, useFlows } from "./use-flows-api.ts";

const FILTERS = [
  "land_border_region",
  "citizenship_iso",
  "component",
  "demographic",
  "title_of_authority",
] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
type View = "month" | "fiscal";

/** The filters, the month and the view to read, taken from the address so a link can open a ready answer. */
function fromAddress(): { chosen: Record<string, string>; month: string; view: View } {
  const search = new URLSearchParams(window.location.search);
  const chosen: Record<string, string> = {};
  for (const name of FILTERS) chosen[name] = search.get(name) ?? "";
  const month = search.get("month") ?? "";
  return {
    chosen,
    month: MONTH.test(month) ? month : "",
    view: search.get("view") === "fiscal" ? "fiscal" : "month",
  };
}

// Keeps the address in step with the choices (replace, not push: choosing is not navigating).
function toAddress(chosen: Record<string, string>, month: string, view: View): void {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(chosen)) if (v) search.set(k, v);
  if (month) search.set("month", month);
  if (view !== "month") search.set("view", view);
  const text = search.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${text ? `?${text}` : ""}`);
}

/** Pick filters; see the monthly series with its forecast band and policy events, or fiscal years; download it. */
export function FlowsExplorer() {
  const { t, i18n } = useTranslation();
  const [initial] = useState(fromAddress);
  const [chosen, setChosen] = useState<Record<string, string>>(initial.chosen);
  const [month, setMonth] = useState(initial.month);
  const [view, setView] = useState<View>(initial.view);
  useEffect(() => toAddress(chosen, month, view), [chosen, month, view]);
  const dims = useFlows(flowsUrl("/dimensions", { source: "cbp-aor" }), DimensionsResult);
  const filter = Object.entries(chosen)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`);
  const events = usePolicyEvents(chosen.citizenship_iso);
  const result = useFlows(flowsUrl("/forecast", { source: "cbp-aor", filter, horizon: 6 }), ForecastResult);
  const option = useMemo(
    () =>
      forecastChartOption(result.data, events, {
        value: t("pages.flows.value"),
        forecast: t("pages.flows.forecast"),
      }),
    [result.data, events, t],
  );
  const csv = result.data ? toCsv(result.data) : "";
  const history = result.data?.history ?? [];
  const picked = history.find((p) => p.month === month);
  return (
    <div>
      <form
        className="flows-filters"
        onSubmit={(e) => e.preventDefault()}
        style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}
      >
        <label>
          {t("pages.flows.view")}
          <select value={view} onChange={(e) => setView(e.target.value as View)}>
            <option value="month">{t("pages.flows.views.month")}</option>
            <option value="fiscal">{t("pages.flows.views.fiscal")}</option>
          </select>
        </label>
        <label>
          {t("pages.flows.highlight")}
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            <option value="">–</option>
            {[...history].reverse().map((p) => (
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
      <p className="flows-note">{t("pages.flows.eventsNote")}</p>
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
      {view === "fiscal" && <FiscalYearView filter={filter} />}
      {view === "month" && result.data && (
        <>
          <FlowsChart option={option} label={t("pages.flows.chartLabel")} />
          <p className="flows-note">{t("pages.flows.bandNote")}</p>
        </>
      )}
      {csv && (
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download="flows-series.csv">
          {t("pages.flows.downloadCsv")}
        </a>
      )}
      <PolicyEventList events={events} from={history[0]?.month} to={history.at(-1)?.month} />
      {!chosen.title_of_authority && <AuthoritySplit filter={filter} events={events} />}
      {view === "month" && <SeriesTable history={history} month={month} />}
    </div>
  );
}

function DimensionSelect(props: {
  name: (typeof FILTERS)[number];
  value: string;
  values: { value: string }[];
  onChange: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <label title={props.value ? valueHint(props.name, props.value, i18n.language) : undefined}>
      {t(`pages.flows.dims.${props.name}`)}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t("pages.flows.all")}</option>
        {props.values.map((v) => (
          <option key={v.value} value={v.value} title={valueHint(props.name, v.value, i18n.language)}>
            {readableValue(props.name, v.value, i18n.language)}
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
  const history = data.history.map((p) => [p.month, p.value, null, null, null, null, null]);
  const ahead = data.forecast.map((f) => [
    f.month,
    null,
    ...[f.mean, f.lo80, f.hi80, f.lo95, f.hi95].map((v) => v.toFixed(0)),
  ]);
  return csvDocument(
    ["month", "value", "forecast_mean", "lo80", "hi80", "lo95", "hi95"],
    [...history, ...ahead],
  );
}
