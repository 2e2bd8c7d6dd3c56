import { packDate } from "./dates.ts";
import type { Person } from "./person.ts";

/** Where each field sits in a person's row; a row is 16 numbers, one 64-byte cache line. */
export const COLUMN = {
  given: 0,
  surname: 1,
  dob: 2,
  sex: 3,
  document: 4,
  phone: 5,
  email: 6,
  address: 7,
  city: 8,
  postcode: 9,
  region: 10,
  birthPlace: 11,
  nationality: 12,
} as const;
export const ROW = 16;

/**
 * People as rows of numbers: each text field as the id of an interned text, the date of birth packed as
 * yyyymmdd (-1 when missing). A million people share a few hundred thousand distinct names and towns,
 * so this is compact, equal texts are equal ids, a pair's comparison reads two cache lines, and the
 * table crosses to a worker thread as one buffer and a list of texts instead of a million objects.
 */
export interface PeopleTable {
  count: number;
  rows: Int32Array;
  /** Distinct texts; id 0 is the empty text (a missing value). */
  texts: string[];
  /** Name tokens of each text that is a name (as the person held them); empty for other texts. */
  tokens: string[][];
}

const TEXT_FIELDS: readonly [number, (p: Person) => string][] = [
  [COLUMN.given, (p) => p.givenText],
  [COLUMN.surname, (p) => p.surnameText],
  [COLUMN.sex, (p) => p.sex],
  [COLUMN.document, (p) => p.document],
  [COLUMN.phone, (p) => p.phone],
  [COLUMN.email, (p) => p.email],
  [COLUMN.address, (p) => p.address],
  [COLUMN.city, (p) => p.city],
  [COLUMN.postcode, (p) => p.postcode],
  [COLUMN.region, (p) => p.region],
  [COLUMN.birthPlace, (p) => p.birthPlace],
  [COLUMN.nationality, (p) => p.nationality],
];

/** Interns every field of every person into a table; `shared` puts the rows in shared memory for workers. */
export function toPeopleTable(people: readonly Person[], shared = false): PeopleTable {
  const n = people.length;
  const ids = new Map<string, number>([["", 0]]);
  const texts = [""];
  const tokens: string[][] = [[]];
  const intern = (text: string) => {
    let id = ids.get(text);
    if (id === undefined) {
      id = texts.length;
      ids.set(text, id);
      texts.push(text);
    }
    return id;
  };
  const bytes = n * ROW * 4;
  const rows = new Int32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  for (let i = 0; i < n; i++) {
    const p = people[i]!;
    const at = i * ROW;
    for (const [column, read] of TEXT_FIELDS) rows[at + column] = intern(read(p));
    rows[at + COLUMN.dob] = p.dob ? packDate(p.dob) : -1;
    tokens[rows[at + COLUMN.given]!] ??= p.given;
    tokens[rows[at + COLUMN.surname]!] ??= p.surnames;
  }
  for (let t = 0; t < texts.length; t++) tokens[t] ??= [];
  return { count: n, rows, texts, tokens };
}
