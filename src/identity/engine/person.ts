import { type BirthDate, parseBirthDate } from "./dates.ts";
import {
  documentText,
  foldText,
  givenTokens,
  phoneText,
  placeText,
  sexText,
  surnameTokens,
} from "./normalise-text.ts";
import { phoneticKey } from "./phonetic.ts";

/** The fields a person record may carry; input files name their columns for these through a map. */
export const PERSON_FIELDS = [
  "given_name",
  "middle_name",
  "surname",
  "second_surname",
  "full_name",
  "sex",
  "date_of_birth",
  "birth_place",
  "nationality",
  "document_number",
  "phone",
  "email",
  "address",
  "city",
  "postcode",
  "region",
] as const;

export type PersonField = (typeof PERSON_FIELDS)[number];

/** A person as read from a file: raw text per field, blanks absent. */
export type RawPerson = { id: string } & Partial<Record<PersonField, string>>;

/**
 * A person normalised for comparison; empty strings and empty arrays mean missing. Matching's own shape: the
 * registry builds one only to score duplicates and encode the CLK, and never stores it.
 */
export interface Person {
  id: string;
  given: string[];
  surnames: string[];
  givenText: string;
  surnameText: string;
  givenSound: string;
  surnameSound: string;
  dob: BirthDate | null;
  dobUnreadable: boolean;
  sex: string;
  document: string;
  phone: string;
  email: string;
  address: string;
  city: string;
  postcode: string;
  region: string;
  birthPlace: string;
  nationality: string;
}

/** Remembers the result for each distinct text: names and towns repeat across millions of records. */
function memo(fn: (text: string) => string[]): (text: string) => string[];
function memo(fn: (text: string) => string): (text: string) => string;
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      if (cache.size > 500_000) cache.clear();
      cache.set(text, value);
    }
    return value;
  };
}

const givenOf = memo(givenTokens);
const surnamesOf = memo(surnameTokens);
const soundOf = memo(phoneticKey);
const placeOf = memo(placeText);
const sexOf = memo(sexText);
const foldOf = memo(foldText);

/** Normalises a raw record: names tokenised and folded, dates parsed, documents and phones reduced. */
export function normalisePerson(raw: RawPerson): Person {
  const { given, surnames } = splitNames(raw);
  const dobText = raw.date_of_birth ?? "";
  const dob = parseBirthDate(dobText);
  return {
    id: raw.id,
    given,
    surnames,
    givenText: given.join(" "),
    surnameText: surnames.join(" "),
    givenSound: given.length > 0 ? soundOf(given[0]!) : "",
    surnameSound: surnames.length > 0 ? soundOf(surnames[0]!) : "",
    dob,
    dobUnreadable: dob === null && dobText.trim() !== "",
    sex: sexOf(raw.sex ?? ""),
    document: documentText(raw.document_number ?? ""),
    phone: phoneText(raw.phone ?? ""),
    email: (raw.email ?? "").trim().toLowerCase(),
    address: placeOf(raw.address ?? ""),
    city: placeOf(raw.city ?? ""),
    postcode: foldText(raw.postcode ?? "").replace(/ /g, ""),
    region: foldOf(raw.region ?? ""),
    birthPlace: placeOf(raw.birth_place ?? ""),
    nationality: foldOf(raw.nationality ?? ""),
  };
}

/** Given and surname tokens from the separate fields, or from a full name when those are missing. */
function splitNames(raw: RawPerson): { given: string[]; surnames: string[] } {
  let given = givenOf([raw.given_name, raw.middle_name].filter(Boolean).join(" "));
  let surnames = surnamesOf([raw.surname, raw.second_surname].filter(Boolean).join(" "));
  if ((given.length === 0 || surnames.length === 0) && raw.full_name) {
    const fromFull = splitFullName(raw.full_name);
    if (given.length === 0) given = fromFull.given;
    if (surnames.length === 0) surnames = fromFull.surnames;
  }
  return { given, surnames };
}

/**
 * Splits a full name: "SURNAME, Given" when there is a comma; otherwise one given name and two
 * surnames for three words (Juan Pérez García), two of each for four or more (María José López Díaz).
 */
export function splitFullName(full: string): { given: string[]; surnames: string[] } {
  const comma = full.indexOf(",");
  if (comma >= 0) {
    return { given: givenTokens(full.slice(comma + 1)), surnames: surnameTokens(full.slice(0, comma)) };
  }
  const words = surnameTokens(full);
  if (words.length <= 1) return { given: givenTokens(full), surnames: [] };
  const givenCount = words.length >= 4 ? 2 : 1;
  return {
    given: givenTokens(words.slice(0, givenCount).join(" ")),
    surnames: words.slice(givenCount),
  };
}

/** True when no name token survived normalisation: such a record can only match on other fields. */
export function hasName(p: Person): boolean {
  return p.given.length > 0 || p.surnames.length > 0;
}
