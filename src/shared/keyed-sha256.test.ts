import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyedSha256 } from "./keyed-sha256.ts";

const reference = (key: Uint8Array, value: string | Uint8Array) =>
  createHmac("sha256", key).update(value).digest();

describe("keyedSha256", () => {
  it("gives the HMAC of RFC 4231's first test case", () => {
    const key = Buffer.alloc(20, 0x0b);
    expect(Buffer.from(keyedSha256(key).digest("Hi There")).toString("hex")).toBe(
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    );
  });

  it("matches node's HMAC for every length across the block boundaries, for text and bytes", () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 131]) {
      const key = randomBytes(keyLength);
      const hasher = keyedSha256(key);
      for (let n = 0; n <= 200; n++) {
        const bytes = randomBytes(n);
        expect(Buffer.from(hasher.digest(bytes)).equals(reference(key, bytes))).toBe(true);
        const text = "ñandú-ß-漢字-🙂".repeat(n).slice(0, n);
        expect(Buffer.from(hasher.digest(text)).equals(reference(key, text))).toBe(true);
      }
    }
  });

  it("returns the digest's first two words for double hashing", () => {
    const key = randomBytes(32);
    const digest = reference(key, "_a");
    expect(keyedSha256(key).firstWords("_a")).toEqual([digest.readUInt32BE(0), digest.readUInt32BE(4)]);
  });

  it("keeps each digest its own and reads a long value after short ones", () => {
    const key = randomBytes(32);
    const hasher = keyedSha256(key);
    const first = Buffer.from(hasher.digest("one"));
    const long = "x".repeat(10_000);
    expect(Buffer.from(hasher.digest(long)).equals(reference(key, long))).toBe(true);
    expect(first.equals(reference(key, "one"))).toBe(true);
    expect(Buffer.from(hasher.digest("one")).equals(first)).toBe(true);
  });
});
