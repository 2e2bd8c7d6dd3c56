import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv-table.ts";

describe("parseCsv", () => {
  it.each([
    ["plain", "a,b\n1,2\n", [["1", "2"]], [2]],
    ["CRLF and BOM", "\ufeffA,B\r\n1,2\r\n", [["1", "2"]], [2]],
    [
      "blank lines skipped",
      "a,b\n\n1,2\n\n3,4",
      [
        ["1", "2"],
        ["3", "4"],
      ],
      [3, 5],
    ],
    ["quotes with comma and doubled quote", 'a,b\n"x,y","say ""hi"""\n', [["x,y", 'say "hi"']], [2]],
    [
      "quoted newline keeps line numbers",
      'a,b\n"one\ntwo",2\n3,4\n',
      [
        ["one\ntwo", "2"],
        ["3", "4"],
      ],
      [2, 4],
    ],
  ])("%s", (_name, text, rows, lines) => {
    const { table, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(table.header).toEqual(["a", "b"]);
    expect(table.records.map((r) => r.fields)).toEqual(rows);
    expect(table.records.map((r) => r.line)).toEqual(lines);
  });

  it("reports an unterminated quote with its line", () => {
    expect(parseCsv('a\n"open\n').problems).toEqual([{ line: 2, message: "unterminated quoted field" }]);
  });
});
