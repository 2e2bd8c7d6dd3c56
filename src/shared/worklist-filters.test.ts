import { describe, expect, it } from "vitest";
import { AGE_BANDS, birthYearOf, birthYearsOf, filterTerms } from "./worklist-filters.ts";

describe("worklist filters", () => {
  it("turns an age band into the birth years reaching those ages this year, the bands neither overlapping nor leaving gaps", () => {
    expect(birthYearsOf("0-4", 2026)).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(birthYearsOf("12-17", 2026)).toEqual([2014, 2013, 2012, 2011, 2010, 2009]);
    const years = AGE_BANDS.flatMap((band) => birthYearsOf(band, 2026));
    expect(new Set(years).size).toBe(years.length);
    expect(Math.max(...years) - Math.min(...years) + 1).toBe(years.length);
    expect(birthYearsOf("60+", 2026).at(-1)).toBe(1906);
  });

  it("reads a birth year from a full, partial or missing date", () => {
    expect(birthYearOf("1990-04-12")).toBe(1990);
    expect(birthYearOf("1990-04")).toBe(1990);
    expect(birthYearOf("1990")).toBe(1990);
    expect(birthYearOf("12/04/1990")).toBeNull();
    expect(birthYearOf(null)).toBeNull();
  });

  it("makes one plain term per nationality, need and birth year; legacy needs read as current, unknown ones and 'none' left out", () => {
    expect(
      filterTerms({
        nationalities: ["ven", "COL", "VEN", "not a code"],
        needs: ["medical", "serious_medical_condition", "none", "made_up"],
        birthDate: "2001-02-03",
      }),
    ).toEqual(["nat:VEN", "nat:COL", "need:serious_medical_condition", "by:2001"]);
    expect(filterTerms({ nationalities: [], needs: [], birthDate: null })).toEqual([]);
  });
});
