import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { backtestReport, forecastCsv } from "../flows-files.command.ts";
import { aorRows, hasRealData } from "../real-data.test-support.ts";
import { forecastSeries } from "./forecast.ts";
import { addMonths, type MonthlyPoint, parseSeriesCsv } from "./monthly-series.ts";
import { venezuelansSouthwestSeries } from "./reference-series.ts";

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
      "1 ensemble",
      "1 naive",
      "1 seasonal_naive",
      "1 ets",
      "3 ensemble",
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

describe("bands after a break", () => {
  const calm = Array.from({ length: 48 }, (_, i) => ({
    month: addMonths("2018-01", i),
    value: 1000 + 30 * Math.sin(i),
  }));
  const broken = calm.map((p, i) => (i >= 44 ? { ...p, value: p.value * 8 ** (i - 43) } : p));

  it("widen when the series has just jumped, instead of keeping the calm band", () => {
    const width = (points: MonthlyPoint[]) => {
      const f = forecastSeries(points, 3)[2] as { lo95: number; hi95: number };
      return Math.log(f.hi95 / Math.max(1, f.lo95));
    };
    expect(width(broken)).toBeGreaterThan(3 * width(calm));
  });

  it("never reach past twice the largest value seen, however explosive the spell", () => {
    const highest = Math.max(...broken.map((p) => p.value));
    for (const f of forecastSeries(broken, 12)) {
      expect(f.hi95).toBeLessThanOrEqual(2 * (highest + 1));
      expect(f.hi80).toBeLessThanOrEqual(f.hi95);
      expect(f.mean).toBeLessThanOrEqual(f.hi80);
    }
  });
});

describe.skipIf(!hasRealData)("the Venezuelan series that once gave a band of millions", () => {
  const series = hasRealData ? venezuelansSouthwestSeries(aorRows()) : [];

  it("forecast from September 2023 stays within twice the record month at every horizon", () => {
    const last = series.at(-1) as MonthlyPoint;
    expect(last).toEqual({ month: "2023-09", value: 66_584 });
    const out = forecastSeries(series, 6);
    for (const f of out) {
      expect(f.hi95).toBeLessThanOrEqual(2 * 66_585);
      expect(f.lo95).toBeGreaterThan(0);
    }
    expect(out[0]?.lo80).toBeLessThan(66_584);
    expect(out[0]?.hi80).toBeGreaterThan(66_584);
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
