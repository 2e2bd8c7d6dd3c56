import type { FlowRow } from "./flows-types.ts";

/** A dimension, one of its values, and how many rows of a file hold it. */
export type DimensionCount = [dimension: string, value: string, rows: number];

/** How many rows hold each dimension value (the measure counts as a dimension). */
export function dimensionCounts(rows: readonly FlowRow[]): DimensionCount[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(`measure\u0000${row.measure}`, (counts.get(`measure\u0000${row.measure}`) ?? 0) + 1);
    for (const [key, value] of Object.entries(row.dims)) {
      const k = `${key}\u0000${value}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, n]) => {
    const [dimension = "", value = ""] = k.split("\u0000");
    return [dimension, value, n];
  });
}
