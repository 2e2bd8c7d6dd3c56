import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.ts";
import { type BacktestRow, backtestSeries } from "./backtest.ts";
import { backtestReport, forecastCsv } from "./flows-cli-actions.ts";
import { forecastSeries } from "./forecast.ts";
import { addMonths, type MonthlyPoint, parseSeriesCsv } from "./monthly-series.ts";
import { aorRows, hasRealData, sectorRows } from "./real-data.test-support.ts";
import { southwestBorderPatrolSeries, venezuelansSouthwestSeries } from "./reference-series.ts";

/** A seasonal series with a trend and deterministic wobble (no randomness in tests). */
function synthetic(n: number): MonthlyPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    month: addMonths("2015-01", i),
    value: Math.round(1000 + 10 * i + 300 * Math.sin((2 * Math.PI * i) / 12) + 50 * Math.sin(i * 1.7)),
  }));
}

describe("forecastSeries", () => {
  it.each([1, 6, 12])("gives %i ordered months after the last one, bands nested around the mean", (h) => {
    const out = forecastSeries(synthetic(60), h);
    expect(out.map((p) => p.month)).toEqual(Array.from({ length: h }, (_, i) => addMonths("2019-12", i + 1)));
    for (const p of out) {
      expect(p.lo95).toBeLessThanOrEqual(p.lo80);
      expect(p.lo80).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.hi80);
      expect(p.hi80).toBeLessThanOrEqual(p.hi95);
      expect(p.lo95).toBeGreaterThanOrEqual(0);
    }
  });

  it("follows the seasonal pattern of a regular series", () => {
    const series = synthetic(72);
    const out = forecastSeries(series.slice(0, 60), 12);
    const truth = series.slice(60);
    const mape =
      out.reduce((s, p, i) => s + Math.abs(p.mean - (truth[i]?.value ?? 0)) / (truth[i]?.value ?? 1), 0) / 12;
    expect(mape).toBeLessThan(0.1);
  });

  it("works on a short series and on negative values", () => {
    expect(forecastSeries(synthetic(3), 2)).toHaveLength(2);
    const negative = synthetic(30).map((p) => ({ ...p, value: p.value - 1500 }));
    expect(forecastSeries(negative, 3).every((p) => Number.isFinite(p.mean))).toBe(true);
  });
});

describe("the forecast CLI contract", () => {
  const csv = `month,value\n${synthetic(40)
    .map((p) => `${p.month},${p.value}`)
    .join("\n")}\n`;

  it("prints month,mean,lo80,hi80,lo95,hi95 for H months", () => {
    const path = writeTemp(csv);
    const lines = forecastCsv(path, "3").trim().split("\n");
    expect(lines[0]).toBe("month,mean,lo80,hi80,lo95,hi95");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["2018-05", "2018-06", "2018-07"]);
  });

  it.each([
    ["month,value\n2020-01,5\n2020-13,6\n", "3", /not a month/],
    ["month,value\n2020-01,5\n2020-02,x\n", "3", /not a number/],
    ["month,value\n2020-01,5\n2020-03,6\n", "3", /missing between 2020-01 and 2020-03/],
    ["month,value\n2020-01,5\n2020-01,6\n", "3", /appears twice/],
    ["when,count\n2020-01,5\n", "3", /expected a header/],
    ["month,value\n2020-01,5\n2020-02,6\n", "13", /--horizon must be/],
    ["month,value\n2020-01,5\n", "1", /at least 2 months/],
  ])("fails as bad input (exit 2) on %j with horizon %s", (text, horizon, message) => {
    const path = writeTemp(text);
    const error = catchError(() => forecastCsv(path, horizon));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).exitCode).toBe(2);
    expect((error as AppError).message).toMatch(message);
  });

  it("backtest prints one CSV row per horizon and method", () => {
    const out = backtestReport(writeTemp(csv), "1,3").trim().split("\n");
    expect(out[0]).toBe("horizon,method,origins,mape,mase,coverage80,coverage95");
    expect(out.slice(1).map((l) => l.split(",").slice(0, 2).join(" "))).toEqual([
      "1 adaptive",
      "1 naive",
      "1 seasonal_naive",
      "1 ets",
      "3 adaptive",
      "3 naive",
      "3 seasonal_naive",
      "3 ets",
    ]);
  });

  it("reads a series with BOM, CRLF and quoted thousands", () => {
    const { points, problems } = parseSeriesCsv('\uFEFFmonth,value\r\n2020-02,"1,500"\r\n2020-01,900\r\n');
    expect(problems).toEqual([]);
    expect(points).toEqual([
      { month: "2020-01", value: 900 },
      { month: "2020-02", value: 1500 },
    ]);
  });
});

function rowOf(rows: BacktestRow[], h: number, method: string): BacktestRow {
  return rows.find((r) => r.horizon === h && r.method === method) as BacktestRow;
}

describe.skipIf(!hasRealData)("targets on the real series", () => {
  const aor = aorRows();
  const series = {
    "Southwest Border Patrol from FY2000": southwestBorderPatrolSeries(sectorRows(), aor),
    "Venezuelans at the Southwest border from FY2020": venezuelansSouthwestSeries(aor),
  };

  it("builds the series the targets are measured on", () => {
    expect(series["Southwest Border Patrol from FY2000"]).toHaveLength(288);
    expect(series["Southwest Border Patrol from FY2000"][0]).toEqual({ month: "1999-10", value: 91_410 });
    expect(series["Venezuelans at the Southwest border from FY2020"]).toHaveLength(48);
  });

  const cases = Object.entries(series).map(([name, points]) => ({ name, points }));
  it.each(cases)("$name: lower MASE than naive at 1, 3, 6 months, 80% coverage 70–90%", ({ points }) => {
    const rows = backtestSeries(points, [1, 3, 6]);
    for (const h of [1, 3, 6]) {
      expect(rowOf(rows, h, "adaptive").mase).toBeLessThan(rowOf(rows, h, "naive").mase);
      expect(rowOf(rows, h, "adaptive").coverage80).toBeGreaterThanOrEqual(70);
      expect(rowOf(rows, h, "adaptive").coverage80).toBeLessThanOrEqual(90);
    }
  });
});

const tempDir = mkdtempSync(join(tmpdir(), "flows-test-"));
let tempCount = 0;

function writeTemp(text: string): string {
  const path = join(tempDir, `series-${tempCount++}.csv`);
  writeFileSync(path, text);
  return path;
}

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
