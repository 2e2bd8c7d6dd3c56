import { describe, expect, it } from "vitest";
import {
  count,
  INT32_MAX,
  IsoDate,
  IsoInstant,
  IsoMonth,
  isoDate,
  queryCount,
  text,
  textFault,
  trimmedText,
} from "./primitives.contract.ts";

describe("textFault", () => {
  const cases: [string, string, RegExp | null][] = [
    ["plain text", "Ana María López", null],
    ["tab, line feed and carriage return", "a\tb\r\nc", null],
    ["a pair of surrogates (an emoji)", "🌎 ok", null],
    ["U+FFFD and U+2028 (valid characters)", "\ufffd\u2028", null],
    ["the empty text", "", null],
    ["DEL and C1 controls (not C0)", "\u007f\u0085", null],
    ["a NUL", "a\u0000b", /NUL character \(at character 2\)/],
    ["an escape (terminal control)", "\u001b[31m", /control character U\+001B/],
    ["a vertical tab", "a\u000bb", /U\+000B/],
    ["a lone high surrogate at the end", "ab\ud800", /lone surrogate U\+D800 \(at character 3\)/],
    ["a lone low surrogate", "\udc00a", /lone surrogate U\+DC00/],
    ["a high surrogate followed by a letter", "\ud83dx", /lone surrogate U\+D83D/],
    ["two high surrogates", "\ud83d\ud83d\ude00", /lone surrogate U\+D83D \(at character 1\)/],
  ];
  for (const [name, value, expected] of cases) {
    it(`${expected ? "refuses" : "accepts"} ${name}`, () => {
      const fault = textFault(value);
      if (expected === null) expect(fault).toBeNull();
      else expect(fault).toMatch(expected);
    });
  }
});

describe("text primitives", () => {
  it("keep text as sent or trimmed, bounded, and refuse faults with the rule's message", () => {
    expect(text(1, 5).safeParse(" ab ").data).toBe(" ab ");
    expect(trimmedText(1, 5).safeParse(" ab ").data).toBe("ab");
    expect(trimmedText(1, 5).safeParse("   ").success).toBe(false);
    expect(text(0, 5).safeParse("abcdef").success).toBe(false);
    const refused = trimmedText(0, 50).safeParse("a\u0000b");
    expect(refused.error?.issues[0]?.message).toMatch(/NUL/);
    expect(text(0, 50).safeParse("x\ud800").error?.issues[0]?.message).toMatch(/lone surrogate/);
  });
});

describe("counts", () => {
  const cases: [string, unknown, boolean][] = [
    ["zero", 0, true],
    ["the largest 32-bit integer", INT32_MAX, true],
    ["one past it", INT32_MAX + 1, false],
    ["a negative number", -1, false],
    ["a fraction", 1.5, false],
    ["not a number", "12", false],
  ];
  for (const [name, value, ok] of cases) {
    it(`count ${ok ? "takes" : "refuses"} ${name}`, () => expect(count().safeParse(value).success).toBe(ok));
  }
  it("reads a query-string count and bounds it the same way", () => {
    expect(queryCount().parse("42")).toBe(42);
    expect(queryCount().safeParse("2147483648").success).toBe(false);
    expect(queryCount(1, 10).safeParse("0").success).toBe(false);
  });
});

describe("dates", () => {
  const days: [string, boolean][] = [
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2031-02-30", false],
    ["0000-00-00", false],
    ["0000-01-01", false],
    ["0001-01-01", true],
    ["9999-12-31", true],
    ["2024-1-01", false],
    ["2024-01-01T00:00:00Z", false],
  ];
  for (const [day, ok] of days) {
    it(`IsoDate ${ok ? "takes" : "refuses"} ${day}`, () => expect(IsoDate.safeParse(day).success).toBe(ok));
  }

  it("keeps a date inside its range", () => {
    const appointment = isoDate({ from: "2000-01-01", to: "2100-12-31" });
    expect(appointment.safeParse("2031-01-02").success).toBe(true);
    expect(appointment.safeParse("1999-12-31").error?.issues[0]?.message).toBe(
      "expected a date from 2000-01-01 to 2100-12-31",
    );
  });

  const months: [string, boolean][] = [
    ["2024-01", true],
    ["2024-12", true],
    ["2024-13", false],
    ["2024-00", false],
    ["0000-01", false],
    ["2024-1", false],
  ];
  for (const [month, ok] of months) {
    it(`IsoMonth ${ok ? "takes" : "refuses"} ${month}`, () =>
      expect(IsoMonth.safeParse(month).success).toBe(ok));
  }

  const instants: [string, boolean][] = [
    ["2024-05-01T09:30:00Z", true],
    ["2024-05-01T09:30:00-04:00", true],
    ["2024-02-30T09:30:00Z", false],
    ["2024-05-01T09:30:00", false],
    ["0000-01-01T00:00:00Z", false],
    ["0001-01-01T00:00:00+05:00", false],
  ];
  for (const [instant, ok] of instants) {
    it(`IsoInstant ${ok ? "takes" : "refuses"} ${instant}`, () =>
      expect(IsoInstant.safeParse(instant).success).toBe(ok));
  }
});
