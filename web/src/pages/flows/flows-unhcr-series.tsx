import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { SeriesResult } from "../../../../src/flows/flows.contract.ts";
import { FlowsChart } from "./flows-chart.tsx";
import { barsChartOption } from "./flows-chart-option.ts";
import { readableValue } from "./flows-labels.ts";
import { flowsUrl, formatCount, useFlows } from "./use-flows-api.ts";

const ORIGINS = ["VEN", "COL", "HTI", "HND", "SLV", "GTM", "NIC", "CUB", "MEX"] as const;

/** UNHCR's yearly figures for one origin (summed over the asylum countries), as bars and a table. */
export function UnhcrYearlySeries({ measure, measureName }: { measure: string; measureName: string }) {
  const { t, i18n } = useTranslation();
  const [origin, setOrigin] = useState<string>("VEN");
  const result = useFlows(
    flowsUrl("/series", {
      source: "unhcr-population",
      measure,
      grain: "year",
      filter: [`origin_iso=${origin}`],
    }),
    SeriesResult,
  );
  const points = result.data?.series[0]?.points ?? [];
  const name = readableValue("origin_iso", origin, i18n.language);
  const option = useMemo(() => barsChartOption(points, measureName), [points, measureName]);
  return (
    <section aria-labelledby="flows-unhcr">
      <h2 id="flows-unhcr">{t("pages.flows.unhcrSeries")}</h2>
      <label>
        {t("pages.flows.unhcrOrigin")}
        <select value={origin} onChange={(e) => setOrigin(e.target.value)}>
          {ORIGINS.map((iso) => (
            <option key={iso} value={iso}>
              {readableValue("origin_iso", iso, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      {result.error && <p role="alert">{result.error}</p>}
      {points.length > 0 && (
        <FlowsChart
          option={option}
          label={t("pages.flows.unhcrChartLabel", { measure: measureName, origin: name })}
          height={260}
        />
      )}
      <table>
        <caption>{t("pages.flows.unhcrCaption", { measure: measureName, origin: name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.flows.year")}</th>
            <th scope="col">{measureName}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.period}>
              <td>{p.period}</td>
              <td>{formatCount(p.value, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
