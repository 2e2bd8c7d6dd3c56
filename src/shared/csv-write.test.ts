import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvDocument, csvRow, looksLikeFormula } from "./csv-write.ts";

// Cells drawn to hit every rule: delimiters, quotes, line ends, formula triggers, numbers, any Unicode.
const hostile = fc.constantFrom(
  ",",
  '"',
  "\r",
  "\n",
  "\r\n",
  "=",
  "+",
  "-",
  "@",
  "\t",
  "'",
  " ",
  "1",
  ".",
  "e",
);
const cell = fc.oneof(
  fc.string({ unit: fc.oneof(hostile, fc.string({ unit: "grapheme", maxLength: 1 })), maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
// A record of one empty cell is written as an empty line, which no CSV reader can tell from no record.
const row = (width: number) =>
  fc.array(cell, { minLength: width, maxLength: width }).filter((r) => width > 1 || r[0] !== "");
const table = fc
  .integer({ min: 1, max: 5 })
  .chain((width) => fc.tuple(row(width), fc.array(row(width), { maxLength: 8 })));

const expected = (text: string) => (looksLikeFormula(text) ? `'${text}` : text);

describe("csv writer", () => {
  it("reads back, through an independent RFC 4180 parser, exactly what it was given (neutralised formulas aside)", () => {
    fc.assert(
      fc.property(table, ([header, rows]) => {
        const text = csvDocument(header, rows);
        const read = parse(text, { relax_quotes: false, skip_empty_lines: false }) as string[][];
        expect(read).toEqual([header, ...rows].map((r) => r.map(expected)));
      }),
      { numRuns: 500, seed: 4180 },
    );
  });

  it("leaves no cell that a spreadsheet would run as a formula", () => {
    fc.assert(
      fc.property(table, ([header, rows]) => {
        const read = parse(csvDocument(header, rows)) as string[][];
        for (const cells of read) for (const c of cells) expect(looksLikeFormula(c)).toBe(false);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", `"'\rx"`],
    ["+52 55 1234", "'+52 55 1234"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["José", "José"],
    ["", ""],
  ])("writes %j as %j", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it("leaves plain numbers, given as numbers or as text, unprefixed: they are not formulas", () => {
    expect(csvRow([-120, "-120", "+3.5", "-0.25", "1e-3", -1.5e-7, 0])).toBe(
      "-120,-120,+3.5,-0.25,1e-3,-1.5e-7,0",
    );
    expect(csvRow(["-1-1", "-", "+", "-.", "- 1"])).toBe("'-1-1,'-,'+,'-.,'- 1");
  });

  it("writes null and undefined as empty cells, and keeps formulas only when asked", () => {
    expect(csvRow([null, undefined, true, 7n])).toBe(",,true,7");
    expect(csvRow(["+502 54 1421 40", "@handle"], { neutraliseFormulas: false })).toBe(
      "+502 54 1421 40,@handle",
    );
  });
});
