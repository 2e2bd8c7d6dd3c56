import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { builtInNamePools, GENERATED_COLUMNS as COLUMNS, generatePeople } from "../identity/index.ts";
import { keyringFrom } from "../platform/crypto/keyring.ts";
import { seededRandom } from "../shared/seeded-random.ts";
import { readRegistryCsv } from "./engine/registry-csv.ts";
import { packedValues, packSealed, type SealedBatch } from "./person-batch.codec.ts";
import {
  openPerson,
  type PersonKeys,
  regionalClkKeys,
  type SealedPerson,
  sealPerson,
} from "./person-seal.codec.ts";
import { sealChunks } from "./person-seal.pool.ts";
import type { PersonInput } from "./registry.contract.ts";
import { personInput } from "./registry.test-support.ts";

// Records sealed today must meet records sealed by earlier versions: the keyed columns (blind indexes, filter
// terms, both encodings) are pinned to digests taken from the code as it was before the import was made faster.
// A change that alters any of them fails here; it would need a data step that rewrites every stored record.

const keyFile = {
  current: "k1",
  keys: { k1: Buffer.alloc(32, 7).toString("base64") },
  index: Buffer.alloc(32, 11).toString("base64"),
};
const keyring = keyringFrom(keyFile);
const keys: PersonKeys = { keyring, clkKeys: regionalClkKeys(keyring, {}) };

/** Generated people (seed 3) as the import reads them: rows the strict reader refuses are left out. */
function generated(n: number) {
  const people = generatePeople(n, seededRandom(3), builtInNamePools());
  const csv = [COLUMNS.join(","), ...people.map((p) => COLUMNS.map((c) => p[c]).join(","))].join("\n");
  const { people: read, problems } = readRegistryCsv(csv, "id", new Map(), { today: "2026-12-01" });
  const refused = new Set(problems.map((p) => p.line));
  return read.filter((p) => !refused.has(p.line));
}

/** Hand-made people that reach what generated ones do not: aliases, several documents and phones, needs. */
const handMade: { externalId: string; person: PersonInput }[] = [
  {
    externalId: "h1",
    person: personInput({
      givenNames: ["María", "José"],
      surnames: ["Núñez", "O'Brien"],
      aliases: ["Majo Nunez", "La Chiqui"],
      sex: "F",
      birthDate: "1987-11-03",
      nationalities: ["HND", "GTM"],
      documents: [
        {
          type: "passport",
          number: "P-0042 77",
          typeAsWritten: "",
          issuingCountry: "HND",
          validFrom: null,
          expiry: null,
        },
        {
          type: "national_id",
          number: "0801-1987-12345",
          typeAsWritten: "",
          issuingCountry: "HND",
          validFrom: null,
          expiry: null,
        },
      ],
      phones: ["+504 9999-0000", "+52 55 1234 5678"],
      vulnerabilities: ["unaccompanied_child", "serious_medical_condition"],
      protection: { status: "refugee", from: ["NIC"] },
    }),
  },
  {
    externalId: "h2",
    person: personInput({
      givenNames: ["Jean-Baptiste"],
      surnames: ["Dérisier"],
      sex: null,
      birthDate: null,
      nationalities: [],
      documents: [],
      languages: ["ht", "fr"],
    }),
  },
  {
    externalId: "h3",
    person: personInput({ givenNames: ["Ana"], surnames: ["Li"], birthDate: "1990", documents: [] }),
  },
];

/** A digest of the keyed columns of sealed people, in order. */
function keyedDigest(rows: SealedPerson[]): string {
  const hash = createHash("sha256");
  for (const r of rows) {
    hash.update(
      JSON.stringify([
        r.external_key,
        r.terms,
        r.filter_terms,
        Buffer.from(r.clk).toString("base64"),
        r.name_dob_clk ? Buffer.from(r.name_dob_clk).toString("base64") : null,
        r.shielded_from,
      ]),
    );
  }
  return hash.digest("hex");
}

