import type { SealedPerson } from "./person-seal.codec.ts";

/**
 * A chunk of sealed people as the bulk insert sends it: one text per column, the rows' values separated by a
 * comma and the elements of a row's list (terms, filter terms, shielded nations) by a space; an empty value is
 * a null. A chunk crosses from a sealing thread as a dozen strings instead of thousands of objects, and goes to
 * the database as a dozen parameters that the server splits again (`insertPeopleBulk`). Every value is made of
 * the key id's letters, base64 or base64url and nation codes, none of which holds a comma or a space.
 */
export interface SealedBatch {
  count: number;
  external_key: string;
  external_id_enc: string;
  given_names_enc: string;
  surnames_enc: string;
  sex_enc: string;
  birth_date_enc: string;
  details_enc: string;
  terms: string;
  filter_terms: string;
  clk: string;
  name_dob_clk: string;
  shielded_from: string;
}

/** Packs sealed people (in order) into one text per column. */
export function packSealed(rows: readonly SealedPerson[]): SealedBatch {
  const scalar = (pick: (r: SealedPerson) => string | null) => rows.map((r) => pick(r) ?? "");
  const list = (pick: (r: SealedPerson) => readonly string[]) => rows.map((r) => pick(r).join(" "));
  const bytes = (pick: (r: SealedPerson) => Uint8Array | null) =>
    rows.map((r) => {
      const b = pick(r);
      return b === null ? "" : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
    });
  return {
    count: rows.length,
    external_key: joined(
      scalar((r) => r.external_key),
      false,
    ),
    external_id_enc: joined(
      scalar((r) => r.external_id_enc),
      false,
    ),
    given_names_enc: joined(
      scalar((r) => r.given_names_enc),
      false,
    ),
    surnames_enc: joined(
      scalar((r) => r.surnames_enc),
      false,
    ),
    sex_enc: joined(
      scalar((r) => r.sex_enc),
      false,
    ),
    birth_date_enc: joined(
      scalar((r) => r.birth_date_enc),
      false,
    ),
    details_enc: joined(
      scalar((r) => r.details_enc),
      false,
    ),
    terms: joined(
      list((r) => r.terms),
      true,
    ),
    filter_terms: joined(
      list((r) => r.filter_terms),
      true,
    ),
    clk: joined(
      bytes((r) => r.clk),
      false,
    ),
    name_dob_clk: joined(
      bytes((r) => r.name_dob_clk),
      false,
    ),
    shielded_from: joined(
      list((r) => r.shielded_from),
      true,
    ),
  };
}

/**
 * The rows' values joined by commas, checked to split back into as many: a value holding a comma (or, where a
 * row has one value, a space) is refused here rather than stored astray. A list's elements are keyed hashes and
 * nation codes, which hold neither.
 */
function joined(values: string[], lists: boolean): string {
  const text = values.join(",");
  let commas = 0;
  for (let at = text.indexOf(","); at !== -1; at = text.indexOf(",", at + 1)) commas++;
  if (commas !== values.length - 1 || (!lists && text.includes(" ")))
    throw new Error("a sealed value holds a separator and cannot be packed");
  return text;
}

/** The values of one packed column, one per row (an empty value for a null). */
export function packedValues(batch: SealedBatch, column: Exclude<keyof SealedBatch, "count">): string[] {
  const text = batch[column];
  return batch.count === 1 ? [text] : text.split(",");
}
