import { describe, expect, it } from "vitest";
import { decodeStrictText, firstInvalidUtf8, StrictTextDecoder, TextFaultError } from "./strict-text.ts";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));

const faultOf = (content: Uint8Array | string, delimiter?: string) => {
  const result = decodeStrictText(content, delimiter === undefined ? {} : { delimiter });
  if (result.ok) throw new Error("expected a fault");
  return result.fault;
};

describe("decodeStrictText", () => {
  it("keeps well-formed UTF-8 as it is, accents, emoji and U+FFFD written as such included", () => {
    const text = "name,city\nJosé,São Paulo 🙂 \ufffd\r\n";
    expect(decodeStrictText(bytes(text))).toEqual({ ok: true, text });
  });

  it("drops a leading byte-order mark, from bytes and from text, and keeps one elsewhere", () => {
    expect(decodeStrictText(bytes([0xef, 0xbb, 0xbf], "a,b\n"))).toEqual({ ok: true, text: "a,b\n" });
    expect(decodeStrictText("\ufeffa,b\n")).toEqual({ ok: true, text: "a,b\n" });
    expect(decodeStrictText(bytes([0xef, 0xbb, 0xbf]))).toEqual({ ok: true, text: "" });
    expect(decodeStrictText("a\ufeff")).toEqual({ ok: true, text: "a\ufeff" });
  });

  it("refuses a Latin-1 byte, naming line, column and field, never turning it into U+FFFD", () => {
    const latin1 = bytes("given,family\nAna,Ruiz\n", [0x4a, 0x6f, 0x73, 0xe9], ",Pérez\n");
    expect(faultOf(latin1, ",")).toEqual({
      line: 3,
      character: 4,
      field: "given",
      column: 1,
      message: expect.stringMatching(/not valid UTF-8: byte 0xE9 .*Latin-1/),
    });
  });

  it("refuses a UTF-16 surrogate encoded in three bytes (CESU-8 / WTF-8)", () => {
    const fault = faultOf(bytes("a,b\n1,x", [0xed, 0xa0, 0x80], "\n"), ",");
    expect(fault).toMatchObject({ line: 2, character: 4, field: "b", column: 2 });
    expect(fault.message).toMatch(/ED A0 80 encode a lone UTF-16 surrogate/);
  });

  it("refuses a NUL byte and other control characters, but not tab, CR or LF", () => {
    expect(faultOf(bytes("a;b\n1;2\n3;", [0], "\n"), "auto")).toEqual({
      line: 3,
      character: 3,
      field: "b",
      column: 2,
      message: "holds a NUL character",
    });
    expect(faultOf("x\u001b[2J")).toMatchObject({ line: 1, character: 2, message: /U\+001B/ });
    expect(decodeStrictText("a\tb\r\nc\n")).toEqual({ ok: true, text: "a\tb\r\nc\n" });
  });

  it("refuses a lone surrogate in text already decoded", () => {
    expect(faultOf("ok\nx\ud800y")).toMatchObject({
      line: 2,
      character: 2,
      message: /lone surrogate U\+D800/,
    });
    expect(decodeStrictText("x\ud83d\ude42")).toEqual({ ok: true, text: "x\ud83d\ude42" });
  });

  it("names the header as the field of a fault on the first line, and counts quoted delimiters as text", () => {
    expect(faultOf(bytes("a,", [0xff], "\n"), ",")).toMatchObject({ field: "the header", column: 2 });
    expect(faultOf(bytes('a,b,c\n"1,2",', [0xc3], "\n"), ",").field).toBe("b");
  });

  it("refuses a file that ends inside a character, and overlong or out-of-range sequences", () => {
    expect(faultOf(bytes("ab", [0xc3])).message).toMatch(/ends inside a character/);
    expect(firstInvalidUtf8(bytes([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(bytes("ok", [0xf4, 0x90, 0x80, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(bytes("é🙂"))).toBe(-1);
  });
});

describe("StrictTextDecoder", () => {
  it("decodes a file cut anywhere into chunks exactly as a whole", () => {
    const whole = bytes([0xef, 0xbb, 0xbf], "a,b\nJosé,🙂\nÅ,€\n");
    for (let size = 1; size <= 5; size++) {
      const decoder = new StrictTextDecoder();
      let text = "";
      for (let i = 0; i < whole.length; i += size) text += decoder.write(whole.subarray(i, i + size));
      text += decoder.end();
      expect(text).toBe("a,b\nJosé,🙂\nÅ,€\n");
    }
  });

  it("locates a fault by its line across chunks", () => {
    const decoder = new StrictTextDecoder({ delimiter: "," });
    decoder.write(bytes("id,name\n1,A"));
    decoder.write(bytes("na\n2,Jo"));
    const error = (() => {
      try {
        decoder.write(bytes([0xe9], "\n"));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TextFaultError);
    expect((error as TextFaultError).fault).toMatchObject({
      line: 3,
      character: 5,
      field: "name",
      column: 2,
    });
  });
});
