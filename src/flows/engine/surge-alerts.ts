import type { PolicyEventView, SurgesResult } from "../flows.contract.ts";
import { citizenshipIso } from "./citizenship.ts";
import { addMonths, monthIndex } from "./monthly-series.ts";
import type { shapeSeries } from "./series-shape.ts";
import { fillMonths } from "./series-shape.ts";
import { findForecastOutliers, findYearOverYearSurges, type SurgeThresholds } from "./surge.ts";

type Alert = SurgesResult["surges"][number];

/** How far (months) a policy event may be from a surge and still be named beside it. */
export const eventReach = 6;

/**
 * Surge alerts of each series group in the recent months: year-over-year surges and months above the
 * forecast's 95% band, each with how much it changed and the nearest policy event that concerns it (one for
 * everyone, or for the group's citizenship or the filtered one).
 */
export function surgeAlerts(
  series: ReturnType<typeof shapeSeries>,
  thresholds: SurgeThresholds & { recent: number },
  events: PolicyEventView[],
  filteredCitizenship?: string,
): SurgesResult {
  const latest =
    series
      .flatMap((s) => s.points.map((p) => p.period))
      .sort()
      .at(-1) ?? null;
  if (latest === null) return { latestMonth: null, surges: [] };
  const since = addMonths(latest, 1 - thresholds.recent);
  const surges = series.flatMap((s) => {
    const iso = (s.key === null ? undefined : citizenshipIso(s.key)) ?? filteredCitizenship;
    const near = (month: string) => nearestEvent(month, events, iso);
    const points = fillMonths(s.points);
    const yoy = findYearOverYearSurges(points, thresholds).map(
      (x): Alert => ({
        ...blank(s.key, x.month, x.value),
        kind: "year_over_year",
        yearBefore: x.yearBefore,
        ratio: Number.isFinite(x.ratio) ? x.ratio : null,
        change: x.value - x.yearBefore,
        nearestEvent: near(x.month),
      }),
    );
    const outliers = findForecastOutliers(points)
      .filter((o) => o.direction === "above" && o.value - o.hi95 >= thresholds.minDelta / 10)
      .map(
        (o): Alert => ({
          ...blank(s.key, o.month, o.value),
          kind: "forecast_outlier",
          expected: o.expected,
          lo95: o.lo95,
          hi95: o.hi95,
          change: o.value - o.expected,
          nearestEvent: near(o.month),
        }),
      );
    return [...yoy, ...outliers].filter((x) => x.month >= since);
  });
  surges.sort((a, b) => (a.month === b.month ? b.value - a.value : a.month < b.month ? 1 : -1));
  return { latestMonth: latest, surges };
}

function blank(key: string | null, month: string, value: number): Alert {
  return {
    key,
    kind: "year_over_year",
    month,
    value,
    yearBefore: null,
    ratio: null,
    expected: null,
    lo95: null,
    hi95: null,
    change: 0,
    nearestEvent: null,
  };
}

/** The event closest to a month (within {@link eventReach} months) that concerns everyone or `iso`. */
export function nearestEvent(month: string, events: PolicyEventView[], iso?: string): Alert["nearestEvent"] {
  let best: Alert["nearestEvent"] = null;
  for (const e of events) {
    if (e.citizenships.length > 0 && (iso === undefined || !e.citizenships.includes(iso))) continue;
    const monthsFrom = monthIndex(month) - monthIndex(e.date.slice(0, 7));
    if (Math.abs(monthsFrom) > eventReach) continue;
    if (best === null || Math.abs(monthsFrom) < Math.abs(best.monthsFrom)) best = { ...e, monthsFrom };
  }
  return best;
}