const PINNED = {
  generated: "eb834ae80e2d2035346adeeff2fefcc7409de30446d01f4f0151808933e58964",
  handMade: "37fc9a51cd2e78119b04ca67383427c237a30b9c0f1ae78b24aabbc5b6dcaebb",
};

describe("sealPerson keeps its keyed columns", () => {
  const people = generated(600);

  it("seals generated and hand-made people to the same blind indexes and encodings as before", () => {
    expect(people.length).toBeGreaterThan(500);
    const sealed = people.map((p) => sealPerson(keys, p.person, p.externalId, "MEX"));
    expect(keyedDigest(sealed)).toBe(PINNED.generated);
    const made = handMade.map((p) => sealPerson(keys, p.person, p.externalId, "HND"));
    expect(keyedDigest(made)).toBe(PINNED.handMade);
  });

  it("seals the same in worker threads as in this thread, and every value opens again", async () => {
    const chunks = [people.slice(0, 250), people.slice(250)];
    const source = async function* () {
      yield* chunks;
    };
    const fallback = (why: string) => expect.fail(why);
    const batches: SealedBatch[] = [];
    for await (const batch of sealChunks(keys, "MEX", source(), {
      threads: 2,
      minParallel: 0,
      expected: people.length,
      onFallback: fallback,
    }))
      batches.push(batch);
    expect(batches.map((b) => b.count)).toEqual([250, people.length - 250]);
    const inThread = chunks.map((c) =>
      packSealed(c.map((p) => sealPerson(keys, p.person, p.externalId, "MEX"))),
    );
    const keyed = ["external_key", "terms", "filter_terms", "clk", "name_dob_clk", "shielded_from"] as const;
    for (const column of keyed) expect(batches.map((b) => b[column])).toEqual(inThread.map((b) => b[column]));
    const column = (name: Exclude<keyof SealedBatch, "count">) =>
      batches.flatMap((b) => packedValues(b, name));
    const rows = column("details_enc").map((details_enc, i) => ({
      external_id_enc: column("external_id_enc")[i] ?? null,
      given_names_enc: column("given_names_enc")[i] ?? "",
      surnames_enc: column("surnames_enc")[i] ?? "",
      sex_enc: column("sex_enc")[i] || null,
      birth_date_enc: column("birth_date_enc")[i] || null,
      details_enc,
    }));
    rows.forEach((row, i) => {
      const opened = openPerson(keyring, row);
      expect(opened.externalId).toBe(people[i]?.externalId);
      expect(opened.person.givenNames).toEqual(people[i]?.person.givenNames);
      expect(opened.person.birthDate).toEqual(people[i]?.person.birthDate);
    });
    // Each value has its own random nonce: two sealings of one person never share a ciphertext.
    expect(inThread[0]?.given_names_enc).not.toBe(batches[0]?.given_names_enc);
    expect(new Set(rows.map((r) => r.details_enc.split(":")[2])).size).toBe(people.length);
  });
});

describe("packSealed", () => {
  it("keeps one value per row, nulls as empty values, and refuses a value holding a separator", () => {
    const [a, b] = handMade.map((p) => sealPerson(keys, p.person, p.externalId, "HND"));
    const one = packSealed([{ ...b!, sex_enc: null, name_dob_clk: null, terms: [] }]);
    expect(one).toMatchObject({ count: 1, sex_enc: "", name_dob_clk: "", terms: "" });
    const two = packSealed([a!, { ...b!, birth_date_enc: null }]);
    expect(packedValues(two, "birth_date_enc")).toEqual([a!.birth_date_enc, ""]);
    expect(packedValues(two, "terms")).toEqual([a!.terms.join(" "), b!.terms.join(" ")]);
    expect(packedValues(two, "shielded_from")).toEqual(["NIC", ""]);
    expect(() => packSealed([{ ...a!, external_key: "k 1" }])).toThrow(/separator/);
    expect(() => packSealed([a!, { ...b!, terms: ["x,y"] }])).toThrow(/separator/);
    expect(() => packSealed([{ ...a!, details_enc: "enc1:k1,x" }])).toThrow(/separator/);
  });
});
