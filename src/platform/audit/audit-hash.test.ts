import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { batchHeadHash, GENESIS_HASH, leafHash, merkleRoot } from "./audit-hash.ts";

const sha = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();
const leaf = (text: string) => sha(Buffer.from([0]), Buffer.from(text, "latin1"));
const node = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);
const hex = (b: Buffer) => b.toString("hex");

describe("leafHash", () => {
  it("is SHA-256 over 0x00 and the text's bytes (RFC 6962)", () => {
    expect(leafHash('{"a":1}')).toBe(hex(leaf('{"a":1}')));
    expect(leafHash("")).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  });
});

describe("merkleRoot", () => {
  const [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map(leaf) as [Buffer, Buffer, Buffer, Buffer, Buffer];
  it.each<[string, Buffer[], Buffer]>([
    ["one leaf is its own root", [a], a],
    ["two leaves", [a, b], node(a, b)],
    ["three: the left subtree takes the largest power of two", [a, b, c], node(node(a, b), c)],
    ["four", [a, b, c, d], node(node(a, b), node(c, d))],
    ["five", [a, b, c, d, e], node(node(node(a, b), node(c, d)), e)],
  ])("%s", (_, leaves, root) => {
    expect(merkleRoot(leaves.map(hex))).toBe(hex(root));
  });

  it("is the hash of nothing for no leaves", () => {
    expect(merkleRoot([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("changes when two leaves swap places", () => {
    expect(merkleRoot([hex(a), hex(b), hex(c)])).not.toBe(merkleRoot([hex(b), hex(a), hex(c)]));
  });
});

describe("batchHeadHash", () => {
  const base = {
    tenantId: "COL",
    batchNo: 3,
    firstIndex: 11,
    lastIndex: 20,
    root: "ab".repeat(32),
    prevHead: GENESIS_HASH,
  };
  it.each([
    ["tenantId", { tenantId: "MEX" }],
    ["batchNo", { batchNo: 4 }],
    ["firstIndex", { firstIndex: 12 }],
    ["lastIndex", { lastIndex: 21 }],
    ["root", { root: "cd".repeat(32) }],
    ["prevHead", { prevHead: "11".repeat(32) }],
  ])("covers %s", (_, change) => {
    expect(batchHeadHash({ ...base, ...change })).not.toBe(batchHeadHash(base));
  });
});
