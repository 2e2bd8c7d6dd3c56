import { csvDocument } from "../../shared/csv-write.ts";
import { readDelimitedRecords } from "../../shared/delimited-records.ts";
import type { LineProblem } from "../../shared/input-problem.ts";
import { detectDelimiter, firstLine, parseNumber, stripBom } from "./delimited-text.ts";

/** One value of a monthly series, month as calendar `YYYY-MM`. */
export interface MonthlyPoint {
  month: string;
  value: number;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a text is a calendar month `YYYY-MM`. */
export function isMonth(text: string): boolean {
  return monthPattern.test(text);
}

/** Months since year 0, so months can be subtracted and compared as numbers. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The month `n` months after (or before, when negative) `month`. */
export function addMonths(month: string, n: number): string {
  const index = monthIndex(month) + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** A located complaint about a series file. */
export type SeriesProblem = LineProblem;

/**
 * Reads a `month,value` CSV (header optional, any column order when a header names them; CRLF, BOM, quoted
 * thousands separators accepted). Months must be distinct and consecutive; they are sorted.
 */
export function parseSeriesCsv(text: string): { points: MonthlyPoint[]; problems: SeriesProblem[] } {
  const clean = stripBom(text);
  const problems: SeriesProblem[] = [];
  const points: { line: number; month: string; value: number }[] = [];
  let monthAt = 0;
  let valueAt = 1;
  let first = true;
  for (const record of readDelimitedRecords(clean, detectDelimiter(firstLine(clean)))) {
    const cells = record.fields.map((f) => f.trim());
    if (first) {
      first = false;
      const lower = cells.map((c) => c.toLowerCase());
      if (!isMonth(cells[0] ?? "")) {
        monthAt = lower.indexOf("month");
        valueAt = lower.indexOf("value");
        if (monthAt < 0 || valueAt < 0) {
          problems.push({
            line: record.line,
            message: `expected a header "month,value", found "${cells.join(",")}"`,
          });
          return { points: [], problems };
        }
        continue;
      }
    }
    const month = cells[monthAt] ?? "";
    const value = parseNumber(cells[valueAt] ?? "");
    if (!isMonth(month))
      problems.push({ line: record.line, message: `"${month}" is not a month like 2021-12` });
    else if (value === undefined)
      problems.push({ line: record.line, message: `"${cells[valueAt] ?? ""}" is not a number` });
    else points.push({ line: record.line, month, value });
  }
  points.sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
  problems.push(...continuityProblems(points));
  return { points: points.map(({ month, value }) => ({ month, value })), problems };
}

function continuityProblems(points: { line: number; month: string }[]): SeriesProblem[] {
  const problems: SeriesProblem[] = [];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1]!;
    const here = points[i]!;
    const gap = monthIndex(here.month) - monthIndex(prev.month);
    if (gap === 0)
      problems.push({
        line: here.line,
        message: `month ${here.month} appears twice (also line ${prev.line})`,
      });
    else if (gap > 1) {
      problems.push({ line: here.line, message: `months missing between ${prev.month} and ${here.month}` });
    }
  }
  return problems;
}

/** Writes a series as `month,value` CSV. */
export function formatSeriesCsv(points: MonthlyPoint[]): string {
  return csvDocument(
    ["month", "value"],
    points.map((p) => [p.month, p.value]),
  );
}
