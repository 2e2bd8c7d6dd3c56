import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import {
  type AuditLeaf,
  canonicalText,
  type JsonValue,
  leafText,
  normaliseDetails,
  parseLeafText,
  unstorableReason,
} from "./audit-canonical.ts";

describe("canonicalText", () => {
  it.each<[string, JsonValue, string]>([
    [
      "keys sorted at every depth",
      { b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } },
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    ],
    ["accents written as escapes", { name: "Bogotá" }, '{"name":"Bogot\\u00e1"}'],
    ["a pair of surrogates as two escapes", ["🙂"], '["\\ud83d\\ude42"]'],
    ["U+FFFD itself is an ordinary character", "\ufffd", '"\\ufffd"'],
    ["line separators and DEL escaped", "a\u2028b\u007f", '"a\\u2028b\\u007f"'],
    ["control characters as JSON writes them", "tab\there\n", '"tab\\there\\n"'],
    ["numbers as JavaScript writes them", [0, -0, 1.5, 1e21, 5e-324], "[0,0,1.5,1e+21,5e-324]"],
    ["booleans and null", [true, false, null], "[true,false,null]"],
  ])("%s", (_, value, text) => {
    expect(canonicalText(value)).toBe(text);
  });

  it("writes only ASCII, whatever the input", () => {
    const text = canonicalText({ clé: "日本語 — ñ 🙂 \u0301", n: ["ü"] });
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual({ clé: "日本語 — ñ 🙂 \u0301", n: ["ü"] });
  });

  it("gives the same text after a round trip through JSON", () => {
    const value = { z: "Ωmega", a: [1, { y: "x\u00a0y" }] };
    const once = canonicalText(value);
    expect(canonicalText(JSON.parse(once) as JsonValue)).toBe(once);
  });

  it("refuses numbers JSON cannot hold", () => {
    expect(() => canonicalText(Number.NaN)).toThrow(AppError);
  });
});

describe("unstorableReason", () => {
  it.each<[string, string, RegExp | undefined]>([
    ["plain ASCII", "CASE-1", undefined],
    ["accents and emoji", "Bogotá 🙂", undefined],
    ["U+FFFD", "\ufffd", undefined],
    ["a lone high surrogate", "\ud800", /lone surrogate \\uD800 at position 0/],
    ["a lone low surrogate", "ab\udc00", /lone surrogate \\uDC00 at position 2/],
    ["a high surrogate at the end", "x🙂\ud83d", /lone surrogate \\uD83D at position 3/],
    ["swapped surrogates", "\ude42\ud83d", /lone surrogate/],
    ["NUL", "a\u0000b", /NUL character at position 1/],
  ])("%s", (_, text, reason) => {
    const found = unstorableReason(text);
    if (reason) expect(found).toMatch(reason);
    else expect(found).toBeUndefined();
  });
});

describe("normaliseDetails", () => {
  it("keeps JSON and turns values JSON cannot hold as JSON.stringify does", () => {
    const when = new Date("2026-01-02T03:04:05.678Z");
    expect(normaliseDetails({ when, gone: undefined, list: [1, "a"] })).toEqual({
      when: "2026-01-02T03:04:05.678Z",
      list: [1, "a"],
    });
    expect(normaliseDetails(undefined)).toEqual({});
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a lone surrogate in a value", { ref: "\ud800" }, "details.ref"],
    ["a lone surrogate deep in a list", { a: [{ b: ["ok", "x\udfff"] }] }, "details.a[0].b[1]"],
    ["a lone surrogate in a key", { "k\ud800": 1 }, "details (a key)"],
    ["NUL in a value", { note: "a\u0000" }, "details.note"],
  ])("refuses %s and names where", (_, details, field) => {
    let error: unknown;
    try {
      normaliseDetails(details);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_INPUT");
    expect((error as AppError).details).toEqual({ field });
    expect((error as AppError).message).toContain(field);
  });

  it("refuses what is not JSON at all", () => {
    expect(() => normaliseDetails({ n: 10n })).toThrow(/not JSON/);
  });
});

describe("leaf text", () => {
  const leaf: AuditLeaf = {
    tenantId: "COL",
    seq: 42,
    occurredAt: "2026-12-01T10:00:00.123Z",
    actorTenant: "COL",
    actorUser: null,
    actorLabel: "registrar@col.demo",
    action: "person.create",
    targetType: "person",
    targetId: "Núñez-1",
    requestId: "req-1",
    details: { fields: ["given_names"] },
  };

  it("reads back exactly the leaf it was written from, and carries its version", () => {
    const text = leafText(leaf);
    expect(text.startsWith('{"action":"person.create"')).toBe(true);
    expect(text).toContain('"v":1');
    expect(parseLeafText(text)).toEqual(leaf);
  });

  it("refuses a text of another version", () => {
    expect(() => parseLeafText(leafText(leaf).replace('"v":1', '"v":2'))).toThrow(/version 1/);
  });
});
