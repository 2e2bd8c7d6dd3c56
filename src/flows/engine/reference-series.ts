import type { FlowRow } from "./flows-types.ts";
import { type MonthlyPoint, monthIndex } from "./monthly-series.ts";

/** Sums a measure over the rows whose dimensions match every filter, month by month (monthly rows only). */
export function sumMonthly(
  rows: FlowRow[],
  filter: Record<string, string>,
  measure = "encounters",
): MonthlyPoint[] {
  const filters = Object.entries(filter);
  const totals = new Map<string, number>();
  for (const row of rows) {
    if (row.measure !== measure || row.period.length !== 7) continue;
    if (!filters.every(([key, value]) => row.dims[key] === value)) continue;
    totals.set(row.period, (totals.get(row.period) ?? 0) + row.value);
  }
  return [...totals]
    .map(([month, value]) => ({ month, value }))
    .sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
}

/** Joins two series: every month of the first, then the second's months after the first one ends. */
export function spliceSeries(first: MonthlyPoint[], then: MonthlyPoint[]): MonthlyPoint[] {
  const end = first.at(-1);
  const after = end === undefined ? then : then.filter((p) => monthIndex(p.month) > monthIndex(end.month));
  return [...first, ...after];
}

/** Joins series where they overlap in time by keeping the months already present (the first series wins). */
export function mergeSeries(first: MonthlyPoint[], then: MonthlyPoint[]): MonthlyPoint[] {
  const seen = new Set(first.map((p) => p.month));
  return [...first, ...then.filter((p) => !seen.has(p.month))].sort(
    (a, b) => monthIndex(a.month) - monthIndex(b.month),
  );
}

const southwest = { land_border_region: "Southwest Land Border" };

/**
 * Border Patrol encounters at the Southwest border, monthly from October 1999: the FY2000–FY2020 sector
 * table, continued with the nationwide AOR releases (component U.S. Border Patrol) after it ends.
 */
export function southwestBorderPatrolSeries(sectorRows: FlowRow[], aorRows: FlowRow[]): MonthlyPoint[] {
  const early = sumMonthly(sectorRows, southwest);
  const late = sumMonthly(aorRows, { ...southwest, component: "U.S. Border Patrol" });
  return spliceSeries(early, late);
}

/** Venezuelan citizens encountered at the Southwest land border (every component), monthly. */
export function venezuelansSouthwestSeries(aorRows: FlowRow[]): MonthlyPoint[] {
  return sumMonthly(aorRows, { ...southwest, citizenship_iso: "VEN" });
}
