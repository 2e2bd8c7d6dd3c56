import { createHmac } from "node:crypto";
import { type KeyedSha256, keyedSha256 } from "../../shared/keyed-sha256.ts";
import { birthYearTerm, nationalityTerm, needTerm } from "../../shared/worklist-filters.ts";
import type { Keyring } from "./keyring.ts";

// Keyed terms a nation's lists filter on (nationality, specific needs, birth year), kept beside encrypted
// records so a filter is one indexed comparison instead of decrypting the nation's table. Each nation has its
// own key, derived from the keyring's index key and the nation's code: the same value gives the same term
// within a nation and unrelated terms in two nations, and without the keys a term tells nothing.

const keysByRing = new WeakMap<Keyring, Map<string, KeyedSha256>>();

/** The nation's term hasher (its key derived once per keyring and nation, held in memory only). */
function nationKey(keyring: Keyring, tenantId: string): KeyedSha256 {
  let keys = keysByRing.get(keyring);
  if (!keys) {
    keys = new Map();
    keysByRing.set(keyring, keys);
  }
  let key = keys.get(tenantId);
  if (!key) {
    key = keyedSha256(
      createHmac("sha256", keyring.indexKey).update(`hemisphere.filter-terms\u0000${tenantId}`).digest(),
    );
    keys.set(tenantId, key);
  }
  return key;
}

/** The keyed form of one plain term (`nat:VEN`, `need:woman_at_risk`, `by:1990`) in a nation. */
export function nationTerm(keyring: Keyring, tenantId: string, plain: string): string {
  return Buffer.from(nationKey(keyring, tenantId).digest(plain)).toString("base64url").slice(0, 32);
}

/** The keyed forms of several plain terms in a nation. */
export function nationTerms(keyring: Keyring, tenantId: string, plain: readonly string[]): string[] {
  return plain.map((t) => nationTerm(keyring, tenantId, t));
}

/** What a worklist's query asks of the keyed terms: every one of `all`, and one of `any` when it is not null. */
export interface TermFilter {
  all: string[];
  any: string[] | null;
}

/**
 * The keyed terms a worklist query filters on: the nationality and each specific need (all required), and the
 * birth years of an age band in `currentYear` (one required).
 */
export function termFilter(
  keyring: Keyring,
  tenantId: string,
  query: { nationality?: string | undefined; needs: readonly string[]; birthYears: readonly number[] | null },
): TermFilter {
  const all = [
    ...(query.nationality === undefined ? [] : [nationalityTerm(query.nationality)]),
    ...query.needs.map(needTerm),
  ];
  return {
    all: nationTerms(keyring, tenantId, all),
    any:
      query.birthYears === null ? null : nationTerms(keyring, tenantId, query.birthYears.map(birthYearTerm)),
  };
}
