import { basename } from "node:path";
import { AppError, failOnProblems, type InputProblem } from "../platform/errors.ts";
import { readFileBytes, readTextFileSync } from "../platform/text-input.ts";
import { csvDocument } from "../shared/csv-write.ts";
import { type BacktestRow, backtestSeries } from "./engine/backtest.ts";
import { type FlowSource, flowSources, type ParsedFlowFile } from "./engine/flows-types.ts";
import { forecastSeries } from "./engine/forecast.ts";
import { type GenericSchema, parseGenericSchema } from "./engine/generic-import.ts";
import { formatSeriesCsv, type MonthlyPoint, parseSeriesCsv } from "./engine/monthly-series.ts";
import { parseFlowFile } from "./engine/parse-flow-file.ts";
import { mergeSeries, sumMonthly } from "./engine/reference-series.ts";

/** Reads a `month,value` file, failing with every located problem as bad input. */
export function readSeriesFile(path: string): MonthlyPoint[] {
  const { points, problems } = parseSeriesCsv(readTextFileSync(path, { delimiter: "," }));
  failOnProblems(
    problems.map((p) => ({ file: path, line: p.line, message: p.message })),
    `${path} is not a usable month,value series`,
  );
  if (points.length < 2)
    throw new AppError("BAD_INPUT", `${path}: a forecast needs at least 2 months, found ${points.length}`);
  return points;
}

/** Parses a whole number option within bounds, or fails as bad input naming the option. */
export function parseIntegerOption(text: string, name: string, min: number, max: number): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new AppError("BAD_INPUT", `${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

const round = (v: number, digits = 2): string =>
  Number.isFinite(v) ? String(Number(v.toFixed(digits))) : "";

/** `flows forecast`: the forecast CSV for the months after the series. */
export function forecastCsv(path: string, horizonText: string): string {
  const horizon = parseIntegerOption(horizonText, "--horizon", 1, 12);
  const rows = forecastSeries(readSeriesFile(path), horizon);
  return csvDocument(
    ["month", "mean", "lo80", "hi80", "lo95", "hi95"],
    rows.map((r) => [r.month, round(r.mean), round(r.lo80), round(r.hi80), round(r.lo95), round(r.hi95)]),
  );
}

/** `flows backtest`: accuracy per horizon and method as CSV, or as an aligned table. */
export function backtestReport(
  path: string,
  horizonsText: string,
  minTrainText?: string,
  format = "csv",
): string {
  const horizons = horizonsText.split(",").map((h) => parseIntegerOption(h, "--horizons", 1, 12));
  if (format !== "csv" && format !== "table")
    throw new AppError("BAD_INPUT", `--format must be csv or table, got "${format}"`);
  const points = readSeriesFile(path);
  const minTrain =
    minTrainText === undefined ? undefined : parseIntegerOption(minTrainText, "--min-train", 2, 10_000);
  const maxHorizon = Math.max(...horizons);
  if ((minTrain ?? 6) + maxHorizon > points.length) {
    throw new AppError(
      "BAD_INPUT",
      `${path}: ${points.length} months are too few to backtest horizon ${maxHorizon}`,
    );
  }
  return formatBacktest(backtestSeries(points, horizons, minTrain), format);
}

/** Renders backtest rows: CSV `horizon,method,origins,mape,mase,coverage80,coverage95` or a padded table. */
export function formatBacktest(rows: BacktestRow[], format: string): string {
  const header = ["horizon", "method", "origins", "mape", "mase", "coverage80", "coverage95"];
  const cells = rows.map((r) => [
    String(r.horizon),
    r.method,
    String(r.origins),
    round(r.mape, 1),
    round(r.mase, 3),
    round(r.coverage80, 1),
    round(r.coverage95, 1),
  ]);
  if (format === "csv") return csvDocument(header, cells);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  return `${[header, ...cells].map((c) => c.map((v, i) => v.padStart(widths[i] ?? 0)).join("  ")).join("\n")}\n`;
}

/** Reads a generic schema file given by `--schema`, failing with its problems as bad input. */
export function readSchemaFile(path: string | undefined): GenericSchema | undefined {
  if (path === undefined) return undefined;
  const { schema, errors } = parseGenericSchema(readTextFileSync(path));
  failOnProblems(
    errors.map((message) => ({ file: path, message })),
    `${path} is not a valid generic schema`,
  );
  return schema;
}

function checkSource(source: string): FlowSource | "auto" {
  if (source === "auto" || (flowSources as readonly string[]).includes(source))
    return source as FlowSource | "auto";
  throw new AppError(
    "BAD_INPUT",
    `--source must be auto or one of ${flowSources.join(", ")}, got "${source}"`,
  );
}

/** Parses files (all or nothing): every file's rows, or a bad-input error listing the first problems of all files. */
export function parseFiles(paths: string[], sourceText = "auto", schemaPath?: string): ParsedFlowFile[] {
  const source = checkSource(sourceText);
  const schema = readSchemaFile(schemaPath);
  const parsed = paths.map((path) =>
    parseFlowFile(readFileBytes(path), { file: basename(path), source, schema }),
  );
  const problems: InputProblem[] = parsed.flatMap((p) =>
    p.problems.map((q) => ({
      file: q.file,
      line: q.line,
      field: q.field === undefined ? undefined : `${q.field} (column ${q.column})`,
      message: q.expected ? `${q.message} (expected ${q.expected})` : q.message,
    })),
  );
  const total = parsed.reduce((sum, p) => sum + p.problemCount, 0);
  if (total > problems.length)
    problems.push(...Array.from({ length: total - problems.length }, () => ({ message: "(not shown)" })));
  failOnProblems(problems, "the files were not read (nothing changed)");
  return parsed;
}

/** `flows parse`: a dry run that reports per file its source, records, rows and hash. */
export function parseSummary(parsed: ParsedFlowFile[]): string {
  return csvDocument(
    ["file", "source", "records", "rows", "sha256"],
    parsed.map((p) => [p.file, p.source ?? "", p.recordCount, p.rows.length, p.contentHash]),
  );
}

/**
 * `flows series`: sums a measure over matching rows of each file, joins the files (earlier wins), as CSV:
 * `month,value` for monthly sources, `year,value` for yearly ones such as UNHCR's tables.
 */
export function seriesCsv(parsed: ParsedFlowFile[], filter: Map<string, string>, measure: string): string {
  const wanted = Object.fromEntries(filter);
  const series = parsed.reduce<MonthlyPoint[]>(
    (all, p) => mergeSeries(all, sumMonthly(p.rows, wanted, measure)),
    [],
  );
  if (series.length > 0) return formatSeriesCsv(series);
  const years = sumYearly(
    parsed.flatMap((p) => p.rows),
    wanted,
    measure,
  );
  if (years.length === 0)
    throw new AppError("BAD_INPUT", `no monthly or yearly rows of ${measure} match the filter`);
  return csvDocument(["year", "value"], years);
}

function sumYearly(rows: ParsedFlowFile["rows"], filter: Record<string, string>, measure: string) {
  const totals = new Map<string, number>();
  const filters = Object.entries(filter);
  for (const row of rows) {
    if (row.measure !== measure || row.period.length !== 4) continue;
    if (!filters.every(([key, value]) => row.dims[key] === value)) continue;
    totals.set(row.period, (totals.get(row.period) ?? 0) + row.value);
  }
  return [...totals].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
