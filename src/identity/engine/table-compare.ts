import { COMPARISONS, compareCode, compareNames, compareText, pickNameLevels } from "./compare.ts";
import { comparePackedDates } from "./dates.ts";
import { type MatchModel, nameRarity, vectorWeight } from "./model.ts";
import { COLUMN, type PeopleTable, ROW } from "./people-table.ts";

const MISSING = -128;
// Imported constants copied into locals: transpiled imports are read through getters, too slow in hot loops.
const STRIDE = ROW;
const datesLevel = comparePackedDates;
const namesLevel = compareNames;
const pickNames = pickNameLevels;
const codeLevel = compareCode;
const textLevel = compareText;
const totalWeight = vectorWeight;
const {
  given: C_GIVEN,
  surname: C_SURNAME,
  dob: C_DOB,
  sex: C_SEX,
  document: C_DOCUMENT,
  phone: C_PHONE,
  email: C_EMAIL,
  address: C_ADDRESS,
  city: C_CITY,
  postcode: C_POSTCODE,
  region: C_REGION,
  birthPlace: C_BIRTH_PLACE,
  nationality: C_NATIONALITY,
} = COLUMN;

/**
 * A direct-mapped cache of one small result (-8 to 7) per ordered pair of text ids: memory stays fixed
 * however many pairs are scored, a collision only costs a recomputation, and the value sits beside its
 * key so a lookup touches one cache line.
 */
export class PairCache {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(bits: number) {
    this.slots = new Int32Array(2 << bits);
    this.mask = (1 << bits) - 1;
  }

  /** The cached value of (a, b), or MISSING. */
  get(a: number, b: number): number {
    const h = 2 * this.slot(a, b);
    const tail = this.slots[h + 1]!;
    return this.slots[h] === a + 1 && tail >>> 4 === b ? (tail & 15) - 8 : MISSING;
  }

  /** Stores (when b is below 2^27) and returns the value of (a, b). */
  set(a: number, b: number, value: number): number {
    if (b >= 1 << 27) return value;
    const h = 2 * this.slot(a, b);
    this.slots[h] = a + 1;
    this.slots[h + 1] = (b << 4) | (value + 8);
    return value;
  }

  private slot(a: number, b: number): number {
    const h = Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0x9e3779b1);
    return (h ^ (h >>> 15)) & this.mask;
  }
}

/**
 * Compares people held in a table, giving exactly the levels `compareVector` gives for the same people,
 * but with equal texts found by id and name and place similarities cached per pair of distinct texts
 * (many people share names and towns).
 */
export class TableComparer {
  private readonly names = new PairCache(23);
  private readonly places = new PairCache(20);
  private readonly sexUnknown: number;

  constructor(readonly table: PeopleTable) {
    this.sexUnknown = table.texts.indexOf("x");
  }

  /** Fills `out` with the comparison vector of people i and j; returns whether names were crossed over. */
  compare(i: number, j: number, out: Int8Array): boolean {
    const r = this.table.rows;
    const a = i * STRIDE;
    const b = j * STRIDE;
    const swapped = this.compareNamesOf(
      r[a + C_GIVEN]!,
      r[a + C_SURNAME]!,
      r[b + C_GIVEN]!,
      r[b + C_SURNAME]!,
      out,
    );
    const da = r[a + C_DOB]!;
    const db = r[b + C_DOB]!;
    out[2] = da >= 0 && db >= 0 ? datesLevel(da, db) : -1;
    const sa = r[a + C_SEX]!;
    const sb = r[b + C_SEX]!;
    out[3] = sa === this.sexUnknown || sb === this.sexUnknown ? -1 : exact(sa, sb);
    out[4] = this.code(r[a + C_DOCUMENT]!, r[b + C_DOCUMENT]!);
    out[5] = this.code(r[a + C_PHONE]!, r[b + C_PHONE]!);
    out[6] = this.code(r[a + C_EMAIL]!, r[b + C_EMAIL]!);
    out[7] = this.place(r[a + C_ADDRESS]!, r[b + C_ADDRESS]!, 4);
    out[8] = this.place(r[a + C_CITY]!, r[b + C_CITY]!, 3);
    out[9] = this.code(r[a + C_POSTCODE]!, r[b + C_POSTCODE]!);
    out[10] = exact(r[a + C_REGION]!, r[b + C_REGION]!);
    out[11] = this.place(r[a + C_BIRTH_PLACE]!, r[b + C_BIRTH_PLACE]!, 3);
    out[12] = exact(r[a + C_NATIONALITY]!, r[b + C_NATIONALITY]!);
    return swapped;
  }

