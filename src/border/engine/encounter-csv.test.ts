import { describe, expect, it } from "vitest";
import { isNotFutureEncounter } from "../border.contract.ts";
import { fiscalYearOfMonth, toCbpRows } from "./cbp-layout.ts";
import { encounterFromCsvRow, headerProblems } from "./encounter-csv.ts";

describe("encounter CSV rows", () => {
  const base = { date: "2022-03-15", demographic: "single_adult", citizenship: "ven" };
  it.each([
    [{ ...base }, { citizenship: "VEN", fearClaim: false, priorResidences: [] }],
    [
      { ...base, fear_claim: "yes", medical_emergency: "1" },
      { fearClaim: true, medicalEmergency: true },
    ],
    [
      { ...base, prior_residences: "COL:2019-01-01:2021-12-31;PER" },
      { priorResidences: [{ country: "COL", from: "2019-01-01", to: "2021-12-31" }, { country: "PER" }] },
    ],
    [
      { ...base, trafficking_indicators: "debt bondage; controlled documents" },
      { traffickingIndicators: ["debt bondage", "controlled documents"] },
    ],
    [
      { ...base, document_number: "V-1", document_country: "ven" },
      { documents: [{ type: "unknown", number: "V-1", country: "VEN" }] },
    ],
  ])("reads %j", (row, expected) => {
    const result = encounterFromCsvRow(row, 2);
    expect(result.ok && result.value).toMatchObject(expected);
  });

  it.each([
    [{ ...base, date: "2022-02-30" }, "date"],
    [{ ...base, demographic: "adult" }, "demographic"],
    [{ ...base, fear_claim: "maybe" }, "fear_claim"],
    [{ ...base, prior_residences: "COL:2021-01-01:2020-01-01" }, "prior_residences"],
    [{ ...base, birth_date: "12/04/1990" }, "birth_date"],
    [{ ...base, date: "1989-12-31" }, "date"],
  ])("locates the problem in %j at column %s", (row, field) => {
    const result = encounterFromCsvRow(row, 7);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 7, field });
  });

  it("says why an encounter date is refused: before 1990", () => {
    const messages = (date: string) => {
      const result = encounterFromCsvRow({ ...base, date }, 3);
      return result.ok ? [] : result.problems.map((p) => p.message);
    };
    expect(messages("1989-12-31")[0]).toMatch(/^date: an encounter is dated from 1990/);
    expect(messages("1990-01-01")).toEqual([]);
  });
});

describe("an encounter's date is not in the future", () => {
  const now = Date.parse("2026-12-05T12:00:00Z");
  it.each([
    ["2026-12-05", true],
    ["2026-12-06", true],
    ["2026-12-07", false],
    ["2026-12-05T12:03:00Z", true],
    ["2026-12-05T13:00:00Z", false],
    ["2026-12-05T12:00:00+01:00", true],
  ])("%s allowed: %s", (date, allowed) => expect(isNotFutureEncounter(date, now)).toBe(allowed));

  it("names unknown and missing header columns", () => {
    expect(headerProblems(["date", "nationality"]).map((p) => p.field)).toEqual([
      "nationality",
      "demographic",
      "citizenship",
    ]);
  });
});

describe("CBP layout", () => {
  it.each([
    ["2022-09", 2022],
    ["2022-10", 2023],
    ["2023-01", 2023],
  ])("puts %s in fiscal year %i", (month, year) => expect(fiscalYearOfMonth(month)).toBe(year));

  it("labels codes as CBP writes them", () => {
    const [row] = toCbpRows([
      {
        tenantId: "USA",
        month: "2022-03",
        landBorderRegion: "Southwest Land Border",
        areaOfResponsibility: "El Paso Sector",
        demographic: "unaccompanied_minor",
        citizenship: "VEN",
        authority: "title8",
        encounterType: "Apprehensions",
        count: 4,
      },
    ]);
    expect(row).toMatchObject({
      fiscal_year: 2022,
      month_abbv: "MAR",
      demographic: "UC / Single Minors",
      citizenship: "VENEZUELA",
      title_of_authority: "Title 8",
      encounter_count: 4,
    });
  });
});
