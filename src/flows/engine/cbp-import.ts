import { citizenshipIso } from "./citizenship.ts";
import { fiscalToCalendarMonth, monthNumber, parseYearField } from "./fiscal-calendar.ts";
import { type Columns, countField, type FieldReporter, field, type TableSpec } from "./flow-table.ts";
import type { FlowRow } from "./flows-types.ts";

const measure = "encounters";

/** Dimension columns kept from CBP's nationwide encounter files (normalised header names). */
const aorDims = [
  "component",
  "land_border_region",
  "area_of_responsibility",
  "demographic",
  "citizenship",
  "title_of_authority",
  "encounter_type",
];
const stateDims = ["land_border_region", "state", "demographic", "citizenship", "title_of_authority"];

/** Calendar month of a record's fiscal year and month columns, reporting either when unreadable. */
function fiscalMonth(fields: string[], columns: Columns, report: FieldReporter): string | undefined {
  const yearText = field(fields, columns, "fiscal_year");
  const year = parseYearField(yearText);
  if (year === undefined)
    report("fiscal_year", "a year like 2022 or 2025 (FYTD)", `"${yearText}" is not a fiscal year`);
  const monthText = field(fields, columns, "month_abbv");
  const month = monthNumber(monthText);
  if (month === undefined) report("month_abbv", "a month like OCT", `"${monthText}" is not a month`);
  return year === undefined || month === undefined ? undefined : fiscalToCalendarMonth(year, month);
}

function dimsOf(fields: string[], columns: Columns, names: string[]): Record<string, string> {
  const dims: Record<string, string> = {};
  for (const name of names) {
    const value = field(fields, columns, name);
    if (value !== "") dims[name] = value;
  }
  const iso = dims.citizenship === undefined ? undefined : citizenshipIso(dims.citizenship);
  if (iso !== undefined) dims.citizenship_iso = iso;
  return dims;
}

function cbpSpec(dims: string[], optional: string[]): TableSpec {
  return {
    required: ["fiscal_year", "month_abbv", ...dims, "encounter_count"],
    optional,
    toRows(fields, columns, emit, report) {
      const period = fiscalMonth(fields, columns, report);
      const value = countField(fields, columns, "encounter_count", report);
      if (period === undefined || value === undefined) return;
      emit({ period, measure, value, dims: dimsOf(fields, columns, dims) });
    },
  };
}

/** CBP encounters by area of responsibility (`nationwide-encounters-…-aor.csv`). */
export const cbpAorSpec = cbpSpec(aorDims, ["month_grouping", "aor_abbv"]);

/** CBP encounters by state (`nationwide-encounters-…-state.csv`). */
export const cbpStateSpec = cbpSpec(stateDims, ["month_grouping"]);

const sectorRegions: Record<string, string[]> = {
  coastal_border: ["livermore", "miami", "new_orleans", "ramey"],
  northern_border: ["blaine", "buffalo", "detroit", "grand_forks", "havre", "houlton", "spokane", "swanton"],
  southwest_border: [
    "big_bend",
    "del_rio",
    "el_centro",
    "el_paso",
    "laredo",
    "rio_grande_valley",
    "san_diego",
    "tucson",
    "yuma",
  ],
};
const regionLabels: Record<string, string> = {
  coastal_border: "Coastal Border",
  northern_border: "Northern Land Border",
  southwest_border: "Southwest Land Border",
};
const sectorColumns = Object.values(sectorRegions).flat();

/** Title Case sector name as CBP writes it in the AOR files: `rio_grande_valley` → `Rio Grande Valley Sector`. */
function sectorLabel(column: string): string {
  return `${column
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ")} Sector`;
}

/**
 * Border Patrol monthly apprehensions by sector (the FY2000– table, usually pipe-separated). Rows are the
 * sectors only; the region and national totals are checked against the sum of their sectors instead of being
 * stored, so no query can count a total twice.
 */
export const usbpSectorsSpec: TableSpec = {
  required: ["month", "fy", ...sectorColumns, ...Object.keys(sectorRegions), "monthly_total"],
  optional: ["cy"],
  toRows(fields, columns, emit, report) {
    const period = sectorPeriod(fields, columns, report);
    const counts = new Map<string, number>();
    for (const name of [...sectorColumns, ...Object.keys(sectorRegions), "monthly_total"]) {
      const value = countField(fields, columns, name, report);
      if (value !== undefined) counts.set(name, value);
    }
    if (period === undefined || counts.size !== sectorColumns.length + 4) return;
    if (!totalsAgree(counts, report)) return;
    for (const [region, sectors] of Object.entries(sectorRegions)) {
      for (const sector of sectors) emit(sectorRow(period, region, sector, counts.get(sector) ?? 0));
    }
  },
};

function sectorPeriod(fields: string[], columns: Columns, report: FieldReporter): string | undefined {
  const yearText = field(fields, columns, "fy");
  const year = parseYearField(yearText);
  if (year === undefined) report("fy", "a fiscal year like 2005", `"${yearText}" is not a fiscal year`);
  const monthText = field(fields, columns, "month");
  const month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : monthNumber(monthText);
  if (month === undefined || month < 1 || month > 12) {
    report("month", "a month number 1–12 or a name like OCT", `"${monthText}" is not a month`);
    return undefined;
  }
  return year === undefined ? undefined : fiscalToCalendarMonth(year, month);
}

function totalsAgree(counts: Map<string, number>, report: FieldReporter): boolean {
  let national = 0;
  let ok = true;
  for (const [region, sectors] of Object.entries(sectorRegions)) {
    const sum = sectors.reduce((s, sector) => s + (counts.get(sector) ?? 0), 0);
    national += counts.get(region) ?? 0;
    if (sum !== counts.get(region)) {
      report(
        region,
        `the sum of its sectors (${sum})`,
        `total ${counts.get(region)} differs from its sectors`,
      );
      ok = false;
    }
  }
  if (national !== counts.get("monthly_total")) {
    report(
      "monthly_total",
      `the sum of the regions (${national})`,
      "national total differs from its regions",
    );
    ok = false;
  }
  return ok;
}

function sectorRow(period: string, region: string, sector: string, value: number): FlowRow {
  return {
    period,
    measure,
    value,
    dims: {
      component: "U.S. Border Patrol",
      land_border_region: regionLabels[region] ?? region,
      area_of_responsibility: sectorLabel(sector),
    },
  };
}
