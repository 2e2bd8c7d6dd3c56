import { diceSimilarity, encodeClk, fieldKeys, normalisePerson } from "../../identity/engine/index.ts";

// How a prior-residence question travels between nations: the identity capability's keyed Bloom-filter
// encoding (CLK) of name and date of birth, never the names. Swap the encoding here and nowhere else.

/** The personal facts the encoding is made from; they never leave the asking nation in clear. */
export interface ResidenceSubject {
  givenNames: string;
  familyNames: string;
  birthDate: string;
}

/** Encodings at or above this Dice similarity count as the same person (the identity engine's "likely"). */
export const SAME_PERSON_SIMILARITY = 0.9;

/** Builds the encoder for one regional secret (shared by the partner nations, never stored in the database). */
export function residenceEncoder(secret: Uint8Array) {
  const keys = fieldKeys(secret);
  return {
    /** The opaque encoding of a subject, as base64 text. */
    encode(subject: ResidenceSubject): string {
      const person = normalisePerson({
        id: "subject",
        given_name: subject.givenNames,
        surname: subject.familyNames,
        date_of_birth: subject.birthDate,
      });
      return Buffer.from(encodeClk(person, keys)).toString("base64");
    },
  };
}

/** Similarity of two encodings from 0 (nothing shared) to 1 (the same bits). */
export function encodingSimilarity(a: string, b: string): number {
  return diceSimilarity(Buffer.from(a, "base64"), Buffer.from(b, "base64"));
}

/** The permit whose encoding is most similar to `query`, if any reaches the same-person threshold. */
export function bestResidenceMatch<T extends { encoding: string }>(
  query: string,
  permits: readonly T[],
): { permit: T; similarity: number } | null {
  let best: { permit: T; similarity: number } | null = null;
  for (const permit of permits) {
    const similarity = encodingSimilarity(query, permit.encoding);
    if (similarity >= SAME_PERSON_SIMILARITY && (best === null || similarity > best.similarity)) {
      best = { permit, similarity };
    }
  }
  return best;
}
