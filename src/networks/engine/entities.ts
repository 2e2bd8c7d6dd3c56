import type { CountryCode } from "libphonenumber-js";
import { parsePhoneNumberFromString } from "libphonenumber-js";

/** The entity kinds the analysis knows; any other type is kept as written and treated as an identifier. */
export const knownEntityTypes = [
  "person",
  "alias",
  "phone",
  "account",
  "address",
  "vehicle",
  "plate",
  "handle",
  "email",
  "safehouse",
  "route",
  "waypoint",
  "case",
  "document",
] as const;

export type KnownEntityType = (typeof knownEntityTypes)[number];

// Spellings seen in case systems and investigators' spreadsheets, mapped to one canonical type.
const typeSynonyms: Record<string, KnownEntityType> = {
  people: "person",
  individual: "person",
  migrant: "person",
  suspect: "person",
  victim: "person",
  name: "alias",
  nickname: "alias",
  smuggler_alias: "alias",
  telephone: "phone",
  tel: "phone",
  mobile: "phone",
  cell: "phone",
  msisdn: "phone",
  phone_number: "phone",
  payment_account: "account",
  bank_account: "account",
  wallet: "account",
  iban: "account",
  car: "vehicle",
  truck: "vehicle",
  license_plate: "plate",
  licence_plate: "plate",
  social_media: "handle",
  social_handle: "handle",
  username: "handle",
  "e-mail": "email",
  safe_house: "safehouse",
  stash_house: "safehouse",
  station: "waypoint",
  bus_station: "waypoint",
  location: "waypoint",
  crossing: "waypoint",
  passport: "document",
};

const knownSet = new Set<string>(knownEntityTypes);

const typeMemo = new Map<string, string>();

/** Canonical lower-case type for a raw type label; unknown labels are kept (lower-cased, spaces to `_`). */
export function normaliseEntityType(raw: string): string {
  let found = typeMemo.get(raw);
  if (found === undefined) {
    found = canonicalType(raw);
    // A file has a handful of type labels; the bound only guards against a column of garbage.
    if (typeMemo.size < 10_000) typeMemo.set(raw, found);
  }
  return found;
}

function canonicalType(raw: string): string {
  const cleaned = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (knownSet.has(cleaned)) return cleaned;
  const plural = cleaned.endsWith("s") ? cleaned.slice(0, -1) : cleaned;
  if (knownSet.has(plural)) return plural;
  return typeSynonyms[cleaned] ?? typeSynonyms[plural] ?? cleaned;
}

/** Types whose nodes stand for a human name: a hub is an identifier linked to many of them. */
export function isNameType(type: string): boolean {
  return type === "person" || type === "alias";
}

/** Places and paths: context for bursts, not identifiers that can be shared by a ring. */
export function isPlaceType(type: string): boolean {
  return type === "route" || type === "waypoint";
}

/** Identifiers are everything that is neither a name, a place nor a case file. */
export function isIdentifierType(type: string): boolean {
  return !isNameType(type) && !isPlaceType(type) && type !== "case";
}

/** A phone number in E.164 (`+525512345678`) when it parses; otherwise its digits, keeping a leading `+`. */
export function normalisePhone(raw: string, defaultRegion?: CountryCode): string {
  const trimmed = raw.trim();
  // International prefix 00 is how many callers write a country code; libphonenumber wants "+".
  const withPlus = trimmed.startsWith("00") ? `+${trimmed.slice(2)}` : trimmed;
  const parsed = parsePhoneNumberFromString(withPlus, defaultRegion);
  if (parsed?.isPossible()) return parsed.number;
  const digits = withPlus.replace(/\D/g, "");
  return withPlus.startsWith("+") ? `+${digits}` : digits;
}

const collapse = (s: string): string => s.trim().replace(/\s+/g, " ");

// One normaliser per type; what makes two spellings the same differs by kind of identifier.
const idNormalisers: Record<string, (raw: string) => string> = {
  account: (raw) => raw.toUpperCase().replace(/[\s.-]/g, ""),
  plate: (raw) => raw.toUpperCase().replace(/[\s.-]/g, ""),
  vehicle: (raw) => raw.toUpperCase().replace(/[\s.-]/g, ""),
  handle: (raw) => raw.trim().toLowerCase().replace(/^@+/, ""),
  email: (raw) => raw.trim().toLowerCase(),
  alias: (raw) => collapse(raw).toLowerCase(),
  address: (raw) =>
    collapse(raw.toLowerCase().replace(/[.,;#]/g, " "))
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, ""),
  safehouse: (raw) => collapse(raw).toLowerCase(),
  waypoint: (raw) => collapse(raw).toLowerCase(),
  route: (raw) => collapse(raw).toLowerCase(),
};

/** Options for identifier normalisation. */
export interface NormaliseOptions {
  /** Region assumed for phone numbers written without a country code (ISO 3166 alpha-2). */
  defaultRegion?: CountryCode;
}

/** Normalises an identifier of a (canonical) type so that two spellings of one thing meet in one node. */
export function normaliseEntityId(type: string, raw: string, options: NormaliseOptions = {}): string {
  if (type === "phone") return normalisePhone(raw, options.defaultRegion);
  const normaliser = idNormalisers[type];
  return normaliser ? normaliser(raw) : collapse(raw);
}

/** A normaliser that remembers what it has seen: a million links repeat the same phones many times. */
export function createIdNormaliser(options: NormaliseOptions = {}): (type: string, raw: string) => string {
  const memo = new Map<string, Map<string, string>>();
  return (type, raw) => {
    let ofType = memo.get(type);
    if (!ofType) {
      ofType = new Map();
      memo.set(type, ofType);
    }
    let value = ofType.get(raw);
    if (value === undefined) {
      value = normaliseEntityId(type, raw, options);
      ofType.set(raw, value);
    }
    return value;
  };
}
