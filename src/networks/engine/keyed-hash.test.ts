import { describe, expect, it } from "vitest";
import { findSharedIdentifiers, hashIdentifier } from "./keyed-hash.ts";

const key = "regional-key-2025";

describe("hashIdentifier", () => {
  it.each([
    ["phone", "+52 55 1234 5678", "phone", "0052-5512345678", true],
    ["mobile", "+52 55 1234 5678", "phone", "+525512345678", true],
    ["account", "mx12 3456", "bank account", "MX12-3456", true],
    ["phone", "+52 55 1234 5678", "phone", "+52 55 1234 5679", false],
    ["phone", "5512345678", "account", "5512345678", false],
  ])("%s %s vs %s %s → same: %s", (typeA, idA, typeB, idB, same) => {
    expect(hashIdentifier(key, typeA, idA).hash === hashIdentifier(key, typeB, idB).hash).toBe(same);
  });

  it("never contains the raw value and changes with the key", () => {
    const shared = hashIdentifier(key, "phone", "+525512345678");
    expect(shared.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(shared.hash).not.toContain("5512345678");
    expect(hashIdentifier("other-key", "phone", "+525512345678").hash).not.toBe(shared.hash);
  });
});

describe("findSharedIdentifiers", () => {
  it("finds what two nations both hold, and nothing else", () => {
    const mex = [hashIdentifier(key, "phone", "+52 55 1234 5678"), hashIdentifier(key, "account", "A-1")];
    const gtm = [
      hashIdentifier(key, "phone", "0052 5512345678"),
      hashIdentifier(key, "phone", "+502 5555 0000"),
    ];
    expect(findSharedIdentifiers(mex, gtm)).toEqual([mex[0]]);
    expect(findSharedIdentifiers(mex, [])).toEqual([]);
  });
});
