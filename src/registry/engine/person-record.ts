import {
  type BirthDate,
  normalisePerson,
  type Person,
  phoneticKey,
  type RawPerson,
} from "../../identity/engine/index.ts";
import { NO_PROTECTION } from "../protection.contract.ts";
import type { PersonInput } from "../registry.contract.ts";

/** An empty record, for building one field by field. */
export function emptyPerson(): PersonInput {
  return {
    givenNames: [],
    surnames: [],
    aliases: [],
    sex: null,
    birthDate: null,
    birthDateAsWritten: "",
    birthPlace: "",
    nationalities: [],
    documents: [],
    phones: [],
    email: "",
    addresses: [],
    priorResidences: [],
    languages: [],
    vulnerabilities: [],
    protection: NO_PROTECTION,
  };
}

/** The identity engine's raw view of a registry person, so its normaliser and scorer can be reused. */
export function toRawPerson(id: string, p: PersonInput): RawPerson {
  const raw: RawPerson = { id };
  const set = (field: keyof RawPerson, value: string | undefined | null) => {
    if (value && value.trim() !== "") (raw as Record<string, string>)[field] = value;
  };
  set("given_name", p.givenNames.join(" "));
  set("surname", p.surnames[0]);
  set("second_surname", p.surnames.slice(1).join(" "));
  set("sex", p.sex);
  set("date_of_birth", p.birthDate);
  set("birth_place", p.birthPlace);
  set("nationality", p.nationalities[0]);
  set("document_number", p.documents[0]?.number);
  set("phone", p.phones[0]);
  set("email", p.email);
  const address = p.addresses[0];
  set("address", address?.line);
  set("city", address?.city);
  set("postcode", address?.postcode);
  set("region", address?.region);
  return raw;
}

/** Normalises a registry person for scoring and encoding. */
export function normaliseRecord(id: string, p: PersonInput): Person {
  return normalisePerson(toRawPerson(id, p));
}

/** Tokens of a name as search sees them: folded, with their phonetic keys. */
function nameTerms(kind: "g" | "s", tokens: string[]): string[] {
  return tokens.flatMap((t) => {
    const sound = phoneticKey(t);
    return sound ? [`${kind}:${t}`, `${kind}p:${sound}`] : [`${kind}:${t}`];
  });
}

/** Date-of-birth terms: the year, year-month and full date as far as known. */
function dateTerms(d: BirthDate | null): string[] {
  if (!d) return [];
  const out = [`y:${d.year}`];
  if (d.month) out.push(`ym:${d.year}-${d.month}`);
  if (d.month && d.day) out.push(`d:${d.year}-${d.month}-${d.day}`);
  return out;
}

/**
 * The plaintext search terms of a person (the service turns each into a keyed blind index before storing):
 * name tokens and their phonetic keys (aliases too), date-of-birth parts, documents and phones.
 */
export function personTerms(p: PersonInput): string[] {
  const n = normaliseRecord("", p);
  const aliasTokens = p.aliases.flatMap((a) => {
    const alias = normalisePerson({ id: "", full_name: a });
    return [...alias.given, ...alias.surnames];
  });
  const terms = [
    ...nameTerms("g", n.given),
    ...nameTerms("s", n.surnames),
    ...nameTerms("g", aliasTokens),
    ...nameTerms("s", aliasTokens),
    ...dateTerms(n.dob),
    ...p.documents.map((d) => `doc:${normalisePerson({ id: "", document_number: d.number }).document}`),
    ...p.phones.map((ph) => `ph:${normalisePerson({ id: "", phone: ph }).phone}`),
  ];
  return [...new Set(terms)].filter((t) => !t.endsWith(":"));
}

/** What a search asks for, as name and date terms; names select candidates, a date alone does too. */
export function queryTerms(query: { given?: string; surname?: string; dob?: string; document?: string }): {
  person: Person;
  nameTerms: string[];
  otherTerms: string[];
} {
  const raw: RawPerson = { id: "query" };
  if (query.given) raw.given_name = query.given;
  if (query.surname) raw.surname = query.surname;
  if (query.dob) raw.date_of_birth = query.dob;
  if (query.document) raw.document_number = query.document;
  const person = normalisePerson(raw);
  const names = [...nameTerms("g", person.given), ...nameTerms("s", person.surnames)];
  const docs = person.document ? [`doc:${person.document}`] : [];
  const dates = dateTerms(person.dob);
  return { person, nameTerms: names, otherTerms: [...docs, ...(person.dob?.day ? dates.slice(-1) : dates)] };
}

/** The display name of a record: given names then surnames. */
export function displayName(p: Pick<PersonInput, "givenNames" | "surnames">): string {
  return [...p.givenNames, ...p.surnames].join(" ").trim();
}