  private compareNamesOf(ga: number, sa: number, gb: number, sb: number, out: Int8Array): boolean {
    const g = this.name(ga, gb);
    const s = this.name(sa, sb);
    if (g + s >= 7) {
      out[0] = g;
      out[1] = s;
      return false;
    }
    const levels = pickNames(g, s, this.name(ga, sb), this.name(sa, gb));
    out[0] = levels[0];
    out[1] = levels[1];
    return levels[2];
  }

  /** `compareNames` of two name texts by id. */
  private name(a: number, b: number): number {
    if (a === 0 || b === 0) return -1;
    if (a === b) return 4;
    const cached = this.names.get(a, b);
    if (cached !== MISSING) return cached;
    const { texts, tokens } = this.table;
    return this.names.set(a, b, namesLevel(tokens[a]!, texts[a]!, tokens[b]!, texts[b]!));
  }

  /** `compareText` of two place texts by id; the 3-level answer is the 4-level one less one. */
  private place(a: number, b: number, levels: number): number {
    if (a === 0 || b === 0) return -1;
    let four = a === b ? 3 : this.places.get(a, b);
    if (four === MISSING)
      four = this.places.set(a, b, textLevel(this.table.texts[a]!, this.table.texts[b]!, 4));
    return levels === 4 ? four : Math.max(0, four - 1);
  }

  private code(a: number, b: number): number {
    if (a === 0 || b === 0) return -1;
    return a === b ? 2 : codeLevel(this.table.texts[a]!, this.table.texts[b]!);
  }
}

function exact(a: number, b: number): number {
  if (a === 0 || b === 0) return -1;
  return a === b ? 1 : 0;
}

/** Match weights of pairs of people held in a table, term frequencies included, for one learned model. */
export class TableScorer {
  private readonly scratch = new Int8Array(COMPARISONS.length);
  private readonly givenRarity: Float64Array;
  private readonly surnameRarity: Float64Array;

  constructor(
    readonly comparer: TableComparer,
    readonly model: MatchModel,
  ) {
    this.givenRarity = new Float64Array(comparer.table.texts.length).fill(Number.NaN);
    this.surnameRarity = new Float64Array(comparer.table.texts.length).fill(Number.NaN);
  }

  /** Match weight (log2 odds) of people i and j: the same number `pairWeight` gives. */
  weight(i: number, j: number): number {
    const levels = this.scratch;
    this.comparer.compare(i, j, levels);
    const r = this.comparer.table.rows;
    const gi = r[i * STRIDE + C_GIVEN]!;
    const si = r[i * STRIDE + C_SURNAME]!;
    let adj = 0;
    if (levels[0] === 4 && gi === r[j * STRIDE + C_GIVEN]) adj += this.rarity("given", gi);
    if (levels[1] === 4 && si === r[j * STRIDE + C_SURNAME]) adj += this.rarity("surname", si);
    return totalWeight(this.model, levels) + adj;
  }

  private rarity(kind: "given" | "surname", id: number): number {
    const memo = kind === "given" ? this.givenRarity : this.surnameRarity;
    let value = memo[id]!;
    if (Number.isNaN(value)) {
      value = nameRarity(this.model.tf, kind, this.comparer.table.texts[id]!);
      memo[id] = value;
    }
    return value;
  }
}
