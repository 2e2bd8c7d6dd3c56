import * as echarts from "echarts";
import type { GeoJsonObject } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries from "world-atlas/countries-110m.json";

// The Americas for ECharts map series, shared by the pages that draw nations on a map (flows, placement).

/** ISO 3166 alpha-3 → numeric, for the nations of the Americas (Natural Earth shapes are keyed by the numeric code). */
export const AMERICAS: Record<string, string> = {
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

/** The name ECharts registers the map under; use it as a map series' `map`. */
export const AMERICAS_MAP = "americas";

let registered = false;
/**
 * Registers the Americas (Natural Earth 1:110m from world-atlas) with ECharts once, and returns the shape
 * name of each nation by numeric code (map series match data by that name).
 */
export function registerAmericas(): Map<string, string> {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries);
  const wanted = new Set(Object.values(AMERICAS));
  const features = all.features.filter((f) => wanted.has(String(f.id)));
  if (!registered) {
    echarts.registerMap(AMERICAS_MAP, {
      type: "FeatureCollection",
      features,
    } as unknown as GeoJsonObject as never);
    registered = true;
  }
  return new Map(features.map((f) => [String(f.id), f.properties.name]));
}

/** The map shape name of a nation (ISO alpha-3), or undefined outside the Americas. */
export function americasShapeName(names: Map<string, string>, iso3: string): string | undefined {
  return names.get(AMERICAS[iso3] ?? "");
}
