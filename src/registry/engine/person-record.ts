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

/** Name tokens whose sound is kept, at most: names repeat across a registry, so most are worked out once. */
const MAX_SOUNDS = 20_000;
const sounds = new Map<string, string>();

/** The phonetic key of a folded name token (remembered; the memory is emptied when full). */
function soundOf(token: string): string {
  let sound = sounds.get(token);
  if (sound === undefined) {
    sound = phoneticKey(token);
    if (sounds.size >= MAX_SOUNDS) sounds.clear();
    sounds.set(token, sound);
  }
  return sound;
}

/** Tokens of a name as search sees them: folded, with their phonetic keys. */
function nameTerms(kind: "g" | "s", tokens: string[]): string[] {
  return tokens.flatMap((t) => {
    const sound = soundOf(t);
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
 * name tokens and their phonetic keys (aliases too), date-of-birth parts, documents and phones. `n` is the
 * person as `normaliseRecord` gives it, when the caller has it already.
 */
export function personTerms(p: PersonInput, n: Person = normaliseRecord("", p)): string[] {
  const aliases = aliasTokens(p);
  const terms = [
    ...nameTerms("g", n.given),
    ...nameTerms("s", n.surnames),
    ...nameTerms("g", aliases),
    ...nameTerms("s", aliases),
    ...dateTerms(n.dob),
    ...blockingTerms([...n.given, ...n.surnames, ...aliases], n.dob),
    ...p.documents.map((d) => `doc:${normalisePerson({ id: "", document_number: d.number }).document}`),
    ...p.phones.map((ph) => `ph:${normalisePerson({ id: "", phone: ph }).phone}`),
  ];
  return [...new Set(terms)].filter((t) => !t.endsWith(":"));
}

function aliasTokens(p: PersonInput): string[] {
  return p.aliases.flatMap((a) => {
    const alias = normalisePerson({ id: "", full_name: a });
    return [...alias.given, ...alias.surnames];
  });
}

/** Every unordered pair of the distinct sounds of a name's tokens (given names and surnames swapped still meet). */
function soundPairs(tokens: string[]): string[] {
  const distinct = [...new Set(tokens.map((t) => soundOf(t) || t).filter((t) => t !== ""))].sort();
  const pairs: string[] = [];
  for (let i = 0; i < distinct.length; i++)
    for (let j = i + 1; j < distinct.length; j++) pairs.push(`${distinct[i]}+${distinct[j]}`);
  return pairs;
}

/** A date of birth's part in the blocks: its year and its day and month unordered (swapped, they meet); "?" unknown. */
function datePart(dob: BirthDate | null): { year: string; dayMonth: string } {
  const dayMonth =
    dob?.month && dob.day ? `${Math.min(dob.month, dob.day)}-${Math.max(dob.month, dob.day)}` : "?";
  return { year: dob ? String(dob.year) : "?", dayMonth };
}

/**
 * Blocking terms, as stored with a record: combinations that stay rare where each part is common, so a search
 * reads tens of rows where one common name matched thousands. Each pair of the name's sounds alone, with the
 * birth year and with the day and month; and the full date of birth alone. An unknown part is written "?", so a
 * search that knows it still meets a record that does not (see {@link blockingQuery}).
 */
export function blockingTerms(tokens: string[], dob: BirthDate | null): string[] {
  const pairs = soundPairs(tokens);
  const { year, dayMonth } = datePart(dob);
  return [
    ...pairs.map((p) => `b2:${p}`),
    ...pairs.map((p) => `b2y:${p}|${year}`),
    ...pairs.map((p) => `b2m:${p}|${dayMonth}`),
    ...(dayMonth !== "?" ? [`bd:${year}-${dayMonth}`] : []),
  ];
}

/**
 * The blocking terms a search selects by: without a date of birth, the name's pairs; with one, each pair with
 * the year or with the day and month (a slip in one still meets the other), or with "?" (records that lack
 * them), and the full date alone (a name spelt another way still meets it).
 */
export function blockingQuery(tokens: string[], dob: BirthDate | null): string[] {
  const pairs = soundPairs(tokens);
  if (!dob) return pairs.map((p) => `b2:${p}`);
  const { year, dayMonth } = datePart(dob);
  const out = pairs.flatMap((p) => [`b2y:${p}|${year}`, `b2y:${p}|?`, `b2m:${p}|${dayMonth}`, `b2m:${p}|?`]);
  if (dayMonth !== "?") out.push(`bd:${year}-${dayMonth}`);
  return [...new Set(out)];
}

/**
 * The terms that select a record's candidates (the duplicate check): its blocks as a search asks them, with its
 * documents and phones, when it has any; otherwise its names, documents and phones; otherwise all it has.
 */
export function selectingTerms(p: PersonInput): string[] {
  const n = normaliseRecord("", p);
  const terms = personTerms(p);
  const exact = terms.filter((t) => /^(doc|ph):/.test(t));
  const blocks = blockingQuery([...n.given, ...n.surnames, ...aliasTokens(p)], n.dob);
  if (blocks.length > 0) return [...blocks, ...exact];
  const names = [...terms.filter((t) => /^(g|s|gp|sp):/.test(t)), ...exact];
  return names.length > 0 ? names : terms;
}

/**
 * What a search asks for, as name and date terms. The blocking terms select candidates when the search gives
 * enough for one (two names, or a full date of birth); otherwise names do, and a date alone does too.
 */
export function queryTerms(query: { given?: string; surname?: string; dob?: string; document?: string }): {
  person: Person;
  nameTerms: string[];
  otherTerms: string[];
  /** The query's blocks as a record would store them (they rank candidates). */
  blockTerms: string[];
  /** The terms that select candidates. */
  selecting: string[];
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
  const tokens = [...person.given, ...person.surnames];
  const blocks = blockingQuery(tokens, person.dob);
  const otherTerms = [...docs, ...(person.dob?.day ? dates.slice(-1) : dates)];
  const selecting = blocks.length > 0 ? [...blocks, ...docs] : names.length > 0 ? names : otherTerms;
  return { person, nameTerms: names, otherTerms, blockTerms: blockingTerms(tokens, person.dob), selecting };
}

/** The display name of a record: given names then surnames. */
export function displayName(p: Pick<PersonInput, "givenNames" | "surnames">): string {
  return [...p.givenNames, ...p.surnames].join(" ").trim();
}
