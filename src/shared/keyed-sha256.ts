// HMAC-SHA256 (RFC 2104) under one fixed key, for the hot paths that hash many short values under the same key:
// the Bloom-filter encodings (one HMAC per letter pair and date part) and the blind-index terms. The key's two
// padded blocks are compressed once, when the hasher is made (the precomputation RFC 2104 §4 describes), so a
// value of up to 55 bytes costs two SHA-256 compressions in this thread and no native object or key schedule.
// The output is exactly `createHmac("sha256", key).update(value).digest()`; the tests hold it to that. Pure
// JavaScript (no Node module), like the rest of src/shared.

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const W = new Int32Array(64);

/** One SHA-256 compression of the 64-byte block at `offset` of `block` into `state`. */
function compress(state: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15]!;
    const b = W[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/**
 * Pads `bytes[0, length)` as the end of a message of `prefix + length` bytes (SHA-256's 0x80, zeros and bit
 * length; `bytes` must have room for them) and compresses its blocks into `state`.
 */
function finish(state: Int32Array, bytes: Uint8Array, length: number, prefix: number): void {
  const blocks = Math.ceil((length + 9) / 64);
  const end = blocks * 64;
  bytes.fill(0, length, end);
  bytes[length] = 0x80;
  const bits = (prefix + length) * 8;
  bytes[end - 5] = Math.floor(bits / 2 ** 32) & 0xff;
  bytes[end - 4] = bits >>> 24;
  bytes[end - 3] = (bits >>> 16) & 0xff;
  bytes[end - 2] = (bits >>> 8) & 0xff;
  bytes[end - 1] = bits & 0xff;
  for (let b = 0; b < blocks; b++) compress(state, bytes, b * 64);
}

/** The state's eight words as 32 big-endian bytes, written at `offset` of `out`. */
function writeState(state: Int32Array, out: Uint8Array, offset = 0): Uint8Array {
  for (let i = 0; i < 8; i++) {
    const w = state[i]!;
    out[offset + i * 4] = w >>> 24;
    out[offset + i * 4 + 1] = (w >>> 16) & 0xff;
    out[offset + i * 4 + 2] = (w >>> 8) & 0xff;
    out[offset + i * 4 + 3] = w & 0xff;
  }
  return out;
}

/** SHA-256 of a few bytes (a key longer than a block is hashed first, as HMAC asks). */
function sha256(bytes: Uint8Array): Uint8Array {
  const state = Int32Array.from(IV);
  const padded = new Uint8Array(bytes.length + 72);
  padded.set(bytes);
  finish(state, padded, bytes.length, 0);
  return writeState(state, new Uint8Array(32));
}

/** A keyed hasher: the HMAC of a value, as a fresh 32-byte array or as its first two 32-bit words. */
export interface KeyedSha256 {
  digest(value: string | Uint8Array): Uint8Array;
  /** The first two big-endian 32-bit words of the HMAC (what double hashing into a Bloom filter needs). */
  firstWords(value: string | Uint8Array): [number, number];
}

const utf8 = new TextEncoder();

/** Makes a hasher for one key (any length, as HMAC allows). */
export function keyedSha256(key: Uint8Array): KeyedSha256 {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? sha256(key) : key);
  const pad = new Uint8Array(64);
  const inner = Int32Array.from(IV);
  const outer = Int32Array.from(IV);
  for (let i = 0; i < 64; i++) pad[i] = k[i]! ^ 0x36;
  compress(inner, pad, 0);
  for (let i = 0; i < 64; i++) pad[i] = k[i]! ^ 0x5c;
  compress(outer, pad, 0);

  const state = new Int32Array(8);
  let buffer = new Uint8Array(128);
  const tail = new Uint8Array(64);

  /** Leaves HMAC(key, value) in `state`. */
  const run = (value: string | Uint8Array): void => {
    let length: number;
    if (typeof value === "string") {
      // UTF-8 needs at most 3 bytes per UTF-16 unit; the buffer grows for the rare long value.
      if (buffer.length < value.length * 3 + 72) buffer = new Uint8Array(value.length * 3 + 136);
      length = utf8.encodeInto(value, buffer).written;
    } else {
      if (buffer.length < value.length + 72) buffer = new Uint8Array(value.length + 136);
      buffer.set(value);
      length = value.length;
    }
    // Inner hash: the key's inner block is already compressed; the value follows it.
    state.set(inner);
    finish(state, buffer, length, 64);
    // Outer hash: the key's outer block, then the inner digest.
    writeState(state, tail);
    state.set(outer);
    finish(state, tail, 32, 64);
  };

  return {
    digest(value) {
      run(value);
      return writeState(state, new Uint8Array(32));
    },
    firstWords(value) {
      run(value);
      return [state[0]! >>> 0, state[1]! >>> 0];
    },
  };
}
