import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type KeyedSha256, keyedSha256 } from "../../shared/keyed-sha256.ts";
import { AppError } from "../errors.ts";
import type { Keyring } from "./keyring.ts";

const PREFIX = "enc1";

/**
 * Encrypts one personal value with AES-256-GCM under the current key. The stored text carries the key id, so
 * values written under older keys stay readable during and after a rotation. `context` (for example
 * `registry.person.surname`) is bound as associated data: a value copied into another column will not decrypt.
 */
export function encryptField(keyring: Keyring, plaintext: string, context: string): string {
  const iv = freshNonce();
  const cipher = createCipheriv("aes-256-gcm", keyring.key(keyring.currentId), iv);
  cipher.setAAD(contextBytes(context));
  const body = cipher.update(plaintext, "utf8");
  const last = cipher.final();
  const sealed = Buffer.concat([body, last, cipher.getAuthTag()]);
  return `${PREFIX}:${keyring.currentId}:${iv.toString("base64url")}:${sealed.toString("base64url")}`;
}

/** The UTF-8 bytes of each context (a handful of constants), made once. */
const contexts = new Map<string, Buffer>();

function contextBytes(context: string): Buffer {
  let bytes = contexts.get(context);
  if (!bytes) {
    bytes = Buffer.from(context);
    if (contexts.size < 1_000) contexts.set(context, bytes);
  }
  return bytes;
}

/** Nonces per draw from the system's random source. */
const NONCES_PER_DRAW = 256;
const NONCE_BYTES = 12;
let nonces = Buffer.alloc(0);
let nextNonce = 0;

/**
 * A fresh random 96-bit nonce. Asking the system's random source once per value cost as much as the encryption
 * itself in a bulk import; the bytes are drawn 256 nonces at a time instead and each is handed out once, so the
 * nonces are as random and as unique as before.
 */
function freshNonce(): Buffer {
  if (nextNonce + NONCE_BYTES > nonces.length) {
    nonces = randomBytes(NONCE_BYTES * NONCES_PER_DRAW);
    nextNonce = 0;
  }
  const nonce = nonces.subarray(nextNonce, nextNonce + NONCE_BYTES);
  nextNonce += NONCE_BYTES;
  return nonce;
}

/** Decrypts a value written by `encryptField`; tampering or a wrong context is an error, never garbage. */
export function decryptField(keyring: Keyring, stored: string, context: string): string {
  const [prefix, keyId, ivText, bodyText] = stored.split(":");
  if (prefix !== PREFIX || !keyId || !ivText || !bodyText) {
    throw new AppError("INTERNAL", `an encrypted ${context} value is not in the expected format`);
  }
  const data = Buffer.from(bodyText, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", keyring.key(keyId), Buffer.from(ivText, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new AppError("INTERNAL", `an encrypted ${context} value failed its integrity check`);
  }
}

/** The id of the key a stored value was encrypted with. */
export function keyIdOf(stored: string): string | undefined {
  return stored.startsWith(`${PREFIX}:`) ? stored.split(":")[1] : undefined;
}

/**
 * A keyed hash for equality search on an encrypted field (a blind index): the same normalised value gives the
 * same index, and without the key nothing about the value can be learned from it.
 */
export function blindIndex(keyring: Keyring, normalised: string, context: string): string {
  const digest = indexHasher(keyring).digest(`${context}\u0000${normalised}`);
  // The first 32 characters of the digest's base64url are exactly those of its first 24 bytes.
  return Buffer.from(digest.buffer, digest.byteOffset, 24).toString("base64url");
}

const indexHashers = new WeakMap<Buffer, KeyedSha256>();

/** The index key's hasher, made once per key (HMAC-SHA256, as `createHmac` computes it). */
function indexHasher(keyring: Keyring): KeyedSha256 {
  let hasher = indexHashers.get(keyring.indexKey);
  if (!hasher) {
    hasher = keyedSha256(keyring.indexKey);
    indexHashers.set(keyring.indexKey, hasher);
  }
  return hasher;
}
