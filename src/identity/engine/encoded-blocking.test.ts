import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { encodeClk, fieldKeys } from "./clk.ts";
import { blockKeys, groupByKey, packEncodings, samplePositions } from "./encoded-blocking.ts";
import { balancedPool, planBlocking } from "./encoded-blocking-plan.ts";
import { type EncodedRecord, linkEncodings } from "./encoded-link.ts";
import { builtInNamePools } from "./generator-names.ts";
import { generatePeople } from "./people-generator.ts";
import { normalisePerson, type RawPerson } from "./person.ts";

const keys = fieldKeys(new TextEncoder().encode("a-shared-regional-secret"));

function randomEncodings(n: number, seed: number): Uint8Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => Uint8Array.from({ length: 128 }, () => Math.floor(random() * 256)));
}

/** Originals and their first corrupted duplicates, encoded: a link where every left record has a partner. */
function generatedLink(n: number, seed: number): { left: EncodedRecord[]; right: EncodedRecord[] } {
  const people = generatePeople(2 * n, seededRandom(seed), builtInNamePools(), {
    duplicateShare: 0.5,
    maxDuplicates: 1,
  });
  const encode = (p: (typeof people)[number]) => ({
    id: p.id,
    clk: encodeClk(normalisePerson(p as unknown as RawPerson), keys),
  });
  return {
    left: people.filter((p) => !p.id.includes("-d")).map(encode),
    right: people.filter((p) => p.id.includes("-d")).map(encode),
  };
}

const likelyPairs = (rows: ReturnType<typeof linkEncodings>) =>
  rows.filter((r) => r.band === "likely").map((r) => `${r.leftId}>${r.rightId}`);

describe("blocking keys on encodings", () => {
  it.each([
    { seed: 1, bits: 6, rounds: 10 },
    { seed: 2, bits: 12, rounds: 40 },
    { seed: 3, bits: 20, rounds: 25 },
    { seed: 4, bits: 31, rounds: 5 },
  ])(
    "identical encodings share every block (seed $seed, $bits bits × $rounds rounds)",
    ({ seed, bits, rounds }) => {
      const clks = randomEncodings(50, seed);
      const packed = packEncodings([...clks, ...clks]);
      for (const positions of samplePositions(seed, rounds, bits)) {
        const k = blockKeys(packed, 100, positions);
        for (let r = 0; r < 50; r++) expect(k[r]).toBe(k[r + 50]);
      }
    },
  );

  it.each([
    { bit: 0, key: 1 },
    { bit: 7, key: 1 },
    { bit: 8, key: 0 },
    { bit: 1023, key: 0 },
  ])("reads bit $bit of the encoding into the key ($key)", ({ bit, key }) => {
    const clk = new Uint8Array(128);
    clk[0] = 0b1000_0001;
    expect(blockKeys(clk, 1, Uint16Array.of(bit))[0]).toBe(key);
  });

  it("groups records block by block (counting sort)", () => {
    const { order, start } = groupByKey(Int32Array.of(3, 1, 3, 0, 1), 2);
    expect([...start]).toEqual([0, 1, 3, 3, 5]);
    expect([...order]).toEqual([3, 1, 4, 0, 2]);
  });

  it("draws distinct positions, the same for the same seed and others for another seed", () => {
    const a = samplePositions(7, 30, 16);
    expect(samplePositions(7, 30, 16)).toEqual(a);
    expect(samplePositions(8, 30, 16)).not.toEqual(a);
    for (const round of a) expect(new Set(round).size).toBe(16);
    const pool = Uint16Array.of(5, 9, 11, 40, 300);
    for (const round of samplePositions(7, 10, 3, pool)) for (const p of round) expect(pool).toContain(p);
  });

  it("samples from bits set in about half the encodings", () => {
    const clks = randomEncodings(400, 5).map((c) => {
      c[0] = 0xff; // bits 0–7 always set: they would only add chance meetings
      return c;
    });
    const pool = balancedPool(packEncodings(clks), packEncodings(clks), 1);
    expect(pool).toHaveLength(512);
    for (let p = 0; p < 8; p++) expect(pool).not.toContain(p);
  });
});

describe("planBlocking", () => {
  const small = packEncodings(randomEncodings(50, 1));
  const large = packEncodings(randomEncodings(20_000, 2));
  it.each([
    { name: "small inputs, auto", a: small, b: small, mode: "auto" as const, method: "none" },
    { name: "forced all against all", a: large, b: large, mode: "none" as const, method: "none" },
    { name: "large inputs, auto", a: large, b: large, mode: "auto" as const, method: "lsh" },
    { name: "small inputs, forced", a: small, b: small, mode: "lsh" as const, method: "lsh" },
  ])("$name → $method", ({ a, b, mode, method }) => {
    const plan = planBlocking(a, b, 0.7, { mode });
    expect(plan.method).toBe(method);
    if (method === "lsh") expect(plan.rounds * plan.bits).toBeGreaterThan(0);
  });

  it("takes more rounds for a lower threshold (pairs at it agree on fewer bits)", () => {
    const at = (threshold: number) => planBlocking(large, large, threshold, { mode: "lsh", bits: 12 }).rounds;
    expect(at(0.6)).toBeGreaterThan(at(0.8));
  });
});

describe("linkEncodings with blocking", () => {
  const { left, right } = generatedLink(1500, 11);

  it("finds nearly every true pair that comparing all against all finds (recall floor 0.99)", () => {
    const all = new Set(likelyPairs(linkEncodings(left, right, { blocking: { mode: "none" } })));
    const blocked = likelyPairs(linkEncodings(left, right, { blocking: { mode: "lsh" } }));
    const isTrue = (pair: string) =>
      pair
        .replace(">", "-d1>")
        .split(">")
        .every((id, _, [l]) => id === l);
    const truth = [...all].filter(isTrue);
    const found = blocked.filter((p) => all.has(p) && isTrue(p)).length;
    expect(truth.length).toBeGreaterThan(1400);
    expect(found / truth.length).toBeGreaterThanOrEqual(0.99);
  });

  it("compares fewer pairs than all against all when forced to block", () => {
    let compared = 0;
    linkEncodings(left, right, { blocking: { mode: "lsh" }, onCompared: (n) => (compared = n) });
    expect(compared).toBeLessThan(left.length * right.length);
  });

  it("always pairs identical encodings, with Dice 1", () => {
    const rows = linkEncodings(left, left, { blocking: { mode: "lsh", bits: 20, rounds: 3 } });
    const likely = rows.filter((r) => r.band === "likely");
    expect(likely).toHaveLength(left.length);
    for (const r of likely) expect([r.rightId, r.score]).toEqual([r.leftId, 1]);
  });

  it("gives the same rows for the same seed", () => {
    const run = (seed: number) => linkEncodings(left, right, { blocking: { mode: "lsh", seed, bits: 14 } });
    expect(run(3)).toEqual(run(3));
    const plans = [3, 4].map((seed) =>
      planBlocking(packEncodings(left.map((r) => r.clk)), packEncodings(right.map((r) => r.clk)), 0.7, {
        mode: "lsh",
        seed,
      }),
    );
    expect(samplePositions(plans[0]!.seed, 5, 8, plans[0]!.pool)).not.toEqual(
      samplePositions(plans[1]!.seed, 5, 8, plans[1]!.pool),
    );
  });
});
