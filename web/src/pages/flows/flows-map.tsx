import * as echarts from "echarts";
import type { GeoJsonObject } from "geojson";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries from "world-atlas/countries-110m.json";
import { SeriesResult } from "../../../../src/flows/flows.contract.ts";
import { FlowsChart } from "./flows-chart.tsx";
import { flowsUrl, useFlows } from "./use-flows-api.ts";

// ISO 3166 alpha-3 → numeric, for the nations of the Americas (Natural Earth shapes are keyed by the numeric code).
const AMERICAS: Record<string, string> = {
  ARG: "032",
  BHS: "044",
  BLZ: "084",
  BOL: "068",
  BRA: "076",
  CAN: "124",
  CHL: "152",
  COL: "170",
  CRI: "188",
  CUB: "192",
  DOM: "214",
  ECU: "218",
  SLV: "222",
  GTM: "320",
  GUY: "328",
  HTI: "332",
  HND: "340",
  JAM: "388",
  MEX: "484",
  NIC: "558",
  PAN: "591",
  PRY: "600",
  PER: "604",
  PRI: "630",
  SUR: "740",
  TTO: "780",
  USA: "840",
  URY: "858",
  VEN: "862",
};

let registered = false;
/** Registers the Americas (Natural Earth 1:110m from world-atlas) with ECharts once. */
function registerAmericas(): Map<string, string> {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries);
  const wanted = new Set(Object.values(AMERICAS));
  const features = all.features.filter((f) => wanted.has(String(f.id)));
  if (!registered) {
    echarts.registerMap("americas", {
      type: "FeatureCollection",
      features,
    } as unknown as GeoJsonObject as never);
    registered = true;
  }
  return new Map(features.map((f) => [String(f.id), f.properties.name]));
}

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
      series: [{ type: "map" as const, map: "americas", roam: true, data }],
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
    </div>
  );
}
