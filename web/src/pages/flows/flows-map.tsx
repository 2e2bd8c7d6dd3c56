import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { SeriesResult } from "../../../../src/flows/flows.contract.ts";
import { AMERICAS, AMERICAS_MAP, registerAmericas } from "../../ui/americas-map.ts";
import { FlowsChart } from "./flows-chart.tsx";
import { UnhcrYearlySeries } from "./flows-unhcr-series.tsx";
import { flowsUrl, useFlows } from "./use-flows-api.ts";

const MEASURES = ["refugees", "asylum_seekers", "oip"] as const;

/** The Americas shaded by people of each origin (UNHCR population table) for a year. */
export function FlowsMap() {
  const { t } = useTranslation();
  const [year, setYear] = useState("2024");
  const [measure, setMeasure] = useState<(typeof MEASURES)[number]>("refugees");
  const names = useMemo(registerAmericas, []);
  const url = flowsUrl("/series", {
    source: "unhcr-population",
    measure,
    groupBy: "origin_iso",
    grain: "year",
    from: year,
    to: year,
    limit: 500,
  });
  const result = useFlows(url, SeriesResult);
  const data = (result.data?.series ?? []).flatMap((s) => {
    const name = names.get(AMERICAS[s.key ?? ""] ?? "");
    return name ? [{ name, value: s.total }] : [];
  });
  const max = Math.max(1, ...data.map((d) => d.value));
  const option = useMemo(
    () => ({
      tooltip: { trigger: "item" as const },
      visualMap: { min: 0, max, calculable: true, left: "left" },
      series: [{ type: "map" as const, map: AMERICAS_MAP, roam: true, data }],
    }),
    [data, max],
  );
  return (
    <div>
      <form onSubmit={(e) => e.preventDefault()} style={{ display: "flex", gap: "1rem" }}>
        <label>
          {t("pages.flows.year")}
          <input type="number" min={2000} max={2025} value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
        <label>
          {t("pages.flows.measure")}
          <select value={measure} onChange={(e) => setMeasure(e.target.value as (typeof MEASURES)[number])}>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`pages.flows.measures.${m}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {result.error && <p role="alert">{result.error}</p>}
      <FlowsChart option={option} label={t("pages.flows.mapLabel", { year })} height={520} />
      <UnhcrYearlySeries measure={measure} measureName={t(`pages.flows.measures.${measure}`)} />
    </div>
  );
}
