import { createHmac } from "node:crypto";
import { type NormaliseOptions, normaliseEntityId, normaliseEntityType } from "./entities.ts";

/** An identifier as a nation shares it: a keyed hash, never the raw value. */
export interface SharedIdentifier {
  type: string;
  /** HMAC-SHA-256 (hex) of `type:normalised-id` under the key the partner nations agreed. */
  hash: string;
}

/**
 * Hashes one identifier for cross-nation discovery. The value is normalised first (so "+52 55 1234 5678"
 * in one nation meets "0052-5512345678" in another) and the type is part of the message (a phone and an
 * account with the same digits do not collide). Without the key, the hash cannot be reversed by trying
 * every phone number, which a plain hash of a phone number can.
 */
export function hashIdentifier(
  key: Uint8Array | string,
  rawType: string,
  rawId: string,
  options: NormaliseOptions = {},
): SharedIdentifier {
  const type = normaliseEntityType(rawType);
  const id = normaliseEntityId(type, rawId, options);
  return { type, hash: createHmac("sha256", key).update(`${type}:${id}`).digest("hex") };
}

/** Hashes that appear on both sides: each names an identifier both nations hold, revealed to neither. */
export function findSharedIdentifiers(
  mine: SharedIdentifier[],
  theirs: SharedIdentifier[],
): SharedIdentifier[] {
  const theirHashes = new Set(theirs.map((t) => `${t.type}:${t.hash}`));
  const seen = new Set<string>();
  return mine.filter((m) => {
    const key = `${m.type}:${m.hash}`;
    if (!theirHashes.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
