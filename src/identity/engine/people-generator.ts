import { randomBelow } from "../../shared/seeded-random.ts";
import type { GeneratedPerson } from "./generated-person.ts";
import { corruptPerson } from "./generator-corrupt.ts";
import { GENERATED_COUNTRIES, type NamePools, poolFor, TOWNS } from "./generator-names.ts";

export type { GeneratedPerson } from "./generated-person.ts";

export const GENERATED_COLUMNS: readonly (keyof GeneratedPerson)[] = [
  "id",
  "given_name",
  "middle_name",
  "surname",
  "second_surname",
  "sex",
  "date_of_birth",
  "nationality",
  "birth_place",
  "document_number",
  "phone",
  "city",
];

export interface GenerateOptions {
  /** Share of records that are duplicates of an earlier person. */
  duplicateShare?: number;
  /** Most duplicates one person gets. */
  maxDuplicates?: number;
  /** Duplicates also lose what old, sparse records lose (names, dates, birthplaces): see `corruptPerson`. */
  heavy?: boolean;
}

const PHONE_PREFIX: Record<string, string> = {
  MX: "52",
  GT: "502",
  HN: "504",
  SV: "503",
  CO: "57",
  VE: "58",
  EC: "593",
  PE: "51",
  CU: "53",
  HT: "509",
  BR: "55",
  NI: "505",
};

/** Picks one item. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[randomBelow(random, items.length)]!;
}

function pickCountry(random: () => number): string {
  const total = GENERATED_COUNTRIES.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [country, weight] of GENERATED_COUNTRIES) {
    r -= weight;
    if (r < 0) return country;
  }
  return "MX";
}

/** One original person: names drawn from the country's lists, two surnames where the custom has them. */
export function generateOriginal(random: () => number, pools: NamePools, index: number): GeneratedPerson {
  const country = pickCountry(random);
  const female = random() < 0.5;
  const given = poolFor(female ? pools.female : pools.male, country, female ? "female" : "male");
  const surnames = poolFor(pools.surnames, country, "surnames");
  const compound = random() < (country === "HT" ? 0.45 : 0.3);
  const year = 1945 + randomBelow(random, 76);
  const month = 1 + randomBelow(random, 12);
  const day = 1 + randomBelow(random, 28);
  const digits = (n: number) => Array.from({ length: n }, () => randomBelow(random, 10)).join("");
  return {
    id: `p${index}`,
    cluster_id: `c${index}`,
    given_name:
      compound && country === "HT" ? `${pick(random, given)}-${pick(random, given)}` : pick(random, given),
    middle_name: compound && country !== "HT" ? pick(random, given) : "",
    surname:
      country === "BR" && random() < 0.3
        ? `${pick(random, ["da", "dos", "de"])} ${pick(random, surnames)}`
        : pick(random, surnames),
    second_surname: country === "HT" || country === "BR" ? "" : pick(random, surnames),
    sex: female ? "F" : "M",
    date_of_birth: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    nationality: country,
    birth_place: pick(random, TOWNS[country] ?? ["Capital"]),
    document_number: `${country}${digits(9)}`,
    phone: random() < 0.7 ? `+${PHONE_PREFIX[country] ?? "1"} ${digits(8)}` : "",
    city: pick(random, TOWNS[pick(random, ["MX", "GT", "CO", "PE", "BR", "MX", country])] ?? ["Capital"]),
  };
}

/**
 * Generates `n` records: originals and, for a share of them, duplicates corrupted the way registries
 * corrupt them. Same seed (random source), same records. Records are shuffled so duplicates are not adjacent.
 */
export function generatePeople(
  n: number,
  random: () => number,
  pools: NamePools,
  options: GenerateOptions = {},
): GeneratedPerson[] {
  const share = options.duplicateShare ?? 0.3;
  const maxDup = options.maxDuplicates ?? 3;
  const out: GeneratedPerson[] = [];
  let originals = 0;
  while (out.length < n) {
    const person = generateOriginal(random, pools, originals++);
    out.push(person);
    if (random() >= (share / (1 - share)) * (2 / (1 + maxDup))) continue;
    const copies = 1 + randomBelow(random, maxDup);
    for (let c = 0; c < copies && out.length < n; c++) {
      out.push({ ...corruptPerson(random, person, options.heavy), id: `${person.id}-d${c + 1}` });
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(random, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
