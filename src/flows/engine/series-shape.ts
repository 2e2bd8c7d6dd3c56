import type { MonthlyPoint } from "./monthly-series.ts";

/** One aggregated cell as the store returns it. */
export interface Cell {
  period: string;
  key: string | null;
  value: number;
}

/** A series point with its change on the year. */
export interface ShapedPoint {
  period: string;
  value: number;
  yearBefore: number | null;
  yoyChange: number | null;
}

/** The same period a year earlier: `2021-12` → `2020-12`, `2021` → `2020`, `FY2022` → `FY2021`. */
export function periodYearBefore(period: string): string {
  const match = /^(FY)?(\d{4})(-\d{2})?$/.exec(period);
  if (!match) return "";
  return `${match[1] ?? ""}${Number(match[2]) - 1}${match[3] ?? ""}`;
}

/** Groups cells by key (largest total first) and adds each period's change on the year. */
export function shapeSeries(cells: Cell[]): { key: string | null; total: number; points: ShapedPoint[] }[] {
  const groups = new Map<string | null, Cell[]>();
  for (const cell of cells) {
    const list = groups.get(cell.key) ?? [];
    list.push(cell);
    groups.set(cell.key, list);
  }
  const shaped = [...groups].map(([key, list]) => {
    const byPeriod = new Map(list.map((c) => [c.period, c.value]));
    const points = list.map((c) => {
      const before = byPeriod.get(periodYearBefore(c.period)) ?? null;
      const yoyChange = before === null || before === 0 ? null : c.value / before - 1;
      return { period: c.period, value: c.value, yearBefore: before, yoyChange };
    });
    return { key, total: list.reduce((s, c) => s + c.value, 0), points };
  });
  return shaped.sort((a, b) => b.total - a.total);
}

/**
 * A monthly series with every month between the first and the last (a month with no figure is zero: the
 * store keeps only non-zero figures).
 */
export function fillMonths(points: { period: string; value: number }[]): MonthlyPoint[] {
  if (points.length === 0) return [];
  const byMonth = new Map(points.map((p) => [p.period, p.value]));
  const sorted = [...byMonth.keys()].sort();
  const out: MonthlyPoint[] = [];
  const [first, last] = [sorted[0] as string, sorted[sorted.length - 1] as string];
  let [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    out.push({ month, value: byMonth.get(month) ?? 0 });
    if (month >= last) break;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}
