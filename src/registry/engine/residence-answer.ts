import { diceSimilarity, encodeClk, normalisePerson } from "../../identity/engine/index.ts";
import { type DocumentType, RESIDENCE_DOCUMENT_ISSUERS } from "../document-types.contract.ts";
import type { DocumentEntry } from "../registry.contract.ts";

// How a nation answers another nation's prior-residence question from its registry. The question carries the
// regional keyed Bloom-filter encoding (CLK) of name and date of birth only: the registry keeps the same
// encoding of each person beside the full one, so the two are compared bit for bit. The answer rests on a
// residence document issued by the answering nation and certainly valid on the day asked about.

/** The personal facts a question is encoded from; they never leave the asking nation in clear. */
export interface ResidenceSubject {
  givenNames: string;
  familyNames: string;
  birthDate: string;
}

/** Encodings at or above this Dice similarity count as the same person (the identity engine's "likely"). */
export const SAME_PERSON_SIMILARITY = 0.9;

/** The encoding of name and date of birth under the regional keys: what a question carries. */
export function encodeNameAndBirthDate(keys: Map<string, Buffer>, subject: ResidenceSubject): Uint8Array {
  const person = normalisePerson({
    id: "subject",
    given_name: subject.givenNames,
    surname: subject.familyNames,
    date_of_birth: subject.birthDate,
  });
  return encodeClk(person, keys);
}

/** A registry person's name-and-birth-date encoding, or null without a full date of birth or a name. */
export function personNameDobEncoding(
  keys: Map<string, Buffer>,
  person: { givenNames: readonly string[]; surnames: readonly string[]; birthDate: string | null },
): Uint8Array | null {
  if (person.birthDate === null || person.birthDate.length !== 10) return null;
  if (person.givenNames.length === 0 && person.surnames.length === 0) return null;
  return encodeNameAndBirthDate(keys, {
    givenNames: person.givenNames.join(" "),
    familyNames: person.surnames.join(" "),
    birthDate: person.birthDate,
  });
}

/** The candidate whose encoding is most similar to `query`, if any reaches the same-person threshold. */
export function bestEncodingMatch<T extends { encoding: Uint8Array }>(
  query: Uint8Array,
  candidates: readonly T[],
): { candidate: T; similarity: number } | null {
  let best: { candidate: T; similarity: number } | null = null;
  for (const candidate of candidates) {
    const similarity = diceSimilarity(query, candidate.encoding);
    if (similarity >= SAME_PERSON_SIMILARITY && (best === null || similarity > best.similarity)) {
      best = { candidate, similarity };
    }
  }
  return best;
}

/** What an answer may say of the document it rests on: its type and the days it was certainly valid. */
export interface ResidenceDocument {
  type: DocumentType;
  validFrom: string;
  validTo: string | null;
}

const lastDayOfMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The last day a partial date may mean ("2019" → 2019-12-31, "2019-06" → 2019-06-30). */
export function latestDayOf(date: string): string {
  if (date.length === 10) return date;
  const year = Number(date.slice(0, 4));
  return date.length === 7 ? lastDayOfMonth(year, Number(date.slice(5, 7))) : `${date.slice(0, 4)}-12-31`;
}

/** The first day a partial date may mean ("2022" → 2022-01-01, "2022-03" → 2022-03-01). */
export function earliestDayOf(date: string): string {
  if (date.length === 10) return date;
  return date.length === 7 ? `${date}-01` : `${date.slice(0, 4)}-01-01`;
}

/** The nation that issued a document, as far as the record says: the type's own nation, else the one recorded. */
function issuerOf(document: DocumentEntry): string | null {
  const implied = RESIDENCE_DOCUMENT_ISSUERS[document.type];
  return document.issuingCountry ?? implied ?? null;
}

/**
 * The residence document issued by `nation` that was certainly valid on `day` (a partial start counts from
 * the last day it may mean, a partial expiry until the first; no start date, no proof), the latest-starting
 * one when several were; null when none was.
 */
export function residenceDocumentOn(
  documents: readonly DocumentEntry[],
  nation: string,
  day: string,
): ResidenceDocument | null {
  let found: ResidenceDocument | null = null;
  for (const d of documents) {
    if (!(d.type in RESIDENCE_DOCUMENT_ISSUERS) || issuerOf(d) !== nation || d.validFrom === null) continue;
    const validFrom = latestDayOf(d.validFrom);
    const validTo = d.expiry === null ? null : earliestDayOf(d.expiry);
    if (validFrom > day || (validTo !== null && validTo < day)) continue;
    if (found === null || validFrom > found.validFrom) found = { type: d.type, validFrom, validTo };
  }
  return found;
}
