import type { FlowRow } from "./flows-types.ts";
import { spliceSeries, sumMonthly } from "./reference-series.ts";

/** One series of the forecast evaluation: equally spaced periods (months or years) and their values. */
export interface EvaluationSeries {
  id: string;
  label: string;
  grain: "month" | "year";
  periods: string[];
  values: number[];
  /** First origin scored (periods seen); by default a year of months or five years (`minHistory`). */
  firstOrigin?: number;
}

const southwest = { land_border_region: "Southwest Land Border" };

/** How many of the largest citizenships at the Southwest land border are evaluated, each on its own. */
export const citizenshipCount = 15;

function monthly(id: string, label: string, points: { month: string; value: number }[]): EvaluationSeries {
  return {
    id,
    label,
    grain: "month",
    periods: points.map((p) => p.month),
    values: points.map((p) => p.value),
  };
}

/** Citizenships (ISO alpha-3) at the Southwest land border, largest total first. */
export function largestCitizenships(aorRows: FlowRow[], count = citizenshipCount): string[] {
  const totals = new Map<string, number>();
  for (const row of aorRows) {
    const iso = row.dims.citizenship_iso;
    if (iso === undefined || row.dims.land_border_region !== southwest.land_border_region) continue;
    totals.set(iso, (totals.get(iso) ?? 0) + row.value);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([iso]) => iso);
}

/**
 * Every monthly series the shared CBP data supports: the Southwest total, its two components (Border
 * Patrol from October 1999 through the sector table, the Office of Field Operations), each of the 15 largest
 * citizenships there, and the northern land border total.
 */
export function monthlyEvaluationSeries(aorRows: FlowRow[], sectorRows: FlowRow[]): EvaluationSeries[] {
  const bp = spliceSeries(
    sumMonthly(sectorRows, southwest),
    sumMonthly(aorRows, { ...southwest, component: "U.S. Border Patrol" }),
  );
  return [
    monthly("sw-total", "Southwest land border, all components", sumMonthly(aorRows, southwest)),
    monthly("sw-bp", "Southwest, Border Patrol (from FY2000)", bp),
    monthly(
      "sw-ofo",
      "Southwest, Office of Field Operations",
      sumMonthly(aorRows, { ...southwest, component: "Office of Field Operations" }),
    ),
    ...largestCitizenships(aorRows).map((iso) =>
      monthly(
        `sw-${iso.toLowerCase()}`,
        `Southwest, citizens of ${iso}`,
        sumMonthly(aorRows, { ...southwest, citizenship_iso: iso }),
      ),
    ),
    monthly(
      "north-total",
      "Northern land border, all components",
      sumMonthly(aorRows, { land_border_region: "Northern Land Border" }),
    ),
  ].map(fillGaps);
}

/** Border Patrol sectors and regions of the FY2000–FY2020 table: history that only ever tunes, never reports. */
export function sectorTuningSeries(sectorRows: FlowRow[]): EvaluationSeries[] {
  const keys = new Set<string>();
  for (const row of sectorRows) {
    const sector = row.dims.area_of_responsibility;
    if (sector !== undefined) keys.add(`area_of_responsibility=${sector}`);
    if (row.dims.land_border_region !== undefined)
      keys.add(`land_border_region=${row.dims.land_border_region}`);
  }
  return [...keys].sort().map((key) => {
    const [name, value] = key.split("=") as [string, string];
    return fillGaps(
      monthly(
        `bp-${value.toLowerCase().replace(/\W+/g, "-")}`,
        `Border Patrol ${value}`,
        sumMonthly(sectorRows, { [name]: value }),
      ),
    );
  });
}

/** The UNHCR measures forecast yearly: people displaced from each origin, summed over the asylum countries. */
export const unhcrMeasures = ["refugees", "asylum_seekers"] as const;

/** Origins (ISO alpha-3) whose yearly UNHCR series are evaluated besides the Americas total. */
export const unhcrOrigins = ["VEN", "COL", "HTI", "HND", "SLV", "GTM", "NIC", "CUB", "MEX"] as const;

/** Yearly UNHCR series: the Americas total and each listed origin, per measure, years with no figure as zero. */
export function yearlyEvaluationSeries(populationRows: FlowRow[]): EvaluationSeries[] {
  const out: EvaluationSeries[] = [];
  for (const measure of unhcrMeasures) {
    out.push(
      yearly(`unhcr-${measure}-all`, `UNHCR ${measure}, every origin in the table`, populationRows, measure),
    );
    for (const iso of unhcrOrigins)
      out.push(
        yearly(
          `unhcr-${measure}-${iso.toLowerCase()}`,
          `UNHCR ${measure} from ${iso}`,
          populationRows,
          measure,
          iso,
        ),
      );
  }
  return out;
}

function yearly(
  id: string,
  label: string,
  rows: FlowRow[],
  measure: string,
  origin?: string,
): EvaluationSeries {
  const totals = new Map<number, number>();
  for (const row of rows) {
    if (row.measure !== measure || row.period.length !== 4) continue;
    if (origin !== undefined && row.dims.origin_iso !== origin) continue;
    totals.set(Number(row.period), (totals.get(Number(row.period)) ?? 0) + row.value);
  }
  const years = [...totals.keys()];
  const periods: string[] = [];
  const values: number[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) {
    periods.push(String(y));
    values.push(totals.get(y) ?? 0);
  }
  return { id, label, grain: "year", periods, values };
}

// The store and the parsers leave out months without a figure; a series is evaluated on every month.
function fillGaps(series: EvaluationSeries): EvaluationSeries {
  const first = series.periods[0];
  if (first === undefined) return series;
  const byPeriod = new Map(series.periods.map((p, i) => [p, series.values[i] as number]));
  const periods: string[] = [];
  let [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  const last = series.periods.at(-1) as string;
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    periods.push(month);
    if (month >= last) break;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return { ...series, periods, values: periods.map((p) => byPeriod.get(p) ?? 0) };
}
