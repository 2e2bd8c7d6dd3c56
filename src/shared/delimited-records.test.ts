import { describe, expect, it } from "vitest";
import { readDelimitedRecords } from "./delimited-records.ts";

const read = (text: string, delimiter = ",") => [...readDelimitedRecords(text, delimiter)];

describe("readDelimitedRecords", () => {
  it("splits plain lines, skips blank ones and takes CRLF and LF alike", () => {
    expect(read("a,b\r\n\r\n1,2\n3,4")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 3, fields: ["1", "2"] },
      { line: 4, fields: ["3", "4"] },
    ]);
  });

  it("unquotes fields holding the delimiter, doubled quotes and line breaks, and keeps line numbers true", () => {
    expect(read('a|b\n"x|y"|"say ""hi""\nagain"|z\nlast|1', "|")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x|y", 'say "hi"\nagain', "z"] },
      { line: 4, fields: ["last", "1"] },
    ]);
    expect(read('"p","q"\r\n"r",s\r\n')).toEqual([
      { line: 1, fields: ["p", "q"] },
      { line: 2, fields: ["r", "s"] },
    ]);
  });

  it("marks a record whose quote is never closed", () => {
    expect(read('h\n"open\nmore')).toEqual([
      { line: 1, fields: ["h"] },
      { line: 2, fields: ["open\nmore"], unterminated: true },
    ]);
  });
});
