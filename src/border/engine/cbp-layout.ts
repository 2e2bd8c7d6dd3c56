import type { CbpMonthlyRow } from "../border-records.contract.ts";

// A nation's own monthly encounter counts in the layout of CBP's area-of-responsibility files, so the flows
// capability can show them beside the official statistics. Pure: counts in, rows out.

/** One stored monthly count (codes, not labels). */
export interface EncounterMonthCount {
  tenantId: string;
  month: string;
  landBorderRegion: string;
  areaOfResponsibility: string;
  demographic: string;
  citizenship: string;
  authority: string;
  encounterType: string;
  count: number;
}

const demographicLabels: Record<string, string> = {
  single_adult: "Single Adults",
  family_unit: "FMUA",
  accompanied_minor: "Accompanied Minors",
  unaccompanied_minor: "UC / Single Minors",
};

// CBP writes citizenship as an upper-case country label; the nations most seen at the region's borders.
const citizenshipLabels: Record<string, string> = {
  BRA: "BRAZIL",
  CAN: "CANADA",
  CHN: "CHINA, PEOPLES REPUBLIC OF",
  COL: "COLOMBIA",
  CUB: "CUBA",
  ECU: "ECUADOR",
  GTM: "GUATEMALA",
  HND: "HONDURAS",
  HTI: "HAITI",
  IND: "INDIA",
  MEX: "MEXICO",
  NIC: "NICARAGUA",
  PER: "PERU",
  ROU: "ROMANIA",
  RUS: "RUSSIA",
  SLV: "EL SALVADOR",
  TUR: "TURKEY",
  UKR: "UKRAINE",
  VEN: "VENEZUELA",
};

const authorityLabels: Record<string, string> = { title42: "Title 42", title8: "Title 8" };
const months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** The US federal fiscal year of a calendar month `YYYY-MM…` (October starts the next year). */
export function fiscalYearOfMonth(month: string): number {
  const year = Number(month.slice(0, 4));
  return Number(month.slice(5, 7)) >= 10 ? year + 1 : year;
}

/** Maps stored monthly counts to CBP-layout rows; codes without a CBP label pass through unchanged. */
export function toCbpRows(counts: readonly EncounterMonthCount[]): CbpMonthlyRow[] {
  return counts.map((c) => ({
    fiscal_year: fiscalYearOfMonth(c.month),
    month_grouping: "FYTD",
    month_abbv: months[Number(c.month.slice(5, 7)) - 1] ?? "",
    component: `${c.tenantId} border encounters`,
    land_border_region: c.landBorderRegion,
    area_of_responsibility: c.areaOfResponsibility,
    aor_abbv: c.areaOfResponsibility,
    demographic: demographicLabels[c.demographic] ?? c.demographic,
    citizenship: citizenshipLabels[c.citizenship] ?? c.citizenship,
    title_of_authority: authorityLabels[c.authority] ?? c.authority,
    encounter_type: c.encounterType,
    encounter_count: c.count,
  }));
}
