import { describe, expect, it } from "vitest";
import { type RollupCell, rollUpFile, rollupSetFor, rollupSetName } from "./flow-rollups.ts";
import type { FlowRow } from "./flows-types.ts";

const row = (
  period: string,
  value: number,
  dims: Record<string, string>,
  measure = "encounters",
): FlowRow => ({
  period,
  measure,
  value,
  dims,
});

const rows: FlowRow[] = [
  row("2021-12", 100, { land_border_region: "Southwest", citizenship: "VENEZUELA" }),
  row("2021-12", 6, { land_border_region: "Southwest", citizenship: "VENEZUELA", demographic: "FMUA" }),
  row("2021-12", 50, { land_border_region: "Northern", citizenship: "VENEZUELA" }),
  row("2021-12", 7, { land_border_region: "Southwest" }),
  row("2022-01", 30, { land_border_region: "Southwest", citizenship: "MEXICO" }),
  row("2022-01", 2, { land_border_region: "Southwest", citizenship: "MEXICO" }, "returns"),
];

/** The sum a rollup cell holds for given key values, or undefined when it holds none. */
function lookup(
  cells: RollupCell[],
  dims: string,
  period: string,
  keys: (string | null)[],
  measure = "encounters",
) {
  const cell = cells.find((c) => c.dims === dims && c.period === period && c.measure === measure);
  const at = cell?.values.findIndex(
    (_, i) => cell.keys1?.[i] === keys[0] && (keys.length < 2 || cell.keys2?.[i] === keys[1]),
  );
  return at === undefined || at < 0 ? undefined : cell?.values[at];
}

describe("rollUpFile", () => {
  const { sets, cells } = rollUpFile(rows);

  it("rolls up the total, every present dimension and every pair of them", () => {
    expect(sets).toEqual([
      "",
      "land_border_region",
      "demographic",
      "citizenship",
      "demographic,land_border_region",
      "citizenship,land_border_region",
      "citizenship,demographic",
    ]);
  });

  it.each([
    ["", "2021-12", [], 163],
    ["", "2022-01", [], 30],
    ["land_border_region", "2021-12", ["Southwest"], 113],
    ["citizenship", "2021-12", ["VENEZUELA"], 156],
    ["citizenship", "2021-12", [null], 7],
    ["citizenship,land_border_region", "2021-12", ["VENEZUELA", "Southwest"], 106],
    ["citizenship,land_border_region", "2021-12", ["VENEZUELA", "Northern"], 50],
    ["citizenship,land_border_region", "2022-01", ["MEXICO", "Southwest"], 30],
  ] as const)("sums %s in %s for %j as %d", (dims, period, keys, expected) => {
    expect(lookup(cells, dims, period, [...keys])).toBe(expected);
  });

  it("keeps measures apart", () => {
    expect(lookup(cells, "", "2022-01", [], "returns")).toBe(2);
  });

  it("leaves out a set that would not be much smaller than the figures", () => {
    const many = Array.from({ length: 12_000 }, (_, i) =>
      row("2024-01", 1, { citizenship: `C${i}`, land_border_region: i % 2 ? "A" : "B" }),
    );
    const big = rollUpFile(many);
    expect(big.sets).toEqual(["", "land_border_region"]);
    expect(lookup(big.cells, "land_border_region", "2024-01", ["A"])).toBe(6000);
  });
});

describe("rollupSetFor", () => {
  it.each([
    [[], undefined, ""],
    [["land_border_region"], undefined, "land_border_region"],
    [["land_border_region"], "citizenship", "citizenship,land_border_region"],
    [["citizenship_iso", "land_border_region"], undefined, "citizenship_iso,land_border_region"],
    [["citizenship"], "citizenship", "citizenship"],
    [["component", "land_border_region"], "citizenship", null],
    [["procedure_type"], undefined, null],
  ] as const)("filters %j grouped by %s read %s", (filters, groupBy, expected) => {
    expect(rollupSetFor([...filters], groupBy)).toBe(expected);
  });

  it("names a set the same in any order", () => {
    expect(rollupSetName(["land_border_region", "citizenship"])).toBe(
      rollupSetName(["citizenship", "land_border_region"]),
    );
  });
});
