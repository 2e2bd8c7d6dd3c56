import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { aorRows, dataDir, hasRealData } from "../real-data.test-support.ts";
import { fiscalYearOf } from "./fiscal-calendar.ts";
import type { FlowRow } from "./flows-types.ts";
import { parseGenericSchema } from "./generic-import.ts";
import { contentHash, detectSource, parseFlowFile } from "./parse-flow-file.ts";
import { sumMonthly, venezuelansSouthwestSeries } from "./reference-series.ts";

const aorHeader =
  "fiscal_year,month_grouping,month_abbv,component,land_border_region,area_of_responsibility,aor_abbv,demographic,citizenship,title_of_authority,encounter_type,encounter_count";
const titleHeader =
  "Fiscal Year,Month Grouping,Month (abbv),Component,Land Border Region,Area of Responsibility,AOR (Abbv),Demographic,Citizenship,Title of Authority,Encounter Type,Encounter Count";
const aorLine = (year: string, month: string, citizenship: string, count: string) =>
  `${year},FYTD,${month},U.S. Border Patrol,Southwest Land Border,El Paso Sector,EPT,Single Adults,${citizenship},Title 8,Apprehensions,${count}`;

const parse = (text: string, source: "auto" | "generic" = "auto") =>
  parseFlowFile(text, { file: "f.csv", source });

describe("parseFlowFile on small files", () => {
  it.each([
    ["snake_case header", `${aorHeader}\n${aorLine("2022", "DEC", "VENEZUELA", "5")}`, "2021-12", 5],
    ["Title Case header", `${titleHeader}\n${aorLine("2022", "DEC", "VENEZUELA", "5")}`, "2021-12", 5],
    ["FYTD year string", `${aorHeader}\n${aorLine("2025 (FYTD)", "OCT", "VENEZUELA", "7")}`, "2024-10", 7],
    ["quoted thousands", `${aorHeader}\n${aorLine("2022", "JAN", "VENEZUELA", '"1,234"')}`, "2022-01", 1234],
    ["CRLF and BOM", `\uFEFF${aorHeader}\r\n${aorLine("2022", "SEP", "VENEZUELA", "9")}\r\n`, "2022-09", 9],
  ])("reads %s", (_, text, period, value) => {
    const result = parse(text);
    expect(result.problems).toEqual([]);
    expect(result.source).toBe("cbp-aor");
    expect(result.rows).toEqual([expect.objectContaining({ period, value, measure: "encounters" })]);
    expect(result.rows[0]?.dims.citizenship_iso).toBe("VEN");
  });

  it("keeps a quoted comma inside a citizenship label and maps it to ISO", () => {
    const result = parse(`${aorHeader}\n${aorLine("2022", "MAR", '"CHINA, PEOPLES REPUBLIC OF"', "3")}`);
    expect(result.rows[0]?.dims).toMatchObject({
      citizenship: "CHINA, PEOPLES REPUBLIC OF",
      citizenship_iso: "CHN",
    });
  });

  it("leaves OTHER without an ISO code but keeps the label", () => {
    const dims = parse(`${aorHeader}\n${aorLine("2022", "MAR", "OTHER", "3")}`).rows[0]?.dims;
    expect(dims?.citizenship).toBe("OTHER");
    expect(dims?.citizenship_iso).toBeUndefined();
  });

  it("reads a pipe-separated sector table and checks its totals", () => {
    const sectors =
      "livermore|miami|new_orleans|ramey|blaine|buffalo|detroit|grand_forks|havre|houlton|spokane|swanton|big_bend|del_rio|el_centro|el_paso|laredo|rio_grande_valley|san_diego|tucson|yuma";
    const header = `month|${sectors}|coastal_border|northern_border|southwest_border|monthly_total|fy|cy`;
    const ones = sectors
      .split("|")
      .map(() => "1")
      .join("|");
    const good = parse(`${header}\n12|${ones}|4|8|9|21|2005|2004`);
    expect(good.source).toBe("usbp-sectors");
    expect(good.rows).toHaveLength(21);
    expect(good.rows[0]?.period).toBe("2004-12");
    const bad = parse(`${header}\n12|${ones}|4|8|10|22|2005|2004`);
    expect(bad.problems[0]).toMatchObject({ line: 2, field: "southwest_border" });
  });

  it.each([
    ["unknown header", "a,b,c\n1,2,3", { line: 1 }, /unknown header/],
    ["wrong column count", `${aorHeader}\n2022,FYTD,DEC,x`, { line: 2 }, /expected 12 columns, found 4/],
    [
      "non-number",
      `${aorHeader}\n${aorLine("2022", "DEC", "CUBA", "many")}`,
      { line: 2, column: 12, field: "encounter_count" },
      /not a count/,
    ],
    [
      "bad month",
      `${aorHeader}\n${aorLine("2022", "DCE", "CUBA", "1")}`,
      { line: 2, column: 3, field: "month_abbv" },
      /not a month/,
    ],
    [
      "bad year",
      `${aorHeader}\n${aorLine("20x2", "DEC", "CUBA", "1")}`,
      { line: 2, column: 1 },
      /not a fiscal year/,
    ],
  ])("locates a %s and returns no rows", (_, text, where, message) => {
    const result = parse(text);
    expect(result.rows).toEqual([]);
    expect(result.problems[0]).toMatchObject({ file: "f.csv", ...where });
    expect(result.problems[0]?.message).toMatch(message);
  });

  it("keeps the first 20 problems and counts them all", () => {
    const lines = Array.from({ length: 25 }, () => aorLine("2022", "DEC", "CUBA", "x"));
    const result = parse([aorHeader, ...lines].join("\n"));
    expect(result.problems).toHaveLength(20);
    expect(result.problemCount).toBe(25);
    expect(result.problems[19]?.line).toBe(21);
  });
});

