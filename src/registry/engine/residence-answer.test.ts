import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fieldKeys } from "../../identity/engine/index.ts";
import type { DocumentEntry } from "../registry.contract.ts";
import {
  bestEncodingMatch,
  earliestDayOf,
  encodeNameAndBirthDate,
  latestDayOf,
  personNameDobEncoding,
  residenceDocumentOn,
} from "./residence-answer.ts";

const doc = (over: Partial<DocumentEntry>): DocumentEntry => ({
  type: "col_pep",
  typeAsWritten: "",
  number: "PEP 1",
  issuingCountry: null,
  validFrom: "2019-06-01",
  expiry: "2022-03-31",
  ...over,
});

describe("residenceDocumentOn: a residence document the nation issued, certainly valid on the day", () => {
  it.each([
    ["valid on the day", [doc({})], "COL", "2022-02-28", "col_pep"],
    ["valid on its last day", [doc({})], "COL", "2022-03-31", "col_pep"],
    ["expired the day before", [doc({})], "COL", "2022-04-01", null],
    ["not yet valid", [doc({})], "COL", "2019-05-31", null],
    ["open-ended", [doc({ type: "col_ppt", expiry: null })], "COL", "2030-01-01", "col_ppt"],
    ["another nation's question about a Colombian code", [doc({})], "BRA", "2020-01-01", null],
    ["issued elsewhere, as recorded", [doc({ issuingCountry: "PER" })], "COL", "2020-01-01", null],
    [
      "a residence permit with its issuer",
      [doc({ type: "residence_permit", issuingCountry: "COL" })],
      "COL",
      "2020-01-01",
      "residence_permit",
    ],
    [
      "a residence permit with no issuer proves nothing",
      [doc({ type: "residence_permit" })],
      "COL",
      "2020-01-01",
      null,
    ],
    [
      "a refugee ID is never an answer",
      [doc({ type: "refugee_id", issuingCountry: "COL" })],
      "COL",
      "2020-01-01",
      null,
    ],
    [
      "a passport is not residence",
      [doc({ type: "passport", issuingCountry: "COL" })],
      "COL",
      "2020-01-01",
      null,
    ],
    ["no start date, no proof", [doc({ validFrom: null })], "COL", "2020-01-01", null],
    [
      "a start known by month counts from its last day",
      [doc({ validFrom: "2019-06" })],
      "COL",
      "2019-06-15",
      null,
    ],
    ["… and from then on", [doc({ validFrom: "2019-06" })], "COL", "2019-06-30", "col_pep"],
    ["an expiry known by year ends on its first day", [doc({ expiry: "2022" })], "COL", "2022-01-02", null],
  ] as const)("%s", (_why, documents, nation, day, expected) => {
    expect(residenceDocumentOn(documents, nation, day)?.type ?? null).toBe(expected);
  });

  it("answers with the latest-starting document valid on the day, its certain dates", () => {
    const found = residenceDocumentOn(
      [doc({}), doc({ type: "col_ppt", validFrom: "2021-10", expiry: null })],
      "COL",
      "2022-01-15",
    );
    expect(found).toEqual({ type: "col_ppt", validFrom: "2021-10-31", validTo: null });
  });

  it.each([
    ["2019", "2019-12-31", "2019-01-01"],
    ["2024-02", "2024-02-29", "2024-02-01"],
    ["2019-06-15", "2019-06-15", "2019-06-15"],
  ])("reads the partial date %s as %s at the latest and %s at the earliest", (date, latest, earliest) => {
    expect(latestDayOf(date)).toBe(latest);
    expect(earliestDayOf(date)).toBe(earliest);
  });
});

describe("the question's encoding and the registry's", () => {
  const keys = fieldKeys(randomBytes(32));
  const question = encodeNameAndBirthDate(keys, {
    givenNames: "María José",
    familyNames: "Pérez Rodríguez",
    birthDate: "1990-04-12",
  });

  it("are the same bits for the same person, whatever the accents", () => {
    const stored = personNameDobEncoding(keys, {
      givenNames: ["Maria", "Jose"],
      surnames: ["Perez", "Rodriguez"],
      birthDate: "1990-04-12",
    });
    expect(stored && Buffer.from(stored).equals(Buffer.from(question))).toBe(true);
  });

  it("match only at the same-person threshold, and not under other keys", () => {
    const other = (birthDate: string) =>
      personNameDobEncoding(keys, {
        givenNames: ["Maria", "Jose"],
        surnames: ["Perez", "Rodriguez"],
        birthDate,
      })!;
    const elsewhere = personNameDobEncoding(fieldKeys(randomBytes(32)), {
      givenNames: ["María", "José"],
      surnames: ["Pérez", "Rodríguez"],
      birthDate: "1990-04-12",
    })!;
    const candidates = [
      { id: "someone else", encoding: other("1971-09-30") },
      { id: "other keys", encoding: elsewhere },
      { id: "her", encoding: other("1990-04-12") },
    ];
    expect(bestEncodingMatch(question, candidates)?.candidate.id).toBe("her");
    expect(bestEncodingMatch(question, candidates.slice(0, 2))).toBeNull();
  });

  it("leaves people without a full date of birth unencoded", () => {
    expect(
      personNameDobEncoding(keys, { givenNames: ["Ana"], surnames: ["Ruiz"], birthDate: "1990" }),
    ).toBeNull();
    expect(
      personNameDobEncoding(keys, { givenNames: ["Ana"], surnames: ["Ruiz"], birthDate: null }),
    ).toBeNull();
  });
});