describe("generic long format", () => {
  const schema = parseGenericSchema(
    JSON.stringify({
      period: "month",
      measures: ["presentations"],
      dimensions: { state: { values: ["CHP", "TAB"] }, citizenship: { country: true } },
    }),
  ).schema;

  it("reads rows described by a schema", () => {
    const text = "period,measure,value,state,citizenship\n2024-03,presentations,120,CHP,HAITI\n";
    const result = parseFlowFile(text, { file: "g.csv", schema });
    expect(result.source).toBe("generic");
    expect(result.rows).toEqual([
      {
        period: "2024-03",
        measure: "presentations",
        value: 120,
        dims: { state: "CHP", citizenship: "HAITI", citizenship_iso: "HTI" },
      },
    ]);
  });

  it.each([
    ["2024-13,presentations,1,CHP,HAITI", "period"],
    ["2024-03,returns,1,CHP,HAITI", "measure"],
    ["2024-03,presentations,-4,CHP,HAITI", "value"],
    ["2024-03,presentations,4,XXX,HAITI", "state"],
  ])("rejects %s in column %s", (line, fieldName) => {
    const result = parseFlowFile(`period,measure,value,state,citizenship\n${line}`, {
      file: "g.csv",
      schema,
    });
    expect(result.problems[0]).toMatchObject({ line: 2, field: fieldName });
  });

  it("rejects a schema with unknown keys", () => {
    expect(parseGenericSchema('{"period":"week","dimensions":{}}').errors.length).toBeGreaterThan(0);
  });
});

describe("source detection and hashing", () => {
  it.each([
    [aorHeader, "cbp-aor"],
    [titleHeader, "cbp-aor"],
    [
      "Fiscal Year,Month Grouping,Month (abbv),Land Border Region,State,Demographic,Citizenship,Title of Authority,Encounter Count",
      "cbp-state",
    ],
    [
      "year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,returned_refugees,resettlement,naturalisation,returned_idps",
      "unhcr-solutions",
    ],
    ["period|measure|value|nation", "generic"],
    ["what,ever", undefined],
  ])("detects %s", (header, source) => {
    expect(detectSource(`${header}\n`)).toBe(source);
  });

  it("hashes content with sha256", () => {
    expect(contentHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe.skipIf(!hasRealData)("the shared real files", () => {
  const rows = hasRealData ? aorRows() : [];
  const southwest = (r: FlowRow) => r.dims.land_border_region === "Southwest Land Border";

  it.each([
    [2020, 458_088],
    [2021, 1_734_686],
    [2022, 2_378_944],
    [2023, 2_475_669],
  ])("Southwest land border FY%i totals %i", (fy, total) => {
    const sum = rows
      .filter((r) => southwest(r) && fiscalYearOf(r.period) === fy)
      .reduce((s, r) => s + r.value, 0);
    expect(sum).toBe(total);
  });

  it("Venezuelans at the Southwest land border: 206 in 2020-12, 24,801 in 2021-12", () => {
    const byMonth = new Map(venezuelansSouthwestSeries(rows).map((p) => [p.month, p.value]));
    expect(byMonth.get("2020-12")).toBe(206);
    expect(byMonth.get("2021-12")).toBe(24_801);
  });

  it("UNHCR: Venezuelans in Colombia in 2024, other people in need of protection = 2,779,604", () => {
    const file = "unhcr_population_americas_2000-2025.csv";
    const parsed = parseFlowFile(readFileSync(`${dataDir}unhcr/${file}`), { file });
    expect(parsed.source).toBe("unhcr-population");
    const oip = parsed.rows.find(
      (r) =>
        r.period === "2024" &&
        r.measure === "oip" &&
        r.dims.origin_iso === "VEN" &&
        r.dims.asylum_country_iso === "COL",
    );
    expect(oip?.value).toBe(2_779_604);
  });

  it("the state file agrees with the AOR files on the Southwest FY2022 total", () => {
    const file = "uwchr_nationwide-encounters-fy20-fy23-state.csv";
    const parsed = parseFlowFile(readFileSync(`${dataDir}cbp/${file}`), { file });
    expect(parsed.source).toBe("cbp-state");
    const total = sumMonthly(parsed.rows, { land_border_region: "Southwest Land Border" })
      .filter((p) => fiscalYearOf(p.month) === 2022)
      .reduce((s, p) => s + p.value, 0);
    expect(total).toBe(2_378_944);
  });
});
